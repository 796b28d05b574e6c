import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { CampaignFilter, CampaignSort } from '@gonghui/contracts';
import { containing } from '../../../db/like.ts';
import { listPage, sortTerms, type PageRequest, type SortOrder } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  latestVersion,
  platformDb,
  unitIdsOnPath,
  type CampaignTable,
  type Db,
} from '../campaigns.definitions.ts';

/** A figure of a campaign's events held within the scope (events of units outside it are not counted). */
function eventFigure(figure: RawBuilder<unknown>, scope: Scope) {
  return sql<number>`(select (${figure})::int from campaign_event e
    join org_unit eu on eu.id = e.org_unit_id
    join org_unit_version ev on ev.org_unit_id = e.org_unit_id and (ev.valid_to is null or ev.valid_to = eu.closed_on)
    where e.campaign_id = c.id and ${inScope('ev.path', scope)})`;
}

/**
 * The campaigns a scope sees: those organised in it, and those whose territory reaches it, either
 * covering the scope's own unit (a city campaign seen by a town) or lying in part inside the scope.
 */
function visibleCampaigns(db: Db, scope: Scope) {
  const above = unitIdsOnPath(scope);
  return db
    .selectFrom('campaign as c')
    .innerJoin('org_unit as u', 'u.id', 'c.org_unit_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'c.org_unit_id').on(latestVersion),
    )
    .where((eb) =>
      eb.or([
        inScope('v.path', scope),
        eb.exists(
          eb
            .selectFrom('campaign_territory as t')
            .innerJoin('org_unit as tu', 'tu.id', 't.org_unit_id')
            .innerJoin('org_unit_version as tv', (j) =>
              j
                .onRef('tv.org_unit_id', '=', 't.org_unit_id')
                .on(sql<boolean>`(tv.valid_to is null or tv.valid_to = tu.closed_on)`),
            )
            .select('t.org_unit_id')
            .whereRef('t.campaign_id', '=', 'c.id')
            .where((w) =>
              w.or([
                above.length > 0 ? w('t.org_unit_id', 'in', above) : w.lit(false),
                inScope('tv.path', scope),
              ]),
            ),
        ),
      ]),
    )
    .select([
      'c.id',
      'c.theme',
      'c.starts_on as startsOn',
      'c.ends_on as endsOn',
      'c.org_unit_id as orgUnitId',
      'v.name as orgUnitName',
      'v.path as orgUnitPath',
      'c.description',
      'c.created_at as createdAt',
      eventFigure(sql`count(*)`, scope).as('events'),
      eventFigure(sql`coalesce(sum(e.participants), 0)`, scope).as('participants'),
    ]);
}

export type CampaignRow = Awaited<ReturnType<ReturnType<typeof visibleCampaigns>['executeTakeFirstOrThrow']>>;

const sortColumns: Record<CampaignSort, string> = { startsOn: 'c.starts_on', theme: 'c.theme' };

function filtered(q: ReturnType<typeof visibleCampaigns>, f: CampaignFilter, unit: Scope | null) {
  return q
    .$if(!!f.from, (b) => b.where('c.ends_on', '>=', f.from!))
    .$if(!!f.to, (b) => b.where('c.starts_on', '<=', f.to!))
    .$if(!!f.q, (b) => b.where('c.theme', 'like', containing(f.q!)))
    .$if(unit !== null, (b) => b.where(inScope('v.path', unit!)));
}

export const campaignRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return visibleCampaigns(db, scope).where('c.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: number, scope: Scope) {
    return visibleCampaigns(db, scope).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
  },

  /** A page of the campaigns the scope sees; `unit` keeps those organised under a chosen unit. */
  async list(
    db: Db,
    scope: Scope,
    unit: Scope | null,
    f: CampaignFilter,
    sort: { key: CampaignSort; order: SortOrder },
    page: PageRequest,
  ) {
    return listPage(platformDb(db), {
      rows: filtered(visibleCampaigns(db, scope), f, unit),
      orderBy: sortTerms({ columns: sortColumns, key: sort.key, order: sort.order, tieBreak: 'c.id' }),
      page,
      total: 'exact',
    });
  },

  async all(db: Db, scope: Scope, unit: Scope | null, f: CampaignFilter) {
    return filtered(visibleCampaigns(db, scope), f, unit)
      .orderBy('c.starts_on', 'desc')
      .orderBy('c.id', 'desc')
      .execute();
  },

  /** The territory units of the campaigns, with their current names and paths. */
  async territories(db: Db, ids: number[]) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('campaign_territory as t')
      .innerJoin('org_unit as u', 'u.id', 't.org_unit_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 't.org_unit_id').on(latestVersion),
      )
      .select(['t.campaign_id as campaignId', 't.org_unit_id as id', 'v.name', 'v.path'])
      .where('t.campaign_id', 'in', ids)
      .orderBy('v.path')
      .execute();
  },

  async insert(db: Db, values: Insertable<CampaignTable>, territory: number[]) {
    const { id } = await db.insertInto('campaign').values(values).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('campaign_territory')
      .values(territory.map((u) => ({ campaign_id: id, org_unit_id: u })))
      .execute();
    return id;
  },

  async update(db: Db, id: number, values: Updateable<CampaignTable>) {
    await db
      .updateTable('campaign')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  /** The first and last dates of the campaign's events (all of them, whoever holds them). */
  async eventSpan(db: Db, id: number) {
    return db
      .selectFrom('campaign_event')
      .select((eb) => [eb.fn.min('held_on').as('first'), eb.fn.max('held_on').as('last')])
      .where('campaign_id', '=', id)
      .executeTakeFirstOrThrow();
  },
};
