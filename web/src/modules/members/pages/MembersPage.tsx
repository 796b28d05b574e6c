import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form, Space, Tag } from 'antd';
import { PlusOutlined, UploadOutlined, SwapOutlined } from '@ant-design/icons';
import { memberStatusLabels, memberStatuses, type Member, type MemberStatus } from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate } from '../../../shared/format.ts';
import { DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan } from '../../auth/session.tsx';
import { useMemberList, type MemberListParams } from '../api/members.ts';
import { EnrolMemberModal } from '../components/EnrolMemberModal.tsx';
import { RevealButton } from '../components/RevealButton.tsx';

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

const listSpec = {
  filters: {
    q: textFilter(40),
    status: oneOfFilter<MemberStatus>(memberStatuses),
  },
  sorts: ['id', 'name', 'joinedOn', 'birthDate'] as const,
  defaultSort: 'id' as const,
};

const statusOptions = memberStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }));

export function MembersPage() {
  const canWrite = useCan('member:write');
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const state = useListState(listSpec);
  const [enrolling, setEnrolling] = useState(false);
  const query: MemberListParams = {
    page: state.page,
    pageSize: state.pageSize,
    q: state.filters.q ?? '',
    status: state.filters.status,
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
          <Form.Item name="status">
            <FilterSelect
              placeholder="会籍状态"
              options={statusOptions}
              testId="members-status"
              width={140}
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
        query: { q: query.q || undefined, status: query.status },
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
