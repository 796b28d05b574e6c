import { useState } from 'react';
import dayjs from 'dayjs';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Col,
  Row,
  Skeleton,
  Space,
  Spin,
  Typography,
} from 'antd';
import { AimOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  indicatorKeys,
  indicatorLabels,
  type IndicatorKey,
  type IndicatorPart,
  type UnitIndicators,
} from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { useAsOf } from '../../../layout/asOf.ts';
import { useUrlParams } from '../../../shared/useUrlParams.ts';
import { formatDate, formatDateLong } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { downloadExport } from '../../../shared/download.ts';
import { useOrgAncestors } from '../../orgs/api/orgs.ts';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useIndicatorReport, useIndicatorTrend } from '../api/indicators.ts';
import { EmployersBehindDrawer, type EmployersBehindTarget } from '../components/EmployersBehindDrawer.tsx';
import { ChildrenChart, TrendChart } from '../components/IndicatorCharts.tsx';
import { valueOf } from '../components/values.ts';
import { IndicatorCards } from '../components/IndicatorCards.tsx';
import { IndicatorTable } from '../components/IndicatorTable.tsx';
import { IndicatorDefinitionsLink } from '../components/IndicatorHelp.tsx';
import { TargetsModal } from '../components/TargetsModal.tsx';

function parseUnit(value: string | null): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return id > 0 && id <= 2147483647 ? id : undefined;
}

function parseIndicator(value: string | null): IndicatorKey {
  return (indicatorKeys as readonly string[]).includes(value ?? '')
    ? (value as IndicatorKey)
    : 'union_formation';
}

const TREND_YEARS = 3;

/** 组织建设指标: a unit's coverage at a date, its children against the target, the trend and the employers behind. */
export function IndicatorsPage() {
  const me = useSession();
  const canTarget = useCan('target:write');
  const canOrgs = useCan('org:read');
  const { message } = AntApp.useApp();
  const { asOf } = useAsOf();
  const [params, updateParams] = useUrlParams();
  const unitId = parseUnit(params.get('unit'));
  const indicator = parseIndicator(params.get('indicator'));
  const report = useIndicatorReport(unitId, asOf);
  const trendFrom = dayjs(asOf).subtract(TREND_YEARS, 'year').format('YYYY-MM-DD');
  const trend = useIndicatorTrend(unitId, trendFrom, asOf, 13);
  const shownId = report.data?.unit.unitId ?? unitId ?? me.user.orgUnit.id;
  const ancestors = useOrgAncestors(shownId, asOf, canOrgs);
  const [behind, setBehind] = useState<EmployersBehindTarget | null>(null);
  const [editingTargets, setEditingTargets] = useState(false);
  const [exporting, setExporting] = useState(false);

  const setParam = (key: string, value: string | undefined) =>
    updateParams((next) => {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    });
  const openUnit = (id: number) => setParam('unit', id === me.user.orgUnit.id ? undefined : String(id));

  const onExport = async () => {
    setExporting(true);
    try {
      const name = await downloadExport('/indicators/export', { unitId, asOf }, '组织建设指标.xlsx');
      void message.success(`已导出 ${name}`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const data = report.data;
  const chartRows: UnitIndicators[] = data ? [...data.children, ...(data.direct ? [data.direct] : [])] : [];
  const unitTarget = data ? (valueOf(data.unit, indicator)?.target ?? null) : null;
  const year = Number(asOf.slice(0, 4));
  const path = [...(ancestors.data ?? []), ...(data ? [{ id: data.unit.unitId, name: data.unit.name }] : [])];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="indicators-page">
      <Card size="small">
        <Row gutter={[16, 12]} align="middle">
          <Col flex="auto">
            <Space orientation="vertical" size={4}>
              <Breadcrumb
                data-testid="indicator-path"
                items={path.map((unit, index) => ({
                  title:
                    index === path.length - 1 ? (
                      <Typography.Text strong data-testid="indicator-unit-name">
                        {unit.name}
                      </Typography.Text>
                    ) : (
                      <a onClick={() => openUnit(unit.id)}>{unit.name}</a>
                    ),
                }))}
              />
              <Typography.Text type="secondary">
                截至 {formatDateLong(asOf)}（{formatDate(asOf)}）· 含全部下级 · 点击柱形或组织名称查看下一级
              </Typography.Text>
            </Space>
          </Col>
          <Col style={{ width: 300 }}>
            <OrgPicker
              key={`${shownId}-${asOf}`}
              asOf={asOf}
              known={[me.user.orgUnit, ...(data ? [{ id: data.unit.unitId, name: data.unit.name }] : [])]}
              value={shownId}
              onChange={(id) => openUnit(id ?? me.user.orgUnit.id)}
              placeholder="选择组织"
              testId="indicator-unit-picker"
            />
          </Col>
          <Col>
            <Space>
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={() => void onExport()}
                data-testid="indicators-export"
              >
                导出 Excel
              </Button>
              {canTarget && data ? (
                <Button
                  icon={<AimOutlined />}
                  onClick={() => setEditingTargets(true)}
                  data-testid="targets-edit"
                >
                  设定目标
                </Button>
              ) : null}
            </Space>
          </Col>
        </Row>
      </Card>

      {report.isError ? (
        <Alert type="error" showIcon title="指标载入失败" description={errorMessage(report.error)} />
      ) : null}
      {!data ? (
        report.isError ? null : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )
      ) : (
        // While another date or unit loads, the figures on screen are the previous ones: dimmed, not clickable.
        <Spin spinning={report.isPlaceholderData} description={`正在载入 ${formatDate(asOf)} 的指标…`}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <IndicatorCards
              unit={data.unit}
              selected={indicator}
              onSelect={(key) => setParam('indicator', key)}
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card
                  size="small"
                  title={`下级${indicatorLabels[indicator]}`}
                  extra={
                    unitTarget === null ? (
                      <Typography.Text type="secondary">本级 {year} 年未设定目标</Typography.Text>
                    ) : (
                      <Typography.Text type="danger">
                        虚线：本级 {year} 年目标 {unitTarget}%
                      </Typography.Text>
                    )
                  }
                >
                  <ChildrenChart
                    rows={chartRows}
                    indicator={indicator}
                    target={unitTarget}
                    onPick={(row) => {
                      if (row.childCount > 0 && row.unitId !== data.unit.unitId) openUnit(row.unitId);
                    }}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={`近 ${TREND_YEARS} 年走势`}>
                  {trend.data ? (
                    <TrendChart trend={trend.data} indicator={indicator} />
                  ) : trend.isError ? (
                    <Alert
                      type="error"
                      showIcon
                      title="走势载入失败"
                      description={errorMessage(trend.error)}
                    />
                  ) : (
                    <Skeleton active />
                  )}
                </Card>
              </Col>
            </Row>
            <Card
              size="small"
              title={`${indicatorLabels[indicator]} 明细`}
              extra={
                <Space size={8}>
                  <Typography.Text type="secondary">点击分子、分母查看对应单位</Typography.Text>
                  <IndicatorDefinitionsLink current={indicator} />
                </Space>
              }
            >
              <IndicatorTable
                report={data}
                indicator={indicator}
                onDrill={(unit) => openUnit(unit.unitId)}
                onShowEmployers={(unit, part: IndicatorPart, direct) =>
                  setBehind({ unitId: unit.unitId, unitName: unit.name, part, direct })
                }
              />
            </Card>
          </Space>
        </Spin>
      )}
      {behind ? (
        <EmployersBehindDrawer
          target={behind}
          indicator={indicator}
          asOf={asOf}
          onClose={() => setBehind(null)}
        />
      ) : null}
      {editingTargets && data ? (
        <TargetsModal
          report={data}
          indicator={indicator}
          year={year}
          onClose={() => setEditingTargets(false)}
          onSaved={(count) => {
            setEditingTargets(false);
            void message.success(count > 0 ? `已保存 ${count} 项目标` : '目标没有变化');
          }}
        />
      ) : null}
    </Space>
  );
}
