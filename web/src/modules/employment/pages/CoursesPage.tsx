import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { courseSorts, programmeLabels, programmes, type Course, type Programme } from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { idFilter, oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { courseQuery, useCourseList, type CourseFilters } from '../api/employment.ts';
import { CreateCourseModal } from '../components/CreateCourseModal.tsx';
import { PublicAddressCard } from '../components/PublicAddressCard.tsx';

const listSpec = {
  filters: { q: textFilter(50), programme: oneOfFilter<Programme>(programmes), orgUnitId: idFilter },
  sorts: courseSorts,
  defaultSort: 'startsOn' as const,
  defaultOrder: 'desc' as const,
};

/** The courses held in the user's territory and the city's, with their seats and certificates. */
export function CoursesPage() {
  const canWrite = useCan('employment:write');
  const me = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const state = useListState(listSpec);
  const filters: CourseFilters = { q: '', ...state.filters, sort: state.sort, order: state.order };
  const list = useCourseList({ ...filters, page: state.page, pageSize: state.pageSize });
  const columns: ListColumn<Course>[] = [
    {
      title: '培训班名称',
      dataIndex: 'title',
      key: 'title',
      sortKey: 'title',
      ellipsis: true,
      render: (title: string, c) => (
        <Link to={`/employment/courses/${c.id}`} data-testid="course-link">
          {title}
        </Link>
      ),
    },
    { title: '培训项目', key: 'programme', width: 120, render: (_v, c) => programmeLabels[c.programme] },
    { title: '收费', key: 'free', width: 64, render: (_v, c) => (c.free ? '免费' : '收费') },
    {
      title: '开班',
      dataIndex: 'startsOn',
      key: 'startsOn',
      width: 110,
      sortKey: 'startsOn',
      render: (d: string) => formatDate(d),
    },
    { title: '结业', dataIndex: 'endsOn', key: 'endsOn', width: 110, render: (d: string) => formatDate(d) },
    { title: '举办单位', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 150, ellipsis: true },
    { title: '名额', dataIndex: 'capacity', key: 'capacity', width: 64, align: 'right', render: formatCount },
    {
      title: '已报名',
      dataIndex: 'enrolled',
      key: 'enrolled',
      width: 72,
      align: 'right',
      render: formatCount,
    },
    { title: '候补', dataIndex: 'waiting', key: 'waiting', width: 64, align: 'right', render: formatCount },
    {
      title: '发证',
      dataIndex: 'certified',
      key: 'certified',
      width: 64,
      align: 'right',
      render: formatCount,
    },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, c) => <Link to={`/employment/courses/${c.id}`}>详情</Link>,
    },
  ];
  return (
    <>
      <PublicAddressCard />
      <DataList
        id="courses"
        title="培训班"
        cardTestId="courses-page"
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="course-create"
            >
              登记培训班
            </Button>
          ) : null
        }
        list={state}
        filters={
          <>
            <Form.Item name="q">
              <SearchField placeholder="按名称搜索" testId="courses-search" width={180} />
            </Form.Item>
            <Form.Item name="programme">
              <FilterSelect<Programme>
                placeholder="培训项目"
                options={programmes.map((p) => ({ value: p, label: programmeLabels[p] }))}
                testId="courses-programme"
                width={140}
              />
            </Form.Item>
            <Form.Item name="orgUnitId">
              <OrgPicker
                asOf={todayIso()}
                known={[me.user.orgUnit]}
                placeholder="举办单位（含下级）"
                testId="courses-org"
                width={180}
              />
            </Form.Item>
          </>
        }
        columns={columns}
        rows={list.data?.items}
        total={list.data?.total ?? 0}
        totalCapped={list.data?.totalCapped}
        totalText={(t) => `共 ${t} 个培训班`}
        totalTestId="courses-total"
        loading={list.isFetching}
        error={list.error}
        errorTitle="培训班载入失败"
        onRefresh={() => void list.refetch()}
        rowKey="id"
        exporter={{
          path: '/employment/courses/export',
          query: courseQuery(filters),
          fallbackName: '培训班.xlsx',
          rowUnit: '个培训班',
          testId: 'courses-export',
        }}
        tableTestId="courses-table"
      >
        {creating ? (
          <CreateCourseModal
            onClose={() => setCreating(false)}
            onCreated={(c) => {
              setCreating(false);
              void message.success(`已登记 ${c.title}`);
              void navigate(`/employment/courses/${c.id}`);
            }}
          />
        ) : null}
      </DataList>
    </>
  );
}
