import { useState } from 'react';
import { Button, Descriptions, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '@gonghui/contracts';
import { diffRows, flattenSnapshot, hasSharedKeys, type DiffRow, type FieldValue } from '../snapshot.ts';

function show(value: FieldValue | undefined) {
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === null || value === '') return <Typography.Text type="secondary">（无）</Typography.Text>;
  return value;
}

function SnapshotBlock({ title, value, entityType }: { title: string; value: unknown; entityType: string }) {
  const fields = flattenSnapshot(value, entityType);
  return (
    <Descriptions
      size="small"
      bordered
      title={<span style={{ fontSize: 14 }}>{title}</span>}
      column={{ xs: 1, md: 2, xl: 3 }}
      items={fields.map((field) => ({ key: field.key, label: field.label, children: show(field.value) }))}
    />
  );
}

/**
 * What one audited change did. A change to a record (rename, move, user edit) shows the changed fields
 * side by side; an action whose before and after are different things (a merge: the sources before,
 * the new unit after) shows the two snapshots one above the other.
 */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const [showAll, setShowAll] = useState(false);
  const before = entry.before ?? null;
  const after = entry.after ?? null;

  if (before === null && after === null) {
    return <Typography.Text type="secondary">此操作没有记录数据内容。</Typography.Text>;
  }

  if (before === null || after === null || !hasSharedKeys(before, after)) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="audit-diff">
        {before !== null ? (
          <SnapshotBlock
            title={after === null ? '操作内容' : '操作前'}
            value={before}
            entityType={entry.entityType}
          />
        ) : null}
        {after !== null ? (
          <SnapshotBlock
            title={before === null ? '操作内容' : '操作后'}
            value={after}
            entityType={entry.entityType}
          />
        ) : null}
      </Space>
    );
  }

  const rows = diffRows(before, after, entry.entityType);
  const changed = rows.filter((row) => row.changed);
  const visible = showAll || changed.length === 0 ? rows : changed;
  const columns: TableColumnsType<DiffRow> = [
    { title: '字段', dataIndex: 'label', width: 200 },
    { title: '修改前', key: 'before', render: (_value, row) => show(row.before) },
    {
      title: '修改后',
      key: 'after',
      render: (_value, row) =>
        row.changed ? <Typography.Text strong>{show(row.after)}</Typography.Text> : show(row.after),
    },
  ];
  return (
    <div data-testid="audit-diff">
      <Table<DiffRow>
        size="small"
        pagination={false}
        rowKey="key"
        columns={columns}
        dataSource={visible}
        rowClassName={(row) => (row.changed ? 'audit-diff-changed' : '')}
      />
      {changed.length > 0 && changed.length < rows.length ? (
        <Button
          type="link"
          size="small"
          onClick={() => setShowAll(!showAll)}
          style={{ paddingInline: 0, marginTop: 4 }}
        >
          {showAll ? `只看修改的 ${changed.length} 项` : `显示全部 ${rows.length} 项`}
        </Button>
      ) : null}
    </div>
  );
}
