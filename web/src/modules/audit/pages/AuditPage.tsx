import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { auditActionLabels, type AuditEntry } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDateTime, isIsoDate } from '../../../shared/format.ts';
import { useAuditLog, type AuditFilters } from '../api/audit.ts';
import { AuditDiff } from '../components/AuditDiff.tsx';
import { actionColor, actionLabel, entityLabel, entityName } from '../labels.ts';

interface FilterValues {
  action?: string;
  username?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function positiveInt(value: string | null, fallback: number, max: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : fallback;
}

function readFilters(params: URLSearchParams): AuditFilters {
  const from = params.get('from');
  const to = params.get('to');
  return {
    page: positiveInt(params.get('page'), 1, 1_000_000),
    pageSize: positiveInt(params.get('pageSize'), 20, 200),
    action: params.get('action') || undefined,
    username: params.get('username') || undefined,
    from: isIsoDate(from) ? from : undefined,
    to: isIsoDate(to) ? to : undefined,
  };
}

const actionOptions = Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }));

function hasSnapshot(entry: AuditEntry): boolean {
  return (
    (entry.before !== null && entry.before !== undefined) ||
    (entry.after !== null && entry.after !== undefined)
  );
}

const columns: TableColumnsType<AuditEntry> = [
  { title: '时间', dataIndex: 'at', width: 180, render: (value: string) => formatDateTime(value) },
  {
    title: '操作人',
    dataIndex: 'username',
    width: 130,
    render: (value: string | null) => value ?? <Typography.Text type="secondary">系统</Typography.Text>,
  },
  {
    title: '操作人所属组织',
    dataIndex: 'orgUnitName',
    width: 200,
    ellipsis: true,
    render: (value: string | null) => value ?? '—',
  },
  {
    title: '操作',
    dataIndex: 'action',
    width: 120,
    render: (value: string) => <Tag color={actionColor(value)}>{actionLabel(value)}</Tag>,
  },
  {
    title: '对象',
    key: 'entity',
    ellipsis: true,
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
    width: 140,
    render: (value: string | null) => value ?? '—',
  },
];

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [form] = Form.useForm<FilterValues>();
  const log = useAuditLog(filters);

  useEffect(() => {
    form.setFieldsValue({
      action: filters.action,
      username: filters.username,
      range:
        filters.from || filters.to
          ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
          : null,
    });
  }, [form, filters.action, filters.username, filters.from, filters.to]);

  const apply = (next: Partial<AuditFilters>) => {
    const merged: AuditFilters = { ...filters, ...next };
    const search = new URLSearchParams();
    if (merged.action) search.set('action', merged.action);
    if (merged.username) search.set('username', merged.username);
    if (merged.from) search.set('from', merged.from);
    if (merged.to) search.set('to', merged.to);
    if (merged.page !== 1) search.set('page', String(merged.page));
    if (merged.pageSize !== 20) search.set('pageSize', String(merged.pageSize));
    setParams(search);
  };

  const onSearch = (values: FilterValues) => {
    const [start, end] = values.range ?? [null, null];
    apply({
      page: 1,
      action: values.action || undefined,
      username: values.username?.trim() || undefined,
      from: start ? start.format('YYYY-MM-DD') : undefined,
      to: end ? end.format('YYYY-MM-DD') : undefined,
    });
  };

  return (
    <Card title="审计日志" data-testid="audit-page">
      <Form<FilterValues>
        form={form}
        layout="inline"
        onFinish={onSearch}
        style={{ rowGap: 12, marginBottom: 16 }}
        data-testid="audit-filters"
      >
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
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              查询
            </Button>
            <Button
              icon={<UndoOutlined />}
              onClick={() => {
                form.resetFields();
                setParams(new URLSearchParams());
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {log.isError ? (
        <Alert
          type="error"
          showIcon
          title="审计日志载入失败"
          description={errorMessage(log.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={log.data?.items ?? []}
        loading={log.isFetching}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (entry) => <AuditDiff entry={entry} />,
          rowExpandable: hasSnapshot,
        }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${formatCount(total)} 条记录`,
          onChange: (page, pageSize) => apply({ page: pageSize !== filters.pageSize ? 1 : page, pageSize }),
        }}
      />
    </Card>
  );
}
