import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form, Space, Tag } from 'antd';
import { PlusOutlined, UploadOutlined, SwapOutlined } from '@ant-design/icons';
import {
  genderLabels,
  memberAgeBandLabels,
  memberAgeBands,
  memberStatusLabels,
  memberStatuses,
  type Member,
  type MemberAgeBand,
  type MemberStatus,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { DateFilter, YesNoFilter } from '../../../shared/list/filterInputs.tsx';
import {
  booleanFilter,
  dateFilter,
  idFilter,
  oneOfFilter,
  textFilter,
} from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useOrgUnit } from '../../orgs/api/orgs.ts';
import { EmployerPicker } from '../components/EmployerPicker.tsx';
import { useMemberList, type MemberListParams } from '../api/members.ts';
import { EnrolMemberModal } from '../components/EnrolMemberModal.tsx';
import { RevealButton } from '../components/RevealButton.tsx';
import { useUrlParams } from '../../../shared/useUrlParams.ts';

const statusColor: Record<MemberStatus, string> = {
  active: 'green',
  retired: 'blue',
  unemployed: 'orange',
  transferred: 'default',
  left: 'default',
  deceased: 'default',
};

export function StatusTag({ status }: { status: MemberStatus }) {
  return <Tag color={statusColor[status]}>{memberStatusLabels[status]}</Tag>;
}

const genders = ['male', 'female'] as const;

const listSpec = {
  filters: {
    q: textFilter(40),
    orgUnitId: idFilter,
    employerId: idFilter,
    status: oneOfFilter<MemberStatus>(memberStatuses),
    joinedFrom: dateFilter,
    joinedTo: dateFilter,
    migrantWorker: booleanFilter,
    newEmploymentForm: booleanFilter,
    gender: oneOfFilter<(typeof genders)[number]>(genders),
    ageBand: oneOfFilter<MemberAgeBand>(memberAgeBands),
  },
  sorts: ['id', 'name', 'joinedOn', 'birthDate'] as const,
  defaultSort: 'id' as const,
};

const statusOptions = memberStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }));
const genderOptions = genders.map((g) => ({ value: g, label: genderLabels[g] }));
const ageBandOptions = memberAgeBands.map((b) => ({ value: b, label: memberAgeBandLabels[b] }));
const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : String(v));

export function MembersPage() {
  const canWrite = useCan('member:write');
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const me = useSession();
  const state = useListState(listSpec);
  const [enrolling, setEnrolling] = useState(false);
  const [urlParams, setUrlParams] = useUrlParams();
  // The workbench's shortcut 录入会员 opens the form at once.
  const enrolAsked = urlParams.get('enrol') === '1';
  useEffect(() => {
    if (!enrolAsked) return;
    if (canWrite) setEnrolling(true);
    setUrlParams(
      (p) => {
        p.delete('enrol');
      },
      { replace: true },
    );
  }, [enrolAsked, canWrite, setUrlParams]);
  const f = state.filters;
  const union = useOrgUnit(f.orgUnitId ?? null, todayIso());
  // The filters as the list and its export both send them.
  const filters = {
    q: f.q || undefined,
    orgUnitId: f.orgUnitId,
    employerId: f.employerId,
    status: f.status,
    joinedFrom: f.joinedFrom,
    joinedTo: f.joinedTo,
    migrantWorker: yesNo(f.migrantWorker),
    newEmploymentForm: yesNo(f.newEmploymentForm),
    gender: f.gender,
    ageBand: f.ageBand,
  };
  const query: MemberListParams = {
    ...filters,
    page: state.page,
    pageSize: state.pageSize,
    q: f.q ?? '',
    sort: state.sort,
    order: state.order,
  };
  const list = useMemberList(query);
  const columns: ListColumn<Member>[] = [
    { title: '会员编号', dataIndex: 'registryNo', key: 'registryNo', width: 112, sortKey: 'id' },
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      sortKey: 'name',
      width: 120,
      ellipsis: true,
      fullText: (m) => m.name,
      render: (name: string, m) => <Link to={`/members/${m.id}`}>{name}</Link>,
    },
    {
      title: '身份证号码',
      key: 'residentId',
      width: 204,
      render: (_v, m) => <RevealButton memberId={m.id} field="residentId" masked={m.residentIdMasked} />,
    },
    {
      title: '性别',
      dataIndex: 'gender',
      key: 'gender',
      width: 52,
      render: (g: string) => (g === 'male' ? '男' : '女'),
    },
    { title: '出生日期', dataIndex: 'birthDate', key: 'birthDate', sortKey: 'birthDate', width: 104 },
    { title: '所属工会', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 120, ellipsis: true },
    {
      title: '工作单位',
      dataIndex: 'employerName',
      key: 'employerName',
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '入会日期',
      dataIndex: 'joinedOn',
      key: 'joinedOn',
      sortKey: 'joinedOn',
      width: 104,
      render: formatDate,
    },
    {
      title: '会籍',
      dataIndex: 'status',
      key: 'status',
      width: 80,
      render: (s: MemberStatus) => <StatusTag status={s} />,
    },
  ];

  return (
    <DataList
      id="members"
      title="会员实名制名册"
      cardTestId="members-page"
      extra={
        <Space wrap>
          <Button icon={<SwapOutlined />} onClick={() => void navigate('/members/transfers')}>
            会员关系接转
          </Button>
          {canWrite ? (
            <>
              <Button
                icon={<UploadOutlined />}
                onClick={() => void navigate('/members/import')}
                data-testid="members-import"
              >
                导入名册
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEnrolling(true)}
                data-testid="members-enrol"
              >
                登记入会
              </Button>
            </>
          ) : null}
        </Space>
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField
              placeholder="姓名、拼音或首字母、身份证后四位、完整身份证号码或手机号"
              testId="members-search"
              width={460}
              maxLength={40}
            />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit, ...(union.data ? [union.data] : [])]}
              placeholder="所属工会（含下级）"
              testId="members-union"
              width={200}
            />
          </Form.Item>
          <Form.Item name="employerId">
            <EmployerPicker
              current={null}
              placeholder="工作单位（名称或信用代码）"
              testId="members-employer"
              width={220}
            />
          </Form.Item>
          <Form.Item name="status">
            <FilterSelect
              placeholder="会籍状态"
              options={statusOptions}
              testId="members-status"
              width={140}
            />
          </Form.Item>
          <Form.Item name="joinedFrom">
            <DateFilter placeholder="入会日期起" testId="members-joined-from" width={130} />
          </Form.Item>
          <Form.Item name="joinedTo">
            <DateFilter placeholder="入会日期止" testId="members-joined-to" width={130} />
          </Form.Item>
          <Form.Item name="gender">
            <FilterSelect placeholder="性别" options={genderOptions} testId="members-gender" width={90} />
          </Form.Item>
          <Form.Item name="ageBand">
            <FilterSelect placeholder="年龄段" options={ageBandOptions} testId="members-age" width={130} />
          </Form.Item>
          <Form.Item name="migrantWorker">
            <YesNoFilter
              placeholder="农民工"
              yes="农民工"
              no="非农民工"
              testId="members-migrant"
              width={120}
            />
          </Form.Item>
          <Form.Item name="newEmploymentForm">
            <YesNoFilter
              placeholder="新就业形态"
              yes="新就业形态"
              no="非新就业形态"
              testId="members-new-employment"
              width={130}
            />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 人`}
      totalTestId="members-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="会员名册载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/members/export',
        query: filters,
        fallbackName: '会员名册.xlsx',
        rowUnit: '人',
        testId: 'members-export',
      }}
      tableTestId="members-table"
    >
      <EnrolMemberModal
        open={enrolling}
        onClose={() => setEnrolling(false)}
        onDone={(id) => {
          setEnrolling(false);
          void message.success('已登记入会');
          void navigate(`/members/${id}`);
        }}
      />
    </DataList>
  );
}
