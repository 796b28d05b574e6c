import { sql, type Insertable } from 'kysely';
import type { CampaignEventFilter, CampaignEventSort, EventOutputCount } from '@gonghui/contracts';
import { containing } from '../../../db/like.ts';
import { listPage, sortTerms, type PageRequest, type SortOrder } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import { latestVersion, platformDb, type CampaignEventTable, type Db } from '../campaigns.definitions.ts';

/** The events held by units of the scope, with their campaign, type, host employer and outputs. */
function scopedEvents(db: Db, scope: Scope) {
  return db
    .selectFrom('campaign_event as e')
    .innerJoin('org_unit as u', 'u.id', 'e.org_unit_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on(latestVersion),
    )
    .innerJoin('campaign_event_type as t', 't.code', 'e.type_code')
    .leftJoin('campaign as c', 'c.id', 'e.campaign_id')
    .leftJoin('employer as emp', 'emp.id', 'e.employer_id')
    .where(inScope('v.path', scope))
    .select([
      'e.id',
      'e.campaign_id as campaignId',
      'c.theme as campaignTheme',
      'e.org_unit_id as orgUnitId',
      'v.name as orgUnitName',
      'v.path as orgUnitPath',
      'e.type_code as typeCode',
      't.name as typeName',
      'e.title',
      'e.held_on as heldOn',
      'e.place',
      'e.employer_id as employerId',
      'emp.name as employerName',
      'e.participants',
      'e.note',
      'e.created_at as createdAt',
      'e.updated_at as updatedAt',
      sql<EventOutputCount[]>`coalesce((
        select json_agg(json_build_object('code', o.output_code, 'count', o.count) order by co.sort, co.id)
        from campaign_event_output o join campaign_output co on co.code = o.output_code
        where o.event_id = e.id), '[]'::json)`.as('outputs'),
    ]);
}

export type EventRow = Awaited<ReturnType<ReturnType<typeof scopedEvents>['executeTakeFirstOrThrow']>>;

const sortColumns: Record<CampaignEventSort, string> = {
  heldOn: 'e.held_on',
  participants: 'e.participants',
};

function filtered(q: ReturnType<typeof scopedEvents>, f: CampaignEventFilter) {
  return q
    .$if(!!f.campaignId, (b) => b.where('e.campaign_id', '=', f.campaignId!))
    .$if(f.standalone === true, (b) => b.where('e.campaign_id', 'is', null))
    .$if(f.standalone === false, (b) => b.where('e.campaign_id', 'is not', null))
    .$if(!!f.typeCode, (b) => b.where('e.type_code', '=', f.typeCode!))
    .$if(!!f.from, (b) => b.where('e.held_on', '>=', f.from!))
    .$if(!!f.to, (b) => b.where('e.held_on', '<=', f.to!))
    .$if(!!f.q, (b) =>
      b.where((eb) =>
        eb.or([eb('e.title', 'like', containing(f.q!)), eb('e.place', 'like', containing(f.q!))]),
      ),
    );
}

export const eventRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return scopedEvents(db, scope).where('e.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: number, scope: Scope) {
    return scopedEvents(db, scope).where('e.id', '=', id).forUpdate('e').executeTakeFirst();
  },

  /** A page of the filtered events; a unit filter arrives as a narrower scope. */
  async list(
    db: Db,
    scope: Scope,
    f: CampaignEventFilter,
    sort: { key: CampaignEventSort; order: SortOrder },
    page: PageRequest,
  ) {
    return listPage(platformDb(db), {
      rows: filtered(scopedEvents(db, scope), f),
      orderBy: sortTerms({ columns: sortColumns, key: sort.key, order: sort.order, tieBreak: 'e.id' }),
      page,
    });
  },

  async *stream(db: Db, scope: Scope, f: CampaignEventFilter, batch = 1000) {
    for (let offset = 0; ; offset += batch) {
      const rows = await filtered(scopedEvents(db, scope), f)
        .orderBy('e.held_on', 'desc')
        .orderBy('e.id', 'desc')
        .limit(batch)
        .offset(offset)
        .execute();
      if (rows.length > 0) yield rows;
      if (rows.length < batch) return;
    }
  },

  /** Events held by units of the scope between two dates: the workbench's figure. */
  async countHeldBetween(db: Db, scope: Scope, from: string, to: string) {
    const r = await db
      .selectFrom('campaign_event as e')
      .innerJoin('org_unit as u', 'u.id', 'e.org_unit_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on(latestVersion),
      )
      .select(sql<number>`count(*)::int`.as('n'))
      .where(inScope('v.path', scope))
      .where('e.held_on', '>=', from)
      .where('e.held_on', '<=', to)
      .executeTakeFirstOrThrow();
    return r.n;
  },

  async insert(db: Db, values: Insertable<CampaignEventTable>) {
    const { id } = await db
      .insertInto('campaign_event')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async update(db: Db, id: number, values: Partial<Insertable<CampaignEventTable>>) {
    await db
      .updateTable('campaign_event')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  /** Replaces the event's counted outputs; a count of 0 is kept (counted, none), an output left out is not. */
  async setOutputs(db: Db, id: number, outputs: EventOutputCount[]) {
    await db.deleteFrom('campaign_event_output').where('event_id', '=', id).execute();
    if (outputs.length > 0)
      await db
        .insertInto('campaign_event_output')
        .values(outputs.map((o) => ({ event_id: id, output_code: o.code, count: o.count })))
        .execute();
  },
};
