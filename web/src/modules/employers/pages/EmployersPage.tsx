import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
} from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { ClearOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { industryDivision, type Employer } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useOrgUnit } from '../../orgs/api/orgs.ts';
import { downloadExport } from '../api/download.ts';
import {
  filterQuery,
  useEmployerList,
  type EmployerListParams,
  type EmployerSort,
} from '../api/employers.ts';
import { industryTree, sizeOptions } from '../components/choices.ts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { EmployerFormModal } from '../components/EmployerFormModal.tsx';
import { UnionModal } from '../components/EmployerActionModals.tsx';
import { parseListParams, toSearchParams } from '../components/listParams.ts';
import { PartyTag, UnionTag, partyOptions, unionOptions } from '../components/StatusTags.tsx';

const sortable: Record<string, EmployerSort> = {
  name: 'name',
  creditCode: 'creditCode',
  employees: 'employees',
  registeredOn: 'registeredOn',
};

/** 非公企业数据库: the employers in the user's scope, filtered, searched, paged and sorted on the server. */
export function EmployersPage() {
  const me = useSession();
  const canWrite = useCan('employer:write');
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const state = parseListParams(params);
  const [draft, setDraft] = useState(state.q);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Employer | null>(null);
  const [founding, setFounding] = useState<Employer | null>(null);
  const [exporting, setExporting] = useState(false);
  const list = useEmployerList(state);
  const locality = useOrgUnit(state.orgUnitId ?? null, todayIso());

  const change = (next: Partial<EmployerListParams>) => {
    const resetsPage = !('page' in next);
    setParams((previous) =>
      toSearchParams({ ...state, ...(resetsPage ? { page: 1 } : {}), ...next }, previous),
    );
  };

  const onTableChange: TableProps<Employer>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = typeof one?.field === 'string' ? sortable[one.field] : undefined;
    const sort = one?.order && field ? field : 'name';
    const order = one?.order === 'descend' ? 'desc' : 'asc';
    const pageSize = pagination.pageSize ?? state.pageSize;
    const sortChanged = sort !== state.sort || order !== state.order;
    change({
      sort,
      order,
      pageSize,
      page: sortChanged || pageSize !== state.pageSize ? 1 : (pagination.current ?? 1),
    });
  };

  const onExport = async () => {
    setExporting(true);
    try {
      const name = await downloadExport('/employers/export', filterQuery(state), '单位名录.xlsx');
      void message.success(`已导出 ${formatCount(list.data?.total ?? 0)} 家单位：${name}`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const sortOrder = (field: EmployerSort) =>
    state.sort === field ? (state.order === 'desc' ? 'descend' : 'ascend') : null;

  const columns: TableColumnsType<Employer> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: 'left',
      width: 216,
      ellipsis: true,
      render: (name: string, e) => (
        <Space size={4}>
          <Link to={`/employers/${e.id}`} data-testid="employer-link">
            {name}
          </Link>
          {e.closedOn ? <Tag>已注销</Tag> : null}
        </Space>
      ),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      width: 178,
      sorter: true,
      sortOrder: sortOrder('creditCode'),
      render: (code: string) => <span style={{ fontFamily: 'monospace' }}>{code}</span>,
    },
    {
      title: '所在地',
      dataIndex: 'orgUnitName',
      width: 100,
      ellipsis: true,
      render: (name: string) => <span title={name}>{name.replace(/(联合工会|工会)$/, '')}</span>,
    },
    {
      title: '行业',
      dataIndex: 'industryCode',
      width: 110,
      ellipsis: true,
      render: (code: string) => (
        <span title={`${code} ${industryDivision(code)?.name ?? ''}`}>
          {industryDivision(code)?.name ?? code}
        </span>
      ),
    },
    {
      title: '职工人数',
      dataIndex: 'employees',
      width: 110,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('employees'),
      render: (n: number, e) => (
        <Space size={4}>
          {e.aboveScale ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              规上
            </Tag>
          ) : null}
          {formatCount(n)}
        </Space>
      ),
    },
    { title: '工会', dataIndex: 'unionStatus', width: 92, render: (s: string) => <UnionTag status={s} /> },
    { title: '党组织', dataIndex: 'partyStatus', width: 92, render: (s: string) => <PartyTag status={s} /> },
    {
      title: '登记日期',
      dataIndex: 'registeredOn',
      width: 116,
      sorter: true,
      sortOrder: sortOrder('registeredOn'),
      render: (d: string) => formatDate(d),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: canWrite ? 150 : 64,
      render: (_value, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => void navigate(`/employers/${e.id}`)}>
            详情
          </Button>
          {canWrite && !e.closedOn ? (
            <>
              <Button type="link" size="small" onClick={() => setEditing(e)} data-testid="employer-edit">
                编辑
              </Button>
              {e.unionStatus === 'none' || e.unionStatus === 'preparing' ? (
                <Button type="link" size="small" onClick={() => setFounding(e)} data-testid="employer-found">
                  建会
                </Button>
              ) : null}
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  const filtered =
    state.q !== '' ||
    [
      state.unionStatus,
      state.partyStatus,
      state.size,
      state.aboveScale,
      state.industry,
      state.orgUnitId,
    ].some((v) => v !== undefined) ||
    state.includeClosed === true;

  return (
    <Card
      title="非公企业数据库"
      data-testid="employers-page"
      extra={
        <Space>
          <span style={{ color: 'rgba(0,0,0,0.55)' }} data-testid="employers-total">
            {list.data ? `共 ${formatCount(list.data.total)} 家单位` : null}
          </span>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void onExport()}
            data-testid="employers-export"
          >
            导出 Excel
          </Button>
          {canWrite ? (
            <Button
              icon={<UploadOutlined />}
              onClick={() => void navigate('/employers/import')}
              data-testid="employers-import"
            >
              批量导入
            </Button>
          ) : null}
          {canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="employer-create"
            >
              登记单位
            </Button>
          ) : null}
        </Space>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="employer-filters">
        <Col xs={24} md={12} xl={8}>
          <Input.Search
            allowClear
            placeholder="单位名称、拼音首字母或统一社会信用代码"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onSearch={(value) => change({ q: value.trim() })}
            enterButton="查询"
            maxLength={50}
            data-testid="employers-search"
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <OrgPicker
            key={state.orgUnitId ?? 'none'}
            asOf={todayIso()}
            known={[me.user.orgUnit, ...(locality.data ? [locality.data] : [])]}
            value={state.orgUnitId ?? null}
            onChange={(id) => change({ orgUnitId: id ?? undefined })}
            placeholder="所在镇街、村社区（可搜索）"
            testId="employers-locality"
          />
        </Col>
        <Col xs={12} md={6} xl={5}>
          <TreeSelect
            allowClear
            style={{ width: '100%' }}
            placeholder="行业（门类或大类）"
            treeData={industryTree}
            value={state.industry}
            onChange={(value?: string) => change({ industry: value })}
            showSearch={{ treeNodeFilterProp: 'title' }}
            popupMatchSelectWidth={false}
            data-testid="employers-industry"
          />
        </Col>
        <Col xs={12} md={6} xl={5}>
          <FilterSelect
            placeholder="职工规模"
            options={sizeOptions}
            value={state.size}
            onChange={(value) => change({ size: value })}
            testId="employers-size"
          />
        </Col>
        <Col xs={12} md={6} xl={5}>
          <FilterSelect
            placeholder="工会状态"
            options={unionOptions}
            value={state.unionStatus}
            onChange={(value) => change({ unionStatus: value })}
            testId="employers-union"
          />
        </Col>
        <Col xs={12} md={6} xl={5}>
          <FilterSelect
            placeholder="党组织状态"
            options={partyOptions}
            value={state.partyStatus}
            onChange={(value) => change({ partyStatus: value })}
            testId="employers-party"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder="是否规模以上"
            options={[
              { value: 'true', label: '规模以上' },
              { value: 'false', label: '规模以下' },
            ]}
            value={state.aboveScale === undefined ? undefined : String(state.aboveScale)}
            onChange={(value?: string) =>
              change({ aboveScale: value === undefined ? undefined : value === 'true' })
            }
            data-testid="employers-above-scale"
          />
        </Col>
        <Col flex="auto">
          <Space style={{ height: '100%' }}>
            <Checkbox
              checked={state.includeClosed === true}
              onChange={(event) => change({ includeClosed: event.target.checked || undefined })}
            >
              含已注销
            </Checkbox>
            {filtered ? (
              <Button
                icon={<ClearOutlined />}
                onClick={() => {
                  setDraft('');
                  setParams(new URLSearchParams());
                }}
              >
                清空条件
              </Button>
            ) : null}
          </Space>
        </Col>
      </Row>
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          title="单位列表载入失败"
          description={errorMessage(list.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<Employer>
        data-testid="employers-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1140 }}
        onChange={onTableChange}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${formatCount(total)} 家单位`,
        }}
      />
      {creating ? (
        <EmployerFormModal
          employer={null}
          onClose={() => setCreating(false)}
          onSaved={(created) => {
            setCreating(false);
            void message.success(`已登记 ${created.name}`);
            void navigate(`/employers/${created.id}`);
          }}
        />
      ) : null}
      {editing ? (
        <EmployerFormModal
          employer={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            void message.success(`已保存 ${saved.name}`);
          }}
        />
      ) : null}
      {founding ? (
        <UnionModal
          employer={founding}
          onClose={() => setFounding(null)}
          onDone={(_result, text) => {
            setFounding(null);
            void message.success(text);
          }}
        />
      ) : null}
    </Card>
  );
}
