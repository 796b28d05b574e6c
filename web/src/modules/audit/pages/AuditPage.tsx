import { DatePicker, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  auditActionGroupLabels,
  auditActionGroups,
  auditActionLabels,
  type AuditActionOption,
  type AuditEntry,
} from '@gonghui/contracts';
import { formatDateTime } from '../../../shared/format.ts';
import { DataList, type ListColumn } from '../../../shared/list/DataList.tsx';
import { dateFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { auditExportQuery, useAuditActions, useAuditLog } from '../api/audit.ts';
import { AuditDiff } from '../components/AuditDiff.tsx';
import { actionColor, actionLabel, entityLabel, entityName } from '../labels.ts';

const listSpec = {
  filters: {
    action: textFilter(64),
    username: textFilter(64),
    from: dateFilter,
    to: dateFilter,
  },
  sorts: ['at'] as const,
  defaultSort: 'at' as const,
  defaultOrder: 'desc' as const,
};

/** The action filter's choices: what the log holds, grouped, exports and downloads first. */
function actionChoices(held: AuditActionOption[] | undefined, chosen: string | undefined) {
  const options = [...(held ?? [])];
  // A chosen action the log no longer shows (a link from elsewhere) still reads by its label.
  if (chosen && !options.some((o) => o.value === chosen)) {
    options.push({ value: chosen, label: auditActionLabels[chosen] ?? chosen, group: 'write', count: 0 });
  }
  return auditActionGroups
    .map((group) => ({
      label: auditActionGroupLabels[group],
      title: auditActionGroupLabels[group],
      options: options
        .filter((o) => o.group === group)
        .map((o) => ({ value: o.value, label: o.label, count: o.count })),
    }))
    .filter((g) => g.options.length > 0);
}

function hasSnapshot(entry: AuditEntry): boolean {
  return (
    (entry.before !== null && entry.before !== undefined) ||
    (entry.after !== null && entry.after !== undefined)
  );
}

const columns: ListColumn<AuditEntry>[] = [
  { title: '时间', dataIndex: 'at', key: 'at', width: 168, render: (value: string) => formatDateTime(value) },
  {
    title: '操作人',
    dataIndex: 'username',
    key: 'username',
    width: 120,
    render: (value: string | null) => value ?? <Typography.Text type="secondary">系统</Typography.Text>,
  },
  {
    title: '操作人所属组织',
    dataIndex: 'orgUnitName',
    key: 'orgUnitName',
    width: 180,
    ellipsis: true,
    render: (value: string | null) => value ?? '—',
  },
  {
    title: '操作',
    dataIndex: 'action',
    key: 'action',
    width: 120,
    render: (value: string) => <Tag color={actionColor(value)}>{actionLabel(value)}</Tag>,
  },
  {
    title: '对象',
    key: 'entity',
    ellipsis: true,
    fullText: (entry) => {
      const name = entityName(entry);
      return [entityLabel(entry.entityType), name ?? (entry.entityId ? `编号 ${entry.entityId}` : null)]
        .filter(Boolean)
        .join(' ');
    },
    render: (_value, entry) => {
      const name = entityName(entry);
      return (
        <span data-testid="audit-target">
          <Typography.Text type="secondary">{entityLabel(entry.entityType)}</Typography.Text>
          {name ? ` ${name}` : ''}
          {!name && entry.entityId ? (
            <Typography.Text type="secondary">{` 编号 ${entry.entityId}`}</Typography.Text>
          ) : null}
        </span>
      );
    },
  },
  {
    title: '来源地址',
    dataIndex: 'clientAddress',
    key: 'clientAddress',
    width: 132,
    render: (value: string | null) => value ?? '—',
  },
];

type Range = [Dayjs | null, Dayjs | null] | null | undefined;

export function AuditPage() {
  const state = useListState(listSpec);
  const log = useAuditLog({ ...state.filters, page: state.page, pageSize: state.pageSize });
  const actions = useAuditActions();

  return (
    <DataList
      id="audit"
      title="审计日志"
      cardTestId="audit-page"
      list={state}
      queryTestId="audit-search"
      toForm={(f) => ({
        action: f.action,
        username: f.username,
        range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined,
      })}
      fromForm={(values) => {
        const [start, end] = (values.range as Range) ?? [null, null];
        return {
          action: typeof values.action === 'string' ? values.action : undefined,
          username: typeof values.username === 'string' ? values.username : undefined,
          from: start ? start.format('YYYY-MM-DD') : undefined,
          to: end ? end.format('YYYY-MM-DD') : undefined,
        };
      }}
      filters={
        <>
          <Form.Item name="action" label="操作">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部操作"
              loading={actions.isLoading}
              options={actionChoices(actions.data, state.filters.action)}
              optionRender={(option) => {
                const count = (option.data as { count?: number }).count;
                return (
                  <span>
                    {option.label}
                    {count ? <Typography.Text type="secondary">{`（${count}）`}</Typography.Text> : null}
                  </span>
                );
              }}
              style={{ width: 200 }}
              popupMatchSelectWidth={260}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item name="username" label="操作人">
            <Input
              allowClear
              placeholder="用户名"
              style={{ width: 160 }}
              maxLength={64}
              data-testid="audit-username"
            />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker format="YYYY-MM-DD" allowEmpty={[true, true]} data-testid="audit-range" />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={log.data?.items}
      total={log.data?.total ?? 0}
      totalCapped={log.data?.totalCapped}
      totalText={(total) => `共 ${total} 条记录`}
      loading={log.isFetching}
      error={log.error}
      errorTitle="审计日志载入失败"
      onRefresh={() => void log.refetch()}
      rowKey="id"
      exporter={{
        path: '/audit/export',
        query: auditExportQuery(state.filters),
        fallbackName: '审计日志.xlsx',
        rowUnit: '条记录',
        testId: 'audit-export',
      }}
      expandable={{
        expandedRowRender: (entry) => <AuditDiff entry={entry} />,
        rowExpandable: hasSnapshot,
      }}
      tableTestId="audit-table"
    />
  );
}
