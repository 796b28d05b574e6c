import type { Kysely } from 'kysely';
import type { CampaignRollup, CampaignRollupQuery, CampaignRollupRow } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { campaignDb, unitIdsOnPath } from '../campaigns.definitions.ts';
import { campaignRepository } from '../campaigns/campaign.repository.ts';
import { CAMPAIGN } from '../campaigns/campaign.service.ts';
import { eventTypeRepository } from '../settings/event-type.repository.ts';
import { rollupRepository as repo, type RollupCell } from './rollup.repository.ts';

type Db = Kysely<Database>;
type Figures = { events: number; participants: number; outputs: Record<string, number> };

const empty = (): Figures => ({ events: 0, participants: 0, outputs: {} });

function add(into: Figures, c: RollupCell) {
  if (c.output === null) {
    into.events += Number(c.events);
    into.participants += Number(c.participants);
  } else into.outputs[c.output] = (into.outputs[c.output] ?? 0) + Number(c.total ?? 0);
}

/** Roll-ups of events by campaign, unit and period, summed from the events themselves on every request. */
export const rollupService = {
  async rollup(db: Db, actor: Actor, q: CampaignRollupQuery): Promise<CampaignRollup> {
    if (q.from && q.to && q.to < q.from)
      throw invalid([{ field: 'to', message: '截止日期不能早于起始日期' }]);
    const cdb = campaignDb(db);
    if (q.campaignId && !(await campaignRepository.find(cdb, q.campaignId, await scopeOf(db, actor))))
      throw notFound(CAMPAIGN);
    const type = q.typeCode ? await eventTypeRepository.type(cdb, q.typeCode) : undefined;
    if (q.typeCode && !type)
      throw invalid([{ field: 'typeCode', message: `活动类型「${q.typeCode}」不存在` }]);
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const cells = await repo.cells(cdb, scope, q);
    const ids = unitIdsOnPath(scope);
    const baseId = ids[ids.length - 1];

    const byUnit = new Map<number, Figures>();
    const byMonth = new Map<string, Figures>();
    const totals = empty();
    for (const c of cells) {
      const map = c.kind === 'unit' ? byUnit : byMonth;
      const key = c.kind === 'unit' ? Number(c.key) : c.key;
      let f = (map as Map<number | string, Figures>).get(key);
      if (!f) (map as Map<number | string, Figures>).set(key, (f = empty()));
      add(f, c);
      if (c.kind === 'unit') add(totals, c);
    }
    const names = await repo.unitNames(cdb, scope, [...new Set([baseId, ...byUnit.keys()])]);
    const base = names.find((n) => n.id === baseId);
    const rows: CampaignRollupRow[] = [...byUnit.entries()]
      .map(([id, f]) => {
        const unit = names.find((n) => n.id === id);
        return {
          orgUnitId: id,
          orgUnitName: unit?.name ?? '',
          own: id === baseId,
          path: unit?.path ?? '',
          ...f,
        };
      })
      .sort((a, b) => (a.own !== b.own ? (a.own ? -1 : 1) : a.path.localeCompare(b.path)))
      .map(({ path: _path, ...r }) => r);
    const used = new Set([...Object.keys(totals.outputs), ...(type?.outputs ?? [])]);
    const outputs = (await eventTypeRepository.outputs(cdb)).filter((o) => used.has(o.code));
    return {
      unit: { id: baseId ?? 0, name: base?.name ?? '' },
      outputs,
      totals,
      rows,
      months: [...byMonth.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, f]) => ({ month, ...f })),
    };
  },
};
