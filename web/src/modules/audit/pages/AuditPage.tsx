import { DatePicker, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { auditActionLabels, type AuditEntry } from '@gonghui/contracts';
import { formatDateTime } from '../../../shared/format.ts';
import { DataList, type ListColumn } from '../../../shared/list/DataList.tsx';
import { dateFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useAuditLog } from '../api/audit.ts';
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

const actionOptions = Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }));

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
    fullText: (entry) =>
      [entityLabel(entry.entityType), entityName(entry), entry.entityId ? `#${entry.entityId}` : null]
        .filter(Boolean)
        .join(' '),
    render: (_value, entry) => {
      const name = entityName(entry);
      return (
        <span>
          <Typography.Text type="secondary">{entityLabel(entry.entityType)}</Typography.Text>
          {name ? ` ${name}` : ''}
          {entry.entityId ? (
            <Typography.Text type="secondary">{` #${entry.entityId}`}</Typography.Text>
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
              placeholder="全部操作"
              options={actionOptions}
              style={{ width: 160 }}
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
      expandable={{
        expandedRowRender: (entry) => <AuditDiff entry={entry} />,
        rowExpandable: hasSnapshot,
      }}
      tableTestId="audit-table"
    />
  );
}
