import { sql } from 'kysely';
import type { CampaignRollupQuery } from '@gonghui/contracts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import { latestVersion, unitIdsOnPath, type Db } from '../campaigns.definitions.ts';

/** One figure of the roll-up: by unit below the base or by month, events or one output's total. */
export interface RollupCell {
  kind: 'unit' | 'month';
  key: string;
  output: string | null;
  events: string;
  participants: string;
  total: string | null;
}

export const rollupRepository = {
  /**
   * The figures of the events held in the scope, in one query over the events and their outputs: per unit
   * directly below the scope's unit (an event of the unit itself counts as its own), and per month.
   */
  async cells(db: Db, scope: Scope, f: CampaignRollupQuery): Promise<RollupCell[]> {
    const ids = unitIdsOnPath(scope);
    if (ids.length === 0) return [];
    const baseId = ids[ids.length - 1];
    const { rows } = await sql<RollupCell>`
      with ev as (
        select e.id, e.participants, e.held_on,
          coalesce(nullif(split_part(substr(v.path, ${scope.length + 1}::int), '/', 1), '')::int, ${baseId}::int) as unit_id
        from campaign_event e
        join org_unit u on u.id = e.org_unit_id
        join org_unit_version v on v.org_unit_id = e.org_unit_id and ${latestVersion}
        where ${inScope('v.path', scope)}
          and (${f.from ?? null}::date is null or e.held_on >= ${f.from ?? null}::date)
          and (${f.to ?? null}::date is null or e.held_on <= ${f.to ?? null}::date)
          and (${f.campaignId ?? null}::int is null or e.campaign_id = ${f.campaignId ?? null}::int)
          and (${f.typeCode ?? null}::text is null or e.type_code = ${f.typeCode ?? null}::text)
      ),
      counted as (
        select ev.unit_id, to_char(ev.held_on, 'YYYY-MM') as month, o.output_code, o.count
        from ev join campaign_event_output o on o.event_id = ev.id
      )
      select 'unit' as kind, unit_id::text as key, null as output,
        count(*)::bigint as events, coalesce(sum(participants), 0)::bigint as participants, null as total
      from ev group by unit_id
      union all
      select 'unit', unit_id::text, output_code, 0, 0, sum(count)::bigint from counted group by unit_id, output_code
      union all
      select 'month', to_char(held_on, 'YYYY-MM'), null, count(*)::bigint, coalesce(sum(participants), 0)::bigint, null
      from ev group by to_char(held_on, 'YYYY-MM')
      union all
      select 'month', month, output_code, 0, 0, sum(count)::bigint from counted group by month, output_code`.execute(
      db,
    );
    return rows;
  },

  /** The current names of units of the scope (a merged unit by its last name). */
  async unitNames(db: Db, scope: Scope, ids: number[]) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('org_unit as u')
      .innerJoin('org_unit_version as v', (j) => j.onRef('v.org_unit_id', '=', 'u.id').on(latestVersion))
      .select(['u.id', 'v.name', 'v.path'])
      .where('u.id', 'in', ids)
      .where(inScope('v.path', scope))
      .execute();
  },
};
