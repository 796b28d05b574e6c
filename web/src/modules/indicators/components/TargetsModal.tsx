import { useState } from 'react';
import { Alert, InputNumber, Modal, Table, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { indicatorLabels, setTargetBody, type IndicatorKey, type IndicatorReport } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { useSetTarget } from '../api/indicators.ts';
import { valueOf } from './values.ts';

interface TargetRow {
  unitId: number;
  name: string;
  current: number | null;
  rate: number | null;
}

interface TargetsModalProps {
  report: IndicatorReport;
  indicator: IndicatorKey;
  year: number;
  onClose(): void;
  onSaved(count: number): void;
}

/** Sets one indicator's yearly target for a unit and each of its children in one go. */
export function TargetsModal({ report, indicator, year, onClose, onSaved }: TargetsModalProps) {
  const setTarget = useSetTarget();
  const rows: TargetRow[] = [report.unit, ...report.children].map((unit) => {
    const v = valueOf(unit, indicator);
    return { unitId: unit.unitId, name: unit.name, current: v?.target ?? null, rate: v?.rate ?? null };
  });
  const [draft, setDraft] = useState<Map<number, number | null>>(() => new Map());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const problems = [...draft.entries()].flatMap(([unitId, target]) => {
    if (target === null) return [];
    const parsed = setTargetBody.safeParse({ orgUnitId: unitId, indicator, year, target });
    return parsed.success
      ? []
      : [`${rows.find((r) => r.unitId === unitId)?.name}：${parsed.error.issues[0]?.message}`];
  });
  const changed = [...draft.entries()].filter(
    (entry): entry is [number, number] =>
      entry[1] !== null && entry[1] !== rows.find((r) => r.unitId === entry[0])?.current,
  );

  const save = async () => {
    if (problems.length > 0) return;
    setSaving(true);
    setError(null);
    let saved = 0;
    try {
      for (const [unitId, target] of changed) {
        await setTarget.mutateAsync({ orgUnitId: unitId, indicator, year, target });
        saved += 1;
      }
      onSaved(saved);
    } catch (cause) {
      setError(`${saved > 0 ? `已保存 ${saved} 项，` : ''}${errorMessage(cause)}`);
    } finally {
      setSaving(false);
    }
  };

  const okButtonProps: ButtonProps & Record<`data-${string}`, string> = {
    disabled: changed.length === 0 || problems.length > 0,
    loading: saving,
    'data-testid': 'targets-ok',
  };

  const columns: TableColumnsType<TargetRow> = [
    {
      title: '组织',
      dataIndex: 'name',
      render: (name: string, row) =>
        row.unitId === report.unit.unitId ? <strong>{name}（本级）</strong> : name,
    },
    {
      title: `${year} 年实际`,
      dataIndex: 'rate',
      width: 110,
      align: 'right',
      render: (rate: number | null) => (rate === null ? '—' : `${rate.toFixed(2)}%`),
    },
    {
      title: `${year} 年目标（%）`,
      key: 'target',
      width: 170,
      render: (_v, row) => (
        <InputNumber<number>
          min={0}
          max={100}
          step={1}
          precision={2}
          placeholder="未设定"
          value={draft.has(row.unitId) ? draft.get(row.unitId) : row.current}
          onChange={(value) => setDraft(new Map(draft).set(row.unitId, value))}
          suffix="%"
          style={{ width: 140 }}
          data-testid={`target-input-${row.unitId}`}
        />
      ),
    },
  ];

  return (
    <Modal
      open
      title={`设定年度目标：${indicatorLabels[indicator]}（${year} 年）`}
      width={720}
      okText={changed.length > 0 ? `保存 ${changed.length} 项` : '保存'}
      okButtonProps={okButtonProps}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        目标按年度设定，比率达到目标即为达标；下级的目标由本级设定。
      </Typography.Paragraph>
      {problems.length > 0 ? (
        <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Table<TargetRow>
        rowKey="unitId"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 420 }}
        data-testid="targets-table"
      />
    </Modal>
  );
}
