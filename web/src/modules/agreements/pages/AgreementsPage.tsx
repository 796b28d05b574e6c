import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Input, Row, Space, Table, Tag } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  agreementKindLabels,
  agreementKinds,
  agreementSorts,
  type Agreement,
  type AgreementKind,
  type AgreementSort,
} from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { downloadExport } from '../../employers/api/download.ts';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { agreementQuery, useAgreementList, type AgreementFilters } from '../api/agreements.ts';
import { CreateAgreementModal } from '../components/CreateAgreementModal.tsx';
import { raiseText, yuanText } from '../components/format.ts';

const kindOptions = agreementKinds.map((k) => ({ value: k, label: agreementKindLabels[k] }));
const wageOptions = [
  { value: 'true' as const, label: '工资专项集体合同' },
  { value: 'false' as const, label: '综合集体合同' },
];

/** Whether an agreement is in force today, ahead, or expired. */
function termTag(a: Agreement) {
  const today = todayIso();
  if (a.startsOn > today) return <Tag>未生效</Tag>;
  if (a.endsOn < today) return <Tag color="default">已期满</Tag>;
  return <Tag color="green">履行中</Tag>;
}

/** The collective agreements signed in the user's territory, paged, filtered and sorted on the server. */
export function AgreementsPage() {
  const canWrite = useCan('agreement:write');
  const me = useSession();
  const { message } = AntApp.useApp();
  const [filters, setFilters] = useState<AgreementFilters>({ q: '', sort: 'startsOn', order: 'desc' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const list = useAgreementList({ ...filters, ...paging });

  const filter = (change: Partial<AgreementFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const sortOrder = (key: AgreementSort) =>
    filters.sort === key ? (filters.order === 'asc' ? 'ascend' : 'descend') : null;

  const columns: TableColumnsType<Agreement> = [
    {
      title: '合同名称',
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: sortOrder('title'),
      render: (title: string, a) => (
        <Link to={`/agreements/${a.id}`} data-testid="agreement-link">
          {title}
        </Link>
      ),
    },
    {
      title: '类型',
      key: 'kind',
      width: 150,
      render: (_v, a) => (
        <Space size={4} wrap>
          <span>{agreementKindLabels[a.kind]}</span>
          {a.wageSpecific ? <Tag color="blue">工资专项</Tag> : null}
        </Space>
      ),
    },
    { title: '签约工会', dataIndex: 'orgUnitName', width: 200, ellipsis: true },
    {
      title: '生效日期',
      dataIndex: 'startsOn',
      key: 'startsOn',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('startsOn'),
      render: (d: string) => formatDate(d),
    },
    {
      title: '期满日期',
      dataIndex: 'endsOn',
      key: 'endsOn',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('endsOn'),
      render: (d: string) => formatDate(d),
    },
    { title: '状态', key: 'term', width: 80, render: (_v, a) => termTag(a) },
    {
      title: '工资增幅',
      dataIndex: 'raiseBp',
      key: 'raiseBp',
      width: 100,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('raiseBp'),
      render: (bp: number | null) => raiseText(bp),
    },
    {
      title: '最低工资',
      dataIndex: 'minimumWageFen',
      width: 120,
      align: 'right',
      render: (fen: number | null) => yuanText(fen),
    },
    { title: '覆盖单位', dataIndex: 'employerCount', width: 90, align: 'right', render: formatCount },
    { title: '覆盖职工', dataIndex: 'workersCovered', width: 100, align: 'right', render: formatCount },
  ];

  const onTableChange = (
    pagination: TablePaginationConfig,
    _f: unknown,
    sorter: SorterResult<Agreement> | SorterResult<Agreement>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = agreementSorts.find((k) => k === s?.columnKey);
    if (key && s.order && (key !== filters.sort || (s.order === 'ascend') !== (filters.order === 'asc'))) {
      filter({ sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' });
      return;
    }
    setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
  };

  const exportList = async () => {
    setExporting(true);
    try {
      const name = await downloadExport('/agreements/export', agreementQuery(filters), '集体合同.xlsx');
      void message.success(`已导出 ${name}`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title="集体合同"
      data-testid="agreements-page"
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportList()}
            data-testid="agreements-export"
          >
            导出 Excel
          </Button>
          {canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="agreement-create"
            >
              登记合同
            </Button>
          ) : null}
        </Space>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Input.Search
            allowClear
            placeholder="按合同名称搜索"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => filter({ q: q.trim() })}
            data-testid="agreements-search"
          />
        </Col>
        <Col xs={12} md={4}>
          <FilterSelect<AgreementKind>
            placeholder="合同类型"
            options={kindOptions}
            value={filters.kind}
            onChange={(kind) => filter({ kind })}
            testId="agreements-kind"
          />
        </Col>
        <Col xs={12} md={4}>
          <FilterSelect<'true' | 'false'>
            placeholder="合同性质"
            options={wageOptions}
            value={filters.wageSpecific === undefined ? undefined : filters.wageSpecific ? 'true' : 'false'}
            onChange={(v) => filter({ wageSpecific: v === undefined ? undefined : v === 'true' })}
            testId="agreements-wage"
          />
        </Col>
        <Col xs={12} md={4}>
          <DatePicker
            style={{ width: '100%' }}
            placeholder="在此日期有效"
            value={filters.inForceOn ? dayjs(filters.inForceOn) : null}
            onChange={(d) => filter({ inForceOn: d ? d.format('YYYY-MM-DD') : undefined })}
            data-testid="agreements-in-force"
          />
        </Col>
        <Col xs={12} md={4}>
          <OrgPicker
            asOf={todayIso()}
            known={[me.user.orgUnit]}
            value={filters.orgUnitId ?? null}
            onChange={(id) => filter({ orgUnitId: id ?? undefined })}
            placeholder="签约工会（含下级）"
            testId="agreements-org"
          />
        </Col>
      </Row>
      {list.isError ? (
        <Alert type="error" showIcon title="集体合同载入失败" description={errorMessage(list.error)} />
      ) : null}
      <Table<Agreement>
        data-testid="agreements-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1200 }}
        onChange={onTableChange}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => <span data-testid="agreements-total">共 {formatCount(t)} 份合同</span>,
        }}
      />
      {creating ? (
        <CreateAgreementModal
          onClose={() => setCreating(false)}
          onCreated={(a) => {
            setCreating(false);
            void message.success(`已登记 ${a.title}`);
          }}
        />
      ) : null}
    </Card>
  );
}
