import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined, SwapOutlined } from '@ant-design/icons';
import { memberStatusLabels, memberStatuses, type Member, type MemberStatus } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { startMemberExport, useMemberList, type MemberListParams } from '../api/members.ts';
import { EnrolMemberModal } from '../components/EnrolMemberModal.tsx';
import { MemberExportModal } from '../components/MemberExportModal.tsx';
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

const sortKeys = ['name', 'joinedOn', 'birthDate', 'id'] as const;

export function MembersPage() {
  const canWrite = useCan('member:write');
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [enrolling, setEnrolling] = useState(false);
  const [exportId, setExportId] = useState<number | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [exportFilterText, setExportFilterText] = useState('');
  const [exportStarting, setExportStarting] = useState(false);
  const sortParam = params.get('sort');
  const query: MemberListParams = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
    q,
    status: (memberStatuses as readonly string[]).includes(params.get('status') ?? '')
      ? (params.get('status') as MemberStatus)
      : undefined,
    sort: (sortKeys as readonly string[]).includes(sortParam ?? '')
      ? (sortParam as MemberListParams['sort'])
      : 'id',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
  const list = useMemberList(query);
  const filterText =
    [query.q ? `搜索“${query.q}”` : null, query.status ? `会籍：${memberStatusLabels[query.status]}` : null]
      .filter(Boolean)
      .join('，') || '您管辖范围内的全部会员';
  const startExport = () => {
    setExportStarting(true);
    startMemberExport({ q: query.q || undefined, status: query.status })
      .then((x) => {
        setExportId(x.id);
        setExportFilterText(filterText);
        setExportOpen(true);
      })
      .catch((e: unknown) => void message.error(errorMessage(e)))
      .finally(() => setExportStarting(false));
  };
  const set = (next: Record<string, string | number | undefined>) =>
    setParams((prev) => {
      const merged = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(next)) {
        if (v === undefined || v === '') merged.delete(k);
        else merged.set(k, String(v));
      }
      return merged;
    });

  const columns: TableColumnsType<Member> = [
    { title: '会员编号', dataIndex: 'registryNo', width: 120, sorter: true, key: 'id' },
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      width: 160,
      render: (name: string, m) => <Link to={`/members/${m.id}`}>{name}</Link>,
    },
    {
      title: '身份证号码',
      key: 'residentId',
      width: 260,
      render: (_v, m) => <RevealButton memberId={m.id} field="residentId" masked={m.residentIdMasked} />,
    },
    { title: '性别', dataIndex: 'gender', width: 60, render: (g: string) => (g === 'male' ? '男' : '女') },
    { title: '出生日期', dataIndex: 'birthDate', key: 'birthDate', sorter: true, width: 110 },
    { title: '所属工会', dataIndex: 'orgUnitName', ellipsis: true },
    { title: '工作单位', dataIndex: 'employerName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '入会日期',
      dataIndex: 'joinedOn',
      key: 'joinedOn',
      sorter: true,
      width: 110,
      render: formatDate,
    },
    { title: '会籍', dataIndex: 'status', width: 120, render: (s: MemberStatus) => <StatusTag status={s} /> },
  ];

  return (
    <Card
      title="会员实名制名册"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            data-testid="members-export"
            loading={exportStarting}
            onClick={startExport}
          >
            导出 Excel
          </Button>
          {exportId !== null && !exportOpen ? (
            <Button type="link" onClick={() => setExportOpen(true)} data-testid="members-export-last">
              查看本次导出
            </Button>
          ) : null}
          <Button icon={<SwapOutlined />} onClick={() => navigate('/members/transfers')}>
            会员关系接转
          </Button>
          {canWrite ? (
            <>
              <Button
                icon={<UploadOutlined />}
                onClick={() => navigate('/members/import')}
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
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ width: 380 }}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onSearch={(v) => set({ q: v.trim(), page: undefined })}
          placeholder="姓名、拼音或首字母、身份证后四位、完整身份证号码或手机号"
          data-testid="members-search"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder="会籍状态"
          value={query.status}
          onChange={(v?: MemberStatus) => set({ status: v, page: undefined })}
          options={memberStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }))}
        />
        <Typography.Text type="secondary">共 {formatCount(list.data?.total)} 人</Typography.Text>
      </Space>
      {list.error ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<Member>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1200 }}
        data-testid="members-table"
        onChange={(pagination, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = typeof s?.columnKey === 'string' && s.order ? s.columnKey : undefined;
          set({
            page: pagination.current === 1 ? undefined : pagination.current,
            pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
            sort: key,
            order: key && s.order === 'descend' ? 'desc' : undefined,
          });
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${formatCount(t)} 人`,
        }}
      />
      <MemberExportModal
        exportId={exportId}
        open={exportOpen}
        filterText={exportFilterText}
        onClose={() => setExportOpen(false)}
        onRetry={startExport}
      />
      <EnrolMemberModal
        open={enrolling}
        onClose={() => setEnrolling(false)}
        onDone={(id) => {
          setEnrolling(false);
          void message.success('已登记入会');
          navigate(`/members/${id}`);
        }}
      />
    </Card>
  );
}
