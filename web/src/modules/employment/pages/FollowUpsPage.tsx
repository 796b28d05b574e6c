import { Link } from 'react-router';
import { Form, Tag } from 'antd';
import { followUpSorts, type FollowUp } from '@gonghui/contracts';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, type ListColumn } from '../../../shared/list/DataList.tsx';
import { YesNoFilter } from '../../../shared/list/filterInputs.tsx';
import { booleanFilter, idFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { followUpQuery, useFollowUpList, type FollowUpFilters } from '../api/employment.ts';

const listSpec = {
  filters: { overdue: booleanFilter, orgUnitId: idFilter },
  sorts: followUpSorts,
  defaultSort: 'followUpDue' as const,
  defaultOrder: 'asc' as const,
};

/** Placements waiting for their three-month follow-up (就业回访), the overdue ones marked. */
export function FollowUpsPage() {
  const me = useSession();
  const state = useListState(listSpec);
  const filters: FollowUpFilters = { ...state.filters, sort: state.sort, order: state.order };
  const list = useFollowUpList({ ...filters, page: state.page, pageSize: state.pageSize });
  const columns: ListColumn<FollowUp>[] = [
    {
      title: '姓名',
      dataIndex: 'seekerName',
      key: 'seekerName',
      width: 130,
      render: (name: string, f) => <Link to={`/employment/seekers/${f.seekerId}`}>{name}</Link>,
    },
    { title: '登记单位', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 160, ellipsis: true },
    { title: '用人单位', dataIndex: 'employerName', key: 'employerName', ellipsis: true },
    { title: '岗位', dataIndex: 'positionTitle', key: 'positionTitle', width: 120 },
    {
      title: '就业日期',
      dataIndex: 'placedOn',
      key: 'placedOn',
      width: 110,
      sortKey: 'placedOn',
      render: (d: string) => formatDate(d),
    },
    {
      title: '应回访日期',
      dataIndex: 'followUpDue',
      key: 'followUpDue',
      width: 150,
      sortKey: 'followUpDue',
      render: (d: string, f) => (
        <>
          {formatDate(d)} {f.daysOverdue > 0 ? <Tag color="red">逾期 {f.daysOverdue} 天</Tag> : null}
        </>
      ),
    },
    {
      title: '操作',
      key: ACTIONS,
      width: 64,
      render: (_v, f) => <Link to={`/employment/seekers/${f.seekerId}`}>回访</Link>,
    },
  ];
  return (
    <DataList
      id="follow-ups"
      title="就业回访"
      cardTestId="follow-ups-page"
      list={state}
      filters={
        <>
          <Form.Item name="overdue">
            <YesNoFilter
              placeholder="是否逾期"
              yes="已逾期"
              no="未到期"
              testId="follow-ups-overdue"
              width={120}
            />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              placeholder="登记单位（含下级）"
              testId="follow-ups-org"
              width={180}
            />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 人待回访`}
      totalTestId="follow-ups-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="待回访名单载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="placementId"
      exporter={{
        path: '/employment/follow-ups/export',
        query: followUpQuery(filters),
        fallbackName: '待回访名单.xlsx',
        rowUnit: '人',
        testId: 'follow-ups-export',
      }}
      tableTestId="follow-ups-table"
    />
  );
}
