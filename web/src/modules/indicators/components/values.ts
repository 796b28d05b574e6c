import type { IndicatorKey, IndicatorValue, UnitIndicators } from '@gonghui/contracts';

/** One indicator's figures for a unit. */
export function valueOf(unit: UnitIndicators, indicator: IndicatorKey): IndicatorValue | undefined {
  return unit.values.find((v) => v.indicator === indicator);
}
