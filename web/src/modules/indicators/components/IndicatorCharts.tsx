import { useMemo } from 'react';
import { Empty } from 'antd';
import {
  indicatorLabels,
  type IndicatorKey,
  type IndicatorTrend,
  type UnitIndicators,
} from '@gonghui/contracts';
import { formatCount } from '../../../shared/format.ts';
import { EChart, type ChartOption } from './EChart.tsx';
import { valueOf } from './values.ts';

const BELOW = '#d46b08';
const MET = '#1f5fbf';

interface ChildrenChartProps {
  rows: UnitIndicators[];
  indicator: IndicatorKey;
  /** The target of the unit whose children are shown, drawn as a line across the bars. */
  target: number | null;
  onPick(row: UnitIndicators): void;
}

/** Each child unit's rate as a bar, against the parent's target line; a click drills down. */
export function ChildrenChart({ rows, indicator, target, onPick }: ChildrenChartProps) {
  const option = useMemo<ChartOption>(() => {
    const values = rows.map((row) => valueOf(row, indicator));
    return {
      grid: { left: 48, right: 24, top: 36, bottom: rows.length > 8 ? 96 : 48 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
          const row = rows[first.dataIndex];
          const v = values[first.dataIndex];
          if (!row || !v) return '';
          const rate = v.rate === null ? '—' : `${v.rate.toFixed(2)}%`;
          const own = v.target === null ? '' : `<br/>本单位目标 ${v.target}%`;
          return `${row.name}<br/>${indicatorLabels[indicator]} ${rate}（${formatCount(v.numerator)} / ${formatCount(v.denominator)}）${own}`;
        },
      },
      xAxis: {
        type: 'category',
        data: rows.map((row) => row.name.replace(/(总工会|联合工会|工会)$/, '')),
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0, fontSize: 11 },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: indicatorLabels[indicator],
          type: 'bar',
          barMaxWidth: 36,
          cursor: 'pointer',
          data: values.map((v) => ({
            value: v?.rate ?? 0,
            itemStyle: { color: target !== null && (v?.rate ?? 0) < target ? BELOW : MET },
          })),
          label: {
            show: rows.length <= 16,
            position: 'top',
            fontSize: 11,
            formatter: (p: { dataIndex: number }) => {
              const rate = values[p.dataIndex]?.rate;
              return rate === null || rate === undefined ? '—' : `${rate}%`;
            },
          },
          markLine:
            target === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { color: '#cf1322', type: 'dashed', width: 2 },
                  label: { formatter: `目标 ${target}%`, position: 'insideEndTop', color: '#cf1322' },
                  data: [{ yAxis: target }],
                },
        },
      ],
    };
  }, [rows, indicator, target]);

  if (rows.length === 0) return <Empty description="没有下级组织" style={{ padding: 48 }} />;
  return (
    <EChart
      option={option}
      height={rows.length > 8 ? 380 : 320}
      testId="indicator-bar-chart"
      onClickIndex={(index) => {
        const row = rows[index];
        if (row) onPick(row);
      }}
    />
  );
}

/** The unit's rate over time, with its yearly target. */
export function TrendChart({ trend, indicator }: { trend: IndicatorTrend; indicator: IndicatorKey }) {
  const option = useMemo<ChartOption>(() => {
    const points = trend.map((p) => p.values.find((v) => v.indicator === indicator));
    const hasTarget = points.some((v) => v?.target !== null && v?.target !== undefined);
    return {
      grid: { left: 48, right: 24, top: 36, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      xAxis: { type: 'category', data: trend.map((p) => p.date), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: indicatorLabels[indicator],
          type: 'line',
          smooth: false,
          symbolSize: 6,
          data: points.map((v) => v?.rate ?? null),
          itemStyle: { color: MET },
          areaStyle: { opacity: 0.08 },
        },
        ...(hasTarget
          ? [
              {
                name: '年度目标',
                type: 'line' as const,
                step: 'end' as const,
                symbol: 'none',
                data: points.map((v) => v?.target ?? null),
                lineStyle: { color: '#cf1322', type: 'dashed' as const },
                itemStyle: { color: '#cf1322' },
              },
            ]
          : []),
      ],
    };
  }, [trend, indicator]);
  return <EChart option={option} height={280} testId="indicator-trend-chart" />;
}
