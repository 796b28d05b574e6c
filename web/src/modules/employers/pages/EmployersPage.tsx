import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Checkbox, Form, Space, Tag, TreeSelect } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  employerSizes,
  industryDivision,
  partyStatuses,
  unionStatuses,
  type Employer,
  type EmployerSize,
  type PartyStatus,
  type UnionStatus,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { YesNoFilter } from '../../../shared/list/filterInputs.tsx';
import {
  booleanFilter,
  idFilter,
  oneOfFilter,
  textFilter,
  type FilterCodec,
} from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useOrgUnit } from '../../orgs/api/orgs.ts';
import { filterQuery, useEmployerList, type EmployerFilters, type EmployerSort } from '../api/employers.ts';
import { industryTree, sizeOptions } from '../components/choices.ts';
import { EmployerFormModal } from '../components/EmployerFormModal.tsx';
import { UnionModal } from '../components/EmployerActionModals.tsx';
import { PartyTag, UnionTag, partyOptions, unionOptions } from '../components/StatusTags.tsx';
import { useUrlParams } from '../../../shared/useUrlParams.ts';

/** An industry section (A–T) or division (two digits). */
const industryFilter: FilterCodec<string> = {
  parse: (raw) => (raw && /^([A-T]|\d{2})$/.test(raw) ? raw : undefined),
  format: (value) => value,
};

const sorts: readonly EmployerSort[] = ['name', 'employees', 'registeredOn', 'updatedAt', 'creditCode'];

const listSpec = {
  filters: {
    q: textFilter(50),
    orgUnitId: idFilter,
    industry: industryFilter,
    size: oneOfFilter<EmployerSize>(employerSizes),
    unionStatus: oneOfFilter<UnionStatus>(unionStatuses),
    partyStatus: oneOfFilter<PartyStatus>(partyStatuses),
    aboveScale: booleanFilter,
    includeClosed: booleanFilter,
  },
  sorts,
  defaultSort: 'name' as const,
};

/** 非公企业数据库: the employers in the user's scope, filtered, searched, paged and sorted on the server. */
export function EmployersPage() {
  const me = useSession();
  const canWrite = useCan('employer:write');
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const state = useListState(listSpec);
  const [creating, setCreating] = useState(false);
  const [urlParams, setUrlParams] = useUrlParams();
  // The workbench's shortcut 登记单位 opens the form at once.
  const createAsked = urlParams.get('create') === '1';
  useEffect(() => {
    if (!createAsked) return;
    if (canWrite) setCreating(true);
    setUrlParams(
      (p) => {
        p.delete('create');
      },
      { replace: true },
    );
  }, [createAsked, canWrite, setUrlParams]);
  const [editing, setEditing] = useState<Employer | null>(null);
  const [founding, setFounding] = useState<Employer | null>(null);
  const { includeClosed, ...rest } = state.filters;
  const filters: EmployerFilters = {
    q: '',
    ...rest,
    includeClosed: includeClosed || undefined,
    sort: state.sort,
    order: state.order,
  };
  const list = useEmployerList({ ...filters, page: state.page, pageSize: state.pageSize });
  const locality = useOrgUnit(state.filters.orgUnitId ?? null, todayIso());

  const columns: ListColumn<Employer>[] = [
    {
      title: '单位名称',
      dataIndex: 'name',
      key: 'name',
      sortKey: 'name',
      ellipsis: true,
      fullText: (e) => (e.closedOn ? `${e.name}（已注销）` : e.name),
      render: (name: string, e) => (
        <>
          <Link to={`/employers/${e.id}`} data-testid="employer-link">
            {name}
          </Link>
          {e.closedOn ? <Tag style={{ marginInlineStart: 4 }}>已注销</Tag> : null}
        </>
      ),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 172,
      sortKey: 'creditCode',
      render: (code: string) => <span style={{ fontFamily: 'monospace' }}>{code}</span>,
    },
    {
      title: '所在地',
      dataIndex: 'orgUnitName',
      key: 'orgUnitName',
      width: 92,
      ellipsis: true,
      fullText: (e) => e.orgUnitName,
      render: (name: string) => name.replace(/(联合工会|工会)$/, ''),
    },
    {
      title: '行业',
      dataIndex: 'industryCode',
      key: 'industryCode',
      width: 100,
      ellipsis: true,
      fullText: (e) => `${e.industryCode} ${industryDivision(e.industryCode)?.name ?? ''}`,
      render: (code: string) => industryDivision(code)?.name ?? code,
    },
    {
      title: '职工人数',
      dataIndex: 'employees',
      key: 'employees',
      width: 100,
      align: 'right',
      sortKey: 'employees',
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
    {
      title: '工会',
      dataIndex: 'unionStatus',
      key: 'unionStatus',
      width: 84,
      render: (s: string) => <UnionTag status={s} />,
    },
    {
      title: '党组织',
      dataIndex: 'partyStatus',
      key: 'partyStatus',
      width: 100,
      render: (s: string) => <PartyTag status={s} />,
    },
    {
      title: '登记日期',
      dataIndex: 'registeredOn',
      key: 'registeredOn',
      width: 108,
      sortKey: 'registeredOn',
      render: (d: string) => formatDate(d),
    },
    {
      title: '操作',
      key: ACTIONS,
      width: canWrite ? 148 : 64,
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

  return (
    <DataList
      id="employers"
      title="非公企业数据库"
      cardTestId="employers-page"
      extra={
        canWrite ? (
          <Space>
            <Button
              icon={<UploadOutlined />}
              onClick={() => void navigate('/employers/import')}
              data-testid="employers-import"
            >
              批量导入
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="employer-create"
            >
              登记单位
            </Button>
          </Space>
        ) : null
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField
              placeholder="单位名称、拼音首字母或统一社会信用代码"
              testId="employers-search"
              width={300}
            />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit, ...(locality.data ? [locality.data] : [])]}
              placeholder="所在镇街、村社区（可搜索）"
              testId="employers-locality"
              width={220}
            />
          </Form.Item>
          <Form.Item name="industry">
            <TreeSelect
              allowClear
              style={{ width: 180 }}
              placeholder="行业（门类或大类）"
              treeData={industryTree}
              showSearch={{ treeNodeFilterProp: 'title' }}
              popupMatchSelectWidth={false}
              data-testid="employers-industry"
            />
          </Form.Item>
          <Form.Item name="size">
            <FilterSelect placeholder="职工规模" options={sizeOptions} testId="employers-size" width={130} />
          </Form.Item>
          <Form.Item name="unionStatus">
            <FilterSelect
              placeholder="工会状态"
              options={unionOptions}
              testId="employers-union"
              width={120}
            />
          </Form.Item>
          <Form.Item name="partyStatus">
            <FilterSelect
              placeholder="党组织状态"
              options={partyOptions}
              testId="employers-party"
              width={130}
            />
          </Form.Item>
          <Form.Item name="aboveScale">
            <YesNoFilter
              placeholder="是否规模以上"
              yes="规模以上"
              no="规模以下"
              testId="employers-above-scale"
              width={130}
            />
          </Form.Item>
          <Form.Item
            name="includeClosed"
            valuePropName="checked"
            normalize={(checked: boolean) => checked || undefined}
          >
            <Checkbox>含已注销</Checkbox>
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 家单位`}
      totalTestId="employers-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="单位列表载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/employers/export',
        query: filterQuery(filters),
        fallbackName: '单位名录.xlsx',
        rowUnit: '家单位',
        testId: 'employers-export',
      }}
      tableTestId="employers-table"
    >
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
    </DataList>
  );
}
