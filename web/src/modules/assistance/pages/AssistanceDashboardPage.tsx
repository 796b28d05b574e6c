import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Space } from 'antd';
import {
  caseStatusLabels,
  caseTypeLabels,
  hardshipCategoryLabels,
  orgLevelLabels,
  type AssistanceDashboard,
} from '@gonghui/contracts';
import { apiGet, errorMessage } from '../../../api/client.ts';
import { FigureCard } from '../../../shared/FigureCard.tsx';
import { EChart, type ChartOption } from '../../indicators/components/EChart.tsx';
import { yuan } from '../components/money.ts';

function bars(names: string[], series: Array<{ name: string; data: number[] }>, stack = false): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 48, right: 16, top: series.length > 1 ? 32 : 16, bottom: 48 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      stack: stack ? 'all' : undefined,
    })),
  };
}

/** Money by fund and month: stacked bars in yuan, the tooltip with two decimals. */
function moneyOption(d: AssistanceDashboard): ChartOption {
  const months = Array.from({ length: 12 }, (_v, i) => `${d.year}-${String(i + 1).padStart(2, '0')}`);
  const funds = Array.from(new Set(d.paidByFundMonth.map((p) => p.fund)));
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => `${yuan(Math.round(Number(v) * 100))} 元`,
    },
    legend: { top: 0 },
    grid: { left: 72, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
    yAxis: { type: 'value', name: '元' },
    series: funds.map((fund) => ({
      type: 'bar',
      name: fund,
      stack: 'money',
      data: months.map(
        (m) => (d.paidByFundMonth.find((p) => p.fund === fund && p.month === m)?.amountFen ?? 0) / 100,
      ),
    })),
  };
}

/** The one-stop centre's figures for a year in the user's territory. */
export function AssistanceDashboardPage() {
  const navigate = useNavigate();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const found = useQuery({
    queryKey: ['assistance', 'dashboard', year],
    queryFn: ({ signal }) => apiGet<AssistanceDashboard>('/assistance/dashboard', { year }, signal),
  });
  const d = found.data;
  const charts = useMemo(() => {
    if (!d) return null;
    return {
      byType: bars(
        d.byType.map((t) => caseTypeLabels[t.type]),
        [
          { name: '在办', data: d.byType.map((t) => t.open) },
          { name: '已办结', data: d.byType.map((t) => t.closed) },
        ],
        true,
      ),
      byStatus: bars(
        d.byStatus.map((s) => caseStatusLabels[s.status]),
        [{ name: '案件', data: d.byStatus.map((s) => s.n) }],
      ),
      byLevel: bars(
        d.byLevel.map((l) => orgLevelLabels[l.level]),
        [{ name: '案件', data: d.byLevel.map((l) => l.n) }],
      ),
      money: moneyOption(d),
      archives: bars(
        d.archivesByCategory.map((a) => hardshipCategoryLabels[a.category]),
        [{ name: '在档户数', data: d.archivesByCategory.map((a) => a.n) }],
      ),
    };
  }, [d]);
  const paid = d ? d.paidByFundMonth.reduce((t, p) => t + p.amountFen, 0) : 0;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="assistance-dashboard">
      <Card
        title="帮扶统计（一站式服务中心）"
        extra={
          <Select<number>
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={Array.from({ length: 5 }, (_v, i) => thisYear - i).map((y) => ({
              value: y,
              label: `${y} 年`,
            }))}
            data-testid="assistance-dashboard-year"
          />
        }
      >
        {found.isError ? (
          <Alert type="error" showIcon title="统计载入失败" description={errorMessage(found.error)} />
        ) : null}
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <FigureCard
              title="已超期（在办）"
              value={d?.overdue}
              suffix="件"
              testId="assistance-dashboard-overdue"
              onClick={() => void navigate('/assistance/cases?clock=overdue')}
            />
          </Col>
          <Col xs={12} md={6}>
            <FigureCard
              title="3 个工作日内到期"
              value={d?.dueSoon}
              suffix="件"
              testId="assistance-dashboard-due-soon"
              onClick={() => void navigate('/assistance/cases?clock=dueSoon')}
            />
          </Col>
          <Col xs={12} md={6}>
            <Card style={{ height: '100%' }} data-testid="assistance-dashboard-median">
              <div style={{ color: 'rgba(0,0,0,0.45)' }}>办理用时中位数</div>
              <div style={{ fontSize: 24 }}>
                {d ? (d.medianWorkingDays === null ? '—' : `${d.medianWorkingDays} 个工作日`) : '—'}
              </div>
              <div style={{ color: 'rgba(0,0,0,0.45)' }}>
                本年办结 {d?.closedCount ?? 0} 件，按国务院节假日安排计
              </div>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card style={{ height: '100%' }} data-testid="assistance-dashboard-paid">
              <div style={{ color: 'rgba(0,0,0,0.45)' }}>本年帮扶资金</div>
              <div style={{ fontSize: 24 }}>{yuan(paid)} 元</div>
            </Card>
          </Col>
        </Row>
      </Card>
      {charts ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title="案件按类型">
              <EChart option={charts.byType} height={280} testId="assistance-chart-type" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="案件按状态">
              <EChart option={charts.byStatus} height={280} testId="assistance-chart-status" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="案件按办理层级">
              <EChart option={charts.byLevel} height={280} testId="assistance-chart-level" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="困难职工档案按类别（在档）">
              <EChart option={charts.archives} height={280} testId="assistance-chart-archives" />
            </Card>
          </Col>
          <Col xs={24}>
            <Card title="帮扶资金按来源和月份（元）">
              <EChart option={charts.money} height={300} testId="assistance-chart-money" />
            </Card>
          </Col>
        </Row>
      ) : null}
    </Space>
  );
}
