import type { Kysely } from 'kysely';
import dayjs from 'dayjs';
import {
  indicatorKeys,
  type IndicatorKey,
  type IndicatorLeftOut,
  type IndicatorPart,
  type IndicatorReport,
  type IndicatorTarget,
  type IndicatorTrend,
  type IndicatorValue,
  type SetTargetBody,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { today } from '../../platform/orgs/dates.ts';
import { orgRepository, type OrgUnitAt } from '../../platform/orgs/org.repository.ts';
import { narrowScope, scopeOf } from '../../platform/scope.ts';
import { indicatorDefinitions, leftOutReasons, rateOf } from './indicator.definitions.ts';
import { indicatorRepository } from './indicator.repository.ts';
import { addCounts, tallyRepository, type FactCounts } from './tally.repository.ts';

type Db = Kysely<Database>;

async function unitAt(db: Db, actor: Actor, unitId: number | undefined, date: string): Promise<OrgUnitAt> {
  const scope = await scopeOf(db, actor, date);
  const unit = await orgRepository.findAt(db, unitId ?? actor.orgUnitId, date, scope);
  if (!unit) throw notFound('组织');
  return unit;
}

/** The indicator values of summed facts, with the unit's targets (basis points) for the year. */
export function valuesOf(counts: FactCounts, targets: Map<string, number>): IndicatorValue[] {
  return indicatorKeys.map((indicator) => {
    const d = indicatorDefinitions[indicator];
    const bp = targets.get(indicator);
    return {
      indicator,
      numerator: counts[d.numerator],
      denominator: counts[d.denominator],
      rate: rateOf(counts[d.numerator], counts[d.denominator]),
      target: bp === undefined ? null : bp / 100,
    };
  });
}

async function targetsByUnit(db: Db, unitIds: number[], year: number) {
  const byUnit = new Map<number, Map<string, number>>();
  for (const t of await indicatorRepository.targets(db, unitIds, year)) {
    const m = byUnit.get(t.orgUnitId) ?? new Map<string, number>();
    m.set(t.indicator, t.targetBp);
    byUnit.set(t.orgUnitId, m);
  }
  return byUnit;
}

async function totalAt(db: Db, unitId: number, date: string): Promise<FactCounts> {
  let total = tallyRepository.zero();
  for (const c of (await tallyRepository.childCountsAt(db, unitId, date)).values())
    total = addCounts(total, c);
  return total;
}

export const indicatorService = {
  /** Every indicator of a unit at a date, and of each child unit (drill-down), rolled up over subtrees. */
  async report(db: Db, actor: Actor, unitId: number | undefined, asOf = today()): Promise<IndicatorReport> {
    const unit = await unitAt(db, actor, unitId, asOf);
    const scope = await scopeOf(db, actor, asOf);
    const children = (await orgRepository.childrenAt(db, unit.id, asOf, scope)).filter(
      (c) => c.kind !== 'grassroots_union',
    );
    const groups = await tallyRepository.childCountsAt(db, unit.id, asOf);
    const year = Number(asOf.slice(0, 4));
    const targets = await targetsByUnit(db, [unit.id, ...children.map((c) => c.id)], year);
    let total = tallyRepository.zero();
    for (const c of groups.values()) total = addCounts(total, c);
    const direct = groups.get(unit.id);
    return {
      asOf,
      unit: {
        unitId: unit.id,
        name: unit.name,
        childCount: children.length,
        values: valuesOf(total, targets.get(unit.id) ?? new Map()),
      },
      children: children.map((c) => ({
        unitId: c.id,
        name: c.name,
        childCount: c.childCount,
        values: valuesOf(groups.get(c.id) ?? tallyRepository.zero(), targets.get(c.id) ?? new Map()),
      })),
      direct: direct
        ? {
            unitId: unit.id,
            name: `${unit.name}（直属）`,
            childCount: 0,
            values: valuesOf(direct, new Map()),
          }
        : null,
    };
  },

  /** The unit's indicators at evenly spaced dates from `from` to `to`. */
  async trend(
    db: Db,
    actor: Actor,
    unitId: number | undefined,
    from: string,
    to: string,
    points: number,
  ): Promise<IndicatorTrend> {
    if (from >= to) throw invalid([{ field: 'from', message: '起始日期应早于结束日期' }]);
    const unit = await unitAt(db, actor, unitId, to);
    const span = dayjs(to).diff(dayjs(from), 'day');
    const dates = [
      ...new Set(
        Array.from({ length: points }, (_, i) =>
          dayjs(from)
            .add(Math.round((span * i) / (points - 1)), 'day')
            .format('YYYY-MM-DD'),
        ),
      ),
    ];
    const out: IndicatorTrend = [];
    for (const date of dates) {
      const targets = await targetsByUnit(db, [unit.id], Number(date.slice(0, 4)));
      out.push({
        date,
        values: valuesOf(await totalAt(db, unit.id, date), targets.get(unit.id) ?? new Map()),
      });
    }
    return out;
  },

  async employersBehind(
    db: Db,
    actor: Actor,
    q: {
      unitId?: number;
      asOf?: string;
      indicator: IndicatorKey;
      part: IndicatorPart;
      direct?: boolean;
      page: number;
      pageSize: number;
    },
  ) {
    const asOf = q.asOf ?? today();
    const unit = await unitAt(db, actor, q.unitId, asOf);
    const rows = await indicatorRepository.employersBehind(
      db,
      narrowScope(await scopeOf(db, actor, asOf), unit.path),
      asOf,
      q.indicator,
      q.part,
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      q.direct,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        creditCode: r.credit_code,
        orgUnitName: r.org_unit_name,
        employees: r.employees,
        members: r.members,
        unionStatus: r.union_status,
        partyStatus: r.party_status,
      })),
      total: rows[0]?.total ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  },

  /** How many of the area's employers a denominator leaves out, and why, grouped by reason. */
  async leftOut(
    db: Db,
    actor: Actor,
    q: { unitId?: number; asOf?: string; indicator: IndicatorKey; direct?: boolean },
  ): Promise<IndicatorLeftOut> {
    const asOf = q.asOf ?? today();
    const unit = await unitAt(db, actor, q.unitId, asOf);
    const rows = await indicatorRepository.leftOut(
      db,
      narrowScope(await scopeOf(db, actor, asOf), unit.path),
      asOf,
      q.indicator,
      q.direct,
    );
    const labels = new Map(
      (leftOutReasons[indicatorDefinitions[q.indicator].denominator] ?? []).map((r) => [r.reason, r.label]),
    );
    const groups = rows
      .filter((r): r is { reason: string; n: number } => r.reason !== null)
      .map((r) => ({ reason: r.reason, label: labels.get(r.reason) ?? r.reason, count: r.n }))
      .sort((a, b) => b.count - a.count);
    return {
      areaEmployers: rows.reduce((sum, r) => sum + r.n, 0),
      counted: rows.find((r) => r.reason === null)?.n ?? 0,
      groups,
    };
  },

  async targets(db: Db, actor: Actor, unitId: number | undefined, year: number): Promise<IndicatorTarget[]> {
    const unit = await unitAt(db, actor, unitId, today());
    const rows = await indicatorRepository.targets(db, [unit.id], year);
    return rows
      .filter((r): r is typeof r & { indicator: IndicatorKey } =>
        (indicatorKeys as readonly string[]).includes(r.indicator),
      )
      .map((r) => ({
        orgUnitId: r.orgUnitId,
        indicator: r.indicator,
        year: r.year,
        target: r.targetBp / 100,
      }));
  },

  async setTarget(db: Db, actor: Actor, body: SetTargetBody): Promise<IndicatorTarget> {
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor, today());
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit) throw notFound('组织');
      const targetBp = Math.round(body.target * 100);
      const before = await indicatorRepository.setTarget(trx, { ...body, targetBp });
      await audit(trx, actor, {
        action: 'indicator.target',
        entityType: 'indicator_target',
        entityId: `${unit.id}:${body.indicator}:${body.year}`,
        scopePath: unit.path,
        before: before === null ? null : { target: before / 100 },
        after: { orgUnitId: unit.id, indicator: body.indicator, year: body.year, target: targetBp / 100 },
      });
      return { orgUnitId: unit.id, indicator: body.indicator, year: body.year, target: targetBp / 100 };
    });
  },
};
