import { useEffect, useMemo, useRef, useState, type Key, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnType, TableProps } from 'antd';
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.ts';
import { formatCount } from '../format.ts';
import { FileExportButton, type FileExportSpec } from './FileExport.tsx';
import { ListToolbar, type Density } from './ListToolbar.tsx';
import type { FilterSpec } from './listParams.ts';
import type { ListControls } from './useListState.ts';

/** A list column: `key` names it in the column settings; `sortKey` makes it sortable on the server. */
export interface ListColumn<Row> extends Omit<
  TableColumnType<Row>,
  'key' | 'sorter' | 'sortOrder' | 'title'
> {
  key: string;
  title: string;
  sortKey?: string;
  /** Shown on hover when a cut-off cell holds more than its text (e.g. a link with a tag). */
  fullText?(row: Row): string | null | undefined;
}

/** The action column's key: it stays fixed on the right and is never hidden. */
export const ACTIONS = 'actions';
/** The width a column without one is given when the table decides whether it must scroll. */
const FLEX_MIN = 150;

type FormValues = Record<string, unknown>;

interface Selection<Row> {
  keys: Key[];
  onChange(keys: Key[], rows: Row[]): void;
  /** Shown in the toolbar while rows are selected. */
  actions: ReactNode;
  disabled?(row: Row): boolean;
}

export interface DataListProps<Row, S extends FilterSpec, Sort extends string> {
  /** Prefix of the list's test ids and key of its column settings. */
  id: string;
  title: ReactNode;
  /** The page's own buttons (登记, 导入 …) in the card's header. */
  extra?: ReactNode;
  cardTestId?: string;
  list: ListControls<S, Sort>;
  /** Filter fields: Form.Items named after the list's filters. */
  filters?: ReactNode;
  /** Test id of the 查询 button. */
  queryTestId?: string;
  /** The form's values from the applied filters, and back, for fields that are not a filter each. */
  toForm?(filters: ListControls<S, Sort>['filters']): FormValues;
  fromForm?(values: FormValues): ListControls<S, Sort>['filters'];
  columns: ListColumn<Row>[];
  rows: readonly Row[] | undefined;
  /** The server's total; left out when the rows are all there and the table pages them itself. */
  total?: number;
  /** The server stopped counting at `total`: the list holds more, shown as "10,000+". */
  totalCapped?: boolean;
  /** The total line, given the count as shown ("1,234", or "10,000+" for a capped count). */
  totalText(count: string): string;
  totalTestId?: string;
  loading: boolean;
  error: unknown;
  errorTitle: string;
  onRefresh(): void;
  rowKey: keyof Row & string;
  selection?: Selection<Row>;
  exporter?: FileExportSpec;
  /** More toolbar buttons, e.g. an export of its own. */
  toolbar?: ReactNode;
  expandable?: TableProps<Row>['expandable'];
  tableTestId: string;
  /** Something above the filters, e.g. tabs. */
  before?: ReactNode;
  children?: ReactNode;
}

function readStored<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

function store(key: string, value: unknown) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full store: the setting lasts for this page only.
  }
}

function asText(node: unknown): string | undefined {
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined;
}

/** A search box among a list's filters: Enter or its button runs 查询. */
export function SearchField({
  placeholder,
  testId,
  width = 320,
  maxLength = 50,
  value,
  onChange,
}: {
  placeholder: string;
  testId: string;
  width?: number;
  maxLength?: number;
  value?: string;
  onChange?(value: string): void;
}) {
  const form = Form.useFormInstance();
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange?.(event.target.value)}
      onSearch={() => form.submit()}
      maxLength={maxLength}
      style={{ width }}
      data-testid={testId}
    />
  );
}

/**
 * The one list of the app: filters with 查询 and 重置 kept in the address bar with sort and page, a
 * toolbar (total, batch actions, export, refresh, density, column settings), cut-off cells shown whole
 * on hover, and the action column fixed on the right.
 */
export function DataList<Row extends object, S extends FilterSpec, Sort extends string>(
  props: DataListProps<Row, S, Sort>,
) {
  const { id, list, columns, selection } = props;
  const [form] = Form.useForm<FormValues>();
  const [density, setDensity] = useState<Density>(() => readStored('gonghui.list.density', 'middle'));
  const [hidden, setHidden] = useState<string[]>(() => readStored(`gonghui.list.${id}.hidden`, []));
  const formValues = useRef<FormValues>({});
  formValues.current = props.toForm ? props.toForm(list.filters) : (list.filters as FormValues);
  const filtersKey = JSON.stringify(list.filters);

  // The address bar is the truth: a reload, a shared link or the back button refills the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(formValues.current);
  }, [form, filtersKey]);

  const onFinish = (values: FormValues) => {
    const cleaned: FormValues = {};
    for (const [k, v] of Object.entries(values)) {
      const value = typeof v === 'string' ? v.trim() : v;
      if (value !== undefined && value !== null && value !== '') cleaned[k] = value;
    }
    list.setFilters(props.fromForm ? props.fromForm(cleaned) : (cleaned as ListControls<S, Sort>['filters']));
  };

  const choices = columns.filter((c) => c.key !== ACTIONS).map((c) => ({ key: c.key, title: c.title }));
  const visible = columns.filter((c) => c.key === ACTIONS || !hidden.includes(c.key));

  const tableColumns = useMemo(
    () =>
      visible.map((column): TableColumnType<Row> => {
        const { sortKey, fullText, ellipsis, render, ...rest } = column;
        const out: TableColumnType<Row> = { ...rest };
        if (sortKey) {
          out.sorter = true;
          out.sortOrder = list.sort === sortKey ? (list.order === 'asc' ? 'ascend' : 'descend') : null;
        }
        if (column.key === ACTIONS) out.fixed = 'right';
        if (ellipsis) {
          out.ellipsis = { showTitle: false };
          out.render = (value: unknown, row: Row, index: number) => {
            const node = (render ? render(value, row, index) : value) as ReactNode;
            const text = fullText?.(row) ?? asText(node) ?? asText(value);
            return text ? (
              <Tooltip title={text} placement="topLeft" mouseEnterDelay={0.3}>
                <span>{node}</span>
              </Tooltip>
            ) : (
              node
            );
          };
        } else if (render) {
          out.render = render;
        }
        return out;
      }),
    [visible, list.sort, list.order],
  );

  const scrollX =
    visible.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : FLEX_MIN), 0) +
    (selection ? 32 : 0) +
    (props.expandable ? 48 : 0);

  const onChange: TableProps<Row>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const column = visible.find((c) => c.key === one?.columnKey);
      const sort = list.spec.sorts.find((s) => s === column?.sortKey);
      if (sort && one?.order) list.setSort(sort, one.order === 'ascend' ? 'asc' : 'desc');
      else list.setSort(list.spec.defaultSort, list.spec.defaultOrder ?? 'asc');
      return;
    }
    if (extra.action === 'paginate')
      list.setPage(pagination.current ?? 1, pagination.pageSize ?? list.pageSize);
  };

  const total = props.total ?? props.rows?.length ?? 0;
  const countText = (n: number) => `${formatCount(n)}${props.totalCapped ? '+' : ''}`;
  const totalText = (
    <Typography.Text type="secondary" data-testid={props.totalTestId}>
      {props.rows === undefined && props.loading ? null : props.totalText(countText(total))}
    </Typography.Text>
  );

  return (
    <Card title={props.title} extra={props.extra} data-testid={props.cardTestId}>
      {props.before}
      {props.filters ? (
        <Form<FormValues>
          form={form}
          layout="inline"
          onFinish={onFinish}
          style={{ rowGap: 12, marginBottom: 16 }}
          data-testid={`${id}-filters`}
        >
          {props.filters}
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Space>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SearchOutlined />}
                data-testid={props.queryTestId ?? `${id}-query`}
              >
                查询
              </Button>
              <Button
                icon={<UndoOutlined />}
                onClick={() => {
                  form.resetFields();
                  list.reset();
                }}
                data-testid={`${id}-reset`}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      ) : null}
      <ListToolbar
        testId={id}
        left={
          <>
            {totalText}
            {selection && selection.keys.length > 0 ? (
              <Space size={8} data-testid={`${id}-selection`}>
                <Typography.Text>已选 {formatCount(selection.keys.length)} 项</Typography.Text>
                {selection.actions}
                <Button type="link" size="small" onClick={() => selection.onChange([], [])}>
                  取消选择
                </Button>
              </Space>
            ) : null}
          </>
        }
        right={
          <>
            {props.toolbar}
            {props.exporter ? (
              <FileExportButton
                spec={{
                  ...props.exporter,
                  rowCount: props.exporter.rowCount ?? (props.totalCapped ? undefined : props.total),
                }}
              />
            ) : null}
          </>
        }
        refreshing={props.loading}
        onRefresh={props.onRefresh}
        density={density}
        onDensity={(d) => {
          setDensity(d);
          store('gonghui.list.density', d);
        }}
        columns={choices}
        hidden={hidden}
        onHidden={(keys) => {
          setHidden(keys);
          store(`gonghui.list.${id}.hidden`, keys);
        }}
      />
      {props.error ? (
        <Alert
          type="error"
          showIcon
          title={props.errorTitle}
          description={errorMessage(props.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<Row>
        data-testid={props.tableTestId}
        rowKey={props.rowKey}
        size={density}
        columns={tableColumns}
        dataSource={props.rows as Row[] | undefined}
        loading={props.loading}
        tableLayout="fixed"
        scroll={{ x: scrollX }}
        onChange={onChange}
        expandable={props.expandable}
        rowSelection={
          selection
            ? {
                selectedRowKeys: selection.keys,
                onChange: (keys, rows) => selection.onChange(keys, rows),
                getCheckboxProps: selection.disabled
                  ? (row) => ({ disabled: selection.disabled?.(row) })
                  : undefined,
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          ...(props.total === undefined ? {} : { total: props.total }),
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => props.totalText(countText(t)),
        }}
      />
      {props.children}
    </Card>
  );
}
