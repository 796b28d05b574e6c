import { Button, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import {
  indicatorCountUnits,
  type IndicatorKey,
  type IndicatorPart,
  type IndicatorReport,
  type UnitIndicators,
} from '@gonghui/contracts';
import { formatCount } from '../../../shared/format.ts';
import { IndicatorHint } from './IndicatorHelp.tsx';
import { valueOf } from './values.ts';

interface Row {
  key: string;
  unit: UnitIndicators;
  kind: 'child' | 'direct' | 'total';
}

interface IndicatorTableProps {
  report: IndicatorReport;
  indicator: IndicatorKey;
  onDrill(unit: UnitIndicators): void;
  /** `direct`: only the employers placed at the unit itself (the 直属 row). */
  onShowEmployers(unit: UnitIndicators, part: IndicatorPart, direct: boolean): void;
}

function rateText(rate: number | null): string {
  return rate === null ? '—' : `${rate.toFixed(2)}%`;
}

/** The figures behind the chart: numerator, denominator, rate and target per child, and the total. */
export function IndicatorTable({ report, indicator, onDrill, onShowEmployers }: IndicatorTableProps) {
  const rows: Row[] = [
    ...report.children.map((unit) => ({ key: `c${unit.unitId}`, unit, kind: 'child' as const })),
    ...(report.direct ? [{ key: 'direct', unit: report.direct, kind: 'direct' as const }] : []),
    { key: 'total', unit: report.unit, kind: 'total' },
  ];

  const count = (row: Row, part: IndicatorPart) => {
    const v = valueOf(row.unit, indicator);
    const n = v ? v[part] : 0;
    if (n === 0) return formatCount(n);
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        onClick={() => onShowEmployers(row.unit, part, row.kind === 'direct')}
        data-testid={`indicator-${part}-${row.kind}`}
      >
        {formatCount(n)}
      </Button>
    );
  };

  const columns: TableColumnsType<Row> = [
    {
      title: '组织',
      key: 'name',
      render: (_value, row) =>
        row.kind === 'child' && row.unit.childCount > 0 ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => onDrill(row.unit)}
            data-testid="indicator-drill"
          >
            {row.unit.name} <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        ) : row.kind === 'total' ? (
          <Typography.Text strong>合计（{row.unit.name}）</Typography.Text>
        ) : (
          row.unit.name
        ),
    },
    {
      title: (
        <span>
          分子（{indicatorCountUnits[indicator]}）
          <IndicatorHint indicator={indicator} part="numerator" testId="indicator-hint-numerator" />
        </span>
      ),
      key: 'numerator',
      align: 'right',
      width: 110,
      render: (_v, row) => count(row, 'numerator'),
    },
    {
      title: (
        <span>
          分母（{indicatorCountUnits[indicator]}）
          <IndicatorHint indicator={indicator} part="denominator" testId="indicator-hint-denominator" />
        </span>
      ),
      key: 'denominator',
      align: 'right',
      width: 110,
      render: (_v, row) => count(row, 'denominator'),
    },
    {
      title: '比率',
      key: 'rate',
      align: 'right',
      width: 100,
      render: (_v, row) => {
        const text = rateText(valueOf(row.unit, indicator)?.rate ?? null);
        return row.kind === 'total' ? <Typography.Text strong>{text}</Typography.Text> : text;
      },
    },
    {
      title: '年度目标',
      key: 'target',
      align: 'right',
      width: 100,
      render: (_v, row) => {
        const target = valueOf(row.unit, indicator)?.target ?? null;
        return target === null ? <Typography.Text type="secondary">未设定</Typography.Text> : `${target}%`;
      },
    },
    {
      title: '完成情况',
      key: 'status',
      width: 130,
      render: (_v, row) => {
        const v = valueOf(row.unit, indicator);
        if (!v || v.target === null || v.rate === null) return null;
        const gap = v.rate - v.target;
        return gap >= 0 ? (
          <Tag color="green">已达标</Tag>
        ) : (
          <Tag color="orange">差 {Math.abs(gap).toFixed(2)} 个百分点</Tag>
        );
      },
    },
  ];

  return (
    <Table<Row>
      data-testid="indicator-table"
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      rowClassName={(row) => (row.kind === 'total' ? 'indicator-total-row' : '')}
      onRow={(row) => ({ 'data-row-kind': row.kind, 'data-unit-id': row.unit.unitId }) as object}
    />
  );
}
