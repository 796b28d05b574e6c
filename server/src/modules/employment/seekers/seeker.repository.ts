import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { FollowUpFilter, SeekerFilter } from '@gonghui/contracts';
import type { OrgUnitVersionTable } from '../../../db/schema.ts';
import { containing } from '../../../db/like.ts';
import { listPage, sortTerms, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  platformDb,
  type Db,
  type EmploymentDatabase,
  type JobPlacementTable,
  type JobRecommendationTable,
  type JobSeekerStatusChangeTable,
  type JobSeekerTable,
} from '../employment.definitions.ts';

type Eb = ExpressionBuilder<EmploymentDatabase & { s: JobSeekerTable; v: OrgUnitVersionTable }, 's' | 'v'>;

/** Seekers registered by a union in the scope (where that union stands today). */
export function scopedSeekers(db: Db, scope: Scope) {
  return db
    .selectFrom('job_seeker as s')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 's.org_unit_id').on('v.valid_to', 'is', null),
    )
    .leftJoin('job_fair as sf', 'sf.id', 's.fair_id')
    .where(inScope('v.path', scope));
}

export const seekerColumns = [
  's.id',
  's.name',
  's.gender',
  's.birth_date as birthDate',
  's.resident_id_cipher as residentIdCipher',
  's.phone_cipher as phoneCipher',
  's.is_member as isMember',
  's.situation',
  's.skills',
  's.wished_categories as wishedCategories',
  's.wished_pay_min_fen as wishedPayMinFen',
  's.wishes',
  's.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  's.registered_via as registeredVia',
  's.fair_id as fairId',
  'sf.title as fairTitle',
  's.registered_on as registeredOn',
  's.status',
  's.status_since as statusSince',
  's.updated_at as updatedAt',
] as const;

export type SeekerRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
function withColumns(db: Db, scope: Scope) {
  return scopedSeekers(db, scope).select(seekerColumns);
}

function filterWhere(f: Omit<SeekerFilter, 'sort' | 'order'>) {
  return (eb: Eb) => {
    const conds = [];
    if (f.situation) conds.push(eb('s.situation', '=', f.situation));
    if (f.status) conds.push(eb('s.status', '=', f.status));
    if (f.registeredVia) conds.push(eb('s.registered_via', '=', f.registeredVia));
    if (f.fairId) conds.push(eb('s.fair_id', '=', f.fairId));
    const q = f.q?.trim();
    if (q) {
      const any = [eb('s.name', 'like', containing(q))];
      // The last four characters of a resident ID: its check character may be X (GB 11643), typed either case.
      if (/^\d{3}[\dXx]$/.test(q)) any.push(eb('s.resident_id_tail', '=', q.toUpperCase()));
      conds.push(eb.or(any));
    }
    return eb.and(conds);
  };
}

const sortColumns = {
  registeredOn: 's.registered_on',
  name: 's.name',
  statusSince: 's.status_since',
} as const;

const recommendationColumns = [
  'r.id',
  'r.seeker_id as seekerId',
  's.name as seekerName',
  'r.position_id as positionId',
  'p.title as positionTitle',
  'fe.name as employerName',
  'p.fair_id as fairId',
  'f.title as fairTitle',
  'r.recommended_on as recommendedOn',
  'r.result',
  'r.result_on as resultOn',
  'r.note',
] as const;

function recommendations(db: Db) {
  return db
    .selectFrom('job_recommendation as r')
    .innerJoin('job_seeker as s', 's.id', 'r.seeker_id')
    .innerJoin('job_position as p', 'p.id', 'r.position_id')
    .innerJoin('job_fair_employer as fe', 'fe.id', 'p.fair_employer_id')
    .innerJoin('job_fair as f', 'f.id', 'p.fair_id')
    .select(recommendationColumns);
}

function placements(db: Db) {
  return db
    .selectFrom('job_placement as pl')
    .innerJoin('job_position as p', 'p.id', 'pl.position_id')
    .innerJoin('job_fair_employer as fe', 'fe.id', 'p.fair_employer_id')
    .select([
      'pl.id',
      'pl.seeker_id as seekerId',
      'pl.recommendation_id as recommendationId',
      'fe.name as employerName',
      'p.title as positionTitle',
      'pl.placed_on as placedOn',
      'pl.source',
      'pl.ended_on as endedOn',
      'pl.end_reason as endReason',
      'pl.follow_up_due as followUpDue',
      'pl.followed_up_on as followedUpOn',
      'pl.still_employed as stillEmployed',
      'pl.follow_up_note as followUpNote',
    ]);
}

const followUpSortColumns = { followUpDue: 'pl.follow_up_due', placedOn: 'pl.placed_on' } as const;

function followUpRows(db: Db, scope: Scope, f: FollowUpFilter, on: string) {
  return scopedSeekers(db, scope)
    .innerJoin('job_placement as pl', 'pl.seeker_id', 's.id')
    .innerJoin('job_position as p', 'p.id', 'pl.position_id')
    .innerJoin('job_fair_employer as fe', 'fe.id', 'p.fair_employer_id')
    .select([
      'pl.id as placementId',
      's.id as seekerId',
      's.name as seekerName',
      'v.name as orgUnitName',
      'fe.name as employerName',
      'p.title as positionTitle',
      'pl.placed_on as placedOn',
      'pl.follow_up_due as followUpDue',
      sql<number>`greatest(${on}::date - pl.follow_up_due, 0)::int`.as('daysOverdue'),
    ])
    .where('pl.followed_up_on', 'is', null)
    .where('pl.ended_on', 'is', null)
    .$if(f.overdue === true, (q) => q.where('pl.follow_up_due', '<', on))
    .$if(f.overdue === false, (q) => q.where('pl.follow_up_due', '>=', on));
}

export const seekerRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('s.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('s.id', '=', id).forUpdate('s').executeTakeFirst();
  },

  async list(db: Db, scope: Scope, f: SeekerFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: scopedSeekers(db, scope).where(filterWhere(f)).select(seekerColumns),
      orderBy: sortTerms({ columns: sortColumns, key: f.sort, order: f.order, tieBreak: 's.id' }),
      page,
    });
  },

  async all(db: Db, scope: Scope, f: SeekerFilter) {
    return scopedSeekers(db, scope)
      .where(filterWhere(f))
      .select(seekerColumns)
      .orderBy(sortColumns[f.sort], f.order)
      .orderBy('s.id', f.order)
      .execute();
  },

  /** The seeker record of a person, wherever it was registered (one per person in the whole database). */
  async byHash(db: Db, hash: Buffer) {
    return db
      .selectFrom('job_seeker as s')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 's.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select(['s.id', 's.name', 'v.name as orgUnitName', 'v.path as orgUnitPath'])
      .where('s.resident_id_hash', '=', hash)
      .executeTakeFirst();
  },

  /** The keyed hash of a seeker's resident ID (by which other modules find the same person). */
  async residentIdHash(db: Db, id: number): Promise<Buffer> {
    const r = await db
      .selectFrom('job_seeker')
      .select('resident_id_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return r.resident_id_hash;
  },

  async insert(db: Db, values: Insertable<JobSeekerTable>): Promise<number> {
    const { id } = await db.insertInto('job_seeker').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  async update(db: Db, id: number, values: Updateable<JobSeekerTable>) {
    await db
      .updateTable('job_seeker')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async insertStatusChange(db: Db, values: Insertable<JobSeekerStatusChangeTable>) {
    await db.insertInto('job_seeker_status_change').values(values).execute();
  },

  async history(db: Db, seekerId: number) {
    return db
      .selectFrom('job_seeker_status_change as c')
      .leftJoin('app_user as u', 'u.id', 'c.changed_by')
      .select([
        'c.id',
        'c.from_status as fromStatus',
        'c.to_status as toStatus',
        'c.changed_on as changedOn',
        'c.reason',
        'u.display_name as changedBy',
      ])
      .where('c.seeker_id', '=', seekerId)
      .orderBy('c.id')
      .execute();
  },

  async recommendationsOf(db: Db, seekerId: number) {
    return recommendations(db)
      .where('r.seeker_id', '=', seekerId)
      .orderBy('r.recommended_on', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
  },

  async recommendation(db: Db, id: number) {
    return recommendations(db).where('r.id', '=', id).executeTakeFirst();
  },

  async recommendationFor(db: Db, seekerId: number, positionId: number) {
    return recommendations(db)
      .where('r.seeker_id', '=', seekerId)
      .where('r.position_id', '=', positionId)
      .executeTakeFirst();
  },

  async insertRecommendation(db: Db, values: Insertable<JobRecommendationTable>): Promise<number> {
    const { id } = await db
      .insertInto('job_recommendation')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async updateRecommendation(db: Db, id: number, values: Updateable<JobRecommendationTable>) {
    await db.updateTable('job_recommendation').set(values).where('id', '=', id).execute();
  },

  async placementsOf(db: Db, seekerId: number) {
    return placements(db)
      .where('pl.seeker_id', '=', seekerId)
      .orderBy('pl.placed_on', 'desc')
      .orderBy('pl.id', 'desc')
      .execute();
  },

  async livePlacement(db: Db, seekerId: number) {
    return placements(db)
      .where('pl.seeker_id', '=', seekerId)
      .where('pl.ended_on', 'is', null)
      .executeTakeFirst();
  },

  async placementOf(db: Db, recommendationId: number) {
    return placements(db).where('pl.recommendation_id', '=', recommendationId).executeTakeFirst();
  },

  async insertPlacement(db: Db, values: Insertable<JobPlacementTable>): Promise<number> {
    const { id } = await db
      .insertInto('job_placement')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async endPlacement(db: Db, id: number, endedOn: string, reason: string) {
    await db
      .updateTable('job_placement')
      .set({ ended_on: endedOn, end_reason: reason })
      .where('id', '=', id)
      .execute();
  },

  async recordFollowUp(db: Db, id: number, on: string, stillEmployed: boolean, note: string | null) {
    await db
      .updateTable('job_placement')
      .set({ followed_up_on: on, still_employed: stillEmployed, follow_up_note: note })
      .where('id', '=', id)
      .execute();
  },

  /** Placements of seekers in the scope not yet followed up, due by `dueBy` when given. */
  async followUps(db: Db, scope: Scope, f: FollowUpFilter, page: PageRequest, on: string) {
    return listPage(platformDb(db), {
      rows: followUpRows(db, scope, f, on),
      orderBy: sortTerms({ columns: followUpSortColumns, key: f.sort, order: f.order, tieBreak: 'pl.id' }),
      page,
    });
  },

  async allFollowUps(db: Db, scope: Scope, f: FollowUpFilter, on: string) {
    return followUpRows(db, scope, f, on)
      .orderBy(followUpSortColumns[f.sort], f.order)
      .orderBy('pl.id', f.order)
      .execute();
  },

  async countOverdue(db: Db, scope: Scope, on: string): Promise<number> {
    const r = await scopedSeekers(db, scope)
      .innerJoin('job_placement as pl', 'pl.seeker_id', 's.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pl.followed_up_on', 'is', null)
      .where('pl.ended_on', 'is', null)
      .where('pl.follow_up_due', '<', on)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** How many people the position has placed so far (a position with all its openings filled is full). */
  async placedIn(db: Db, positionId: number): Promise<number> {
    const r = await db
      .selectFrom('job_placement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('position_id', '=', positionId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};

/** A seeker's groups a position may be suited to, from the situation, gender and age (in SQL). */
export const seekerGroupsSql = sql<string[]>`array_remove(array[
  case s.situation when 'laid_off' then 'laid_off' when 'unemployed' then 'laid_off' when 'migrant' then 'migrant'
    when 'disabled' then 'disabled' when 'graduate' then 'graduate' end,
  case when s.gender = 'female' then 'women' end,
  case when s.birth_date <= (current_date - interval '45 years')::date then 'older' end
]::text[], null)`;
