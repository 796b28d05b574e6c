import { Card, Col, Progress, Row, Typography } from 'antd';
import {
  indicatorCountUnits,
  indicatorKeys,
  indicatorLabels,
  type IndicatorKey,
  type UnitIndicators,
} from '@gonghui/contracts';
import { formatCount } from '../../../shared/format.ts';
import { IndicatorHint } from './IndicatorHelp.tsx';
import { valueOf } from './values.ts';

interface IndicatorCardsProps {
  unit: UnitIndicators;
  selected?: IndicatorKey;
  onSelect?(indicator: IndicatorKey): void;
  /** Which indicators to show; all by default. */
  keys?: readonly IndicatorKey[];
}

/** One card per indicator: rate, numerator / denominator and the target; a click chooses it. */
export function IndicatorCards({ unit, selected, onSelect, keys = indicatorKeys }: IndicatorCardsProps) {
  return (
    <Row gutter={[12, 12]} data-testid="indicator-cards">
      {keys.map((key) => {
        const v = valueOf(unit, key);
        const rate = v?.rate ?? null;
        const target = v?.target ?? null;
        const met = rate !== null && target !== null && rate >= target;
        const active = key === selected;
        return (
          <Col key={key} xs={24} sm={12} lg={8} xl={keys.length > 6 ? 6 : { flex: `${100 / keys.length}%` }}>
            <Card
              size="small"
              hoverable={onSelect !== undefined}
              onClick={() => onSelect?.(key)}
              data-testid={`indicator-card-${key}`}
              style={{
                height: '100%',
                borderColor: active ? '#1f5fbf' : undefined,
                boxShadow: active ? '0 0 0 1px #1f5fbf inset' : undefined,
              }}
            >
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {indicatorLabels[key]}
              </Typography.Text>
              <IndicatorHint indicator={key} testId={`indicator-hint-${key}`} />
              <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3 }} data-testid="indicator-rate">
                {rate === null ? '—' : `${rate.toFixed(2)}%`}
              </div>
              <Progress
                percent={rate ?? 0}
                showInfo={false}
                size="small"
                strokeColor={target === null ? undefined : met ? '#389e0d' : '#d46b08'}
                success={target === null ? undefined : { percent: 0 }}
              />
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                {formatCount(v?.numerator ?? 0)} / {formatCount(v?.denominator ?? 0)}{' '}
                {indicatorCountUnits[key]}
                {target === null ? ' · 未设目标' : ` · 目标 ${target}%${met ? ' · 已达标' : ''}`}
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
