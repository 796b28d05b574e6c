import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { FairFilter, PositionFilter } from '@gonghui/contracts';
import type { OrgUnitVersionTable } from '../../../db/schema.ts';
import { containing } from '../../../db/like.ts';
import { listPage, sortTerms, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  platformDb,
  type Db,
  type EmploymentDatabase,
  type JobFairEmployerTable,
  type JobFairTable,
  type JobPositionTable,
} from '../employment.definitions.ts';

type FairEb = ExpressionBuilder<EmploymentDatabase & { f: JobFairTable; v: OrgUnitVersionTable }, 'f' | 'v'>;

/** The path of the city federation a scope lies in: `/1/14/` → `/1/`. */
export function cityPathOf(scope: Scope): string {
  return `/${scope.split('/')[1]}/`;
}

/**
 * Fairs the caller sees: those organised in their scope (the organiser where it stands today), and, when
 * `withCityFairs`, the fairs of the city federation above them, which every unit of the city sees.
 */
export function visibleFairs(db: Db, scope: Scope, withCityFairs: boolean) {
  return db
    .selectFrom('job_fair as f')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'f.org_unit_id').on('v.valid_to', 'is', null),
    )
    .where((eb) =>
      withCityFairs
        ? eb.or([inScope('v.path', scope), eb('v.path', '=', cityPathOf(scope))])
        : inScope('v.path', scope),
    );
}

const fairColumns = [
  'f.id',
  'f.title',
  'f.category',
  'f.held_on as heldOn',
  'f.venue',
  'f.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'f.note',
  'f.updated_at as updatedAt',
  sql<number>`(select count(*)::int from job_fair_employer fe where fe.fair_id = f.id)`.as('employerCount'),
  sql<number>`(select count(*)::int from job_position p where p.fair_id = f.id)`.as('positionCount'),
  sql<number>`(select coalesce(sum(p.openings), 0)::int from job_position p where p.fair_id = f.id)`.as(
    'openings',
  ),
] as const;

export type FairRow = Awaited<ReturnType<ReturnType<typeof fairsWithColumns>['executeTakeFirstOrThrow']>>;
function fairsWithColumns(db: Db, scope: Scope, withCityFairs: boolean) {
  return visibleFairs(db, scope, withCityFairs).select(fairColumns);
}

function fairWhere(f: Omit<FairFilter, 'sort' | 'order'>) {
  return (eb: FairEb) => {
    const conds = [];
    if (f.category) conds.push(eb('f.category', '=', f.category));
    if (f.from) conds.push(eb('f.held_on', '>=', f.from));
    if (f.to) conds.push(eb('f.held_on', '<=', f.to));
    const q = f.q?.trim();
    if (q) conds.push(eb.or([eb('f.title', 'like', containing(q)), eb('f.venue', 'like', containing(q))]));
    return eb.and(conds);
  };
}

const fairSortColumns = { heldOn: 'f.held_on', title: 'f.title' } as const;

/** Positions of the fairs the caller sees, with their fair and employer. */
export function visiblePositions(db: Db, scope: Scope) {
  return db
    .selectFrom('job_position as p')
    .innerJoin('job_fair as f', 'f.id', 'p.fair_id')
    .innerJoin('job_fair_employer as fe', 'fe.id', 'p.fair_employer_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'f.org_unit_id').on('v.valid_to', 'is', null),
    )
    .where((eb) => eb.or([inScope('v.path', scope), eb('v.path', '=', cityPathOf(scope))]));
}

export const positionColumns = [
  'p.id',
  'p.fair_id as fairId',
  'f.title as fairTitle',
  'f.held_on as heldOn',
  'p.fair_employer_id as fairEmployerId',
  'fe.name as employerName',
  'p.title',
  'p.job_category as jobCategory',
  'p.openings',
  'p.pay_min_fen as payMinFen',
  'p.pay_max_fen as payMaxFen',
  'p.requirements',
  'p.skills',
  'p.suitability',
  'v.path as fairPath',
] as const;

export type PositionRow = Awaited<
  ReturnType<ReturnType<typeof positionsWithColumns>['executeTakeFirstOrThrow']>
>;
function positionsWithColumns(db: Db, scope: Scope) {
  return visiblePositions(db, scope).select(positionColumns);
}

function positionWhere(f: Omit<PositionFilter, 'sort' | 'order'>) {
  return (
    eb: ExpressionBuilder<
      EmploymentDatabase & { p: JobPositionTable; f: JobFairTable; fe: JobFairEmployerTable },
      'p' | 'f' | 'fe'
    >,
  ) => {
    const conds = [];
    if (f.fairId) conds.push(eb('p.fair_id', '=', f.fairId));
    if (f.jobCategory) conds.push(eb('p.job_category', '=', f.jobCategory));
    if (f.suitability) conds.push(sql<boolean>`${f.suitability} = any(p.suitability)`);
    const q = f.q?.trim();
    if (q) conds.push(eb.or([eb('p.title', 'like', containing(q)), eb('fe.name', 'like', containing(q))]));
    return eb.and(conds);
  };
}

const positionSortColumns = {
  heldOn: 'f.held_on',
  payMaxFen: 'p.pay_max_fen',
  openings: 'p.openings',
  title: 'p.title',
} as const;

export const fairRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return fairsWithColumns(db, scope, true).where('f.id', '=', id).executeTakeFirst();
  },

  /** Locks a fair the caller may change (organised in their scope) and reads it. */
  async lockEditable(db: Db, id: number, scope: Scope) {
    return fairsWithColumns(db, scope, false).where('f.id', '=', id).forUpdate('f').executeTakeFirst();
  },

  async list(db: Db, scope: Scope, withCityFairs: boolean, f: FairFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: visibleFairs(db, scope, withCityFairs).where(fairWhere(f)).select(fairColumns),
      orderBy: sortTerms({ columns: fairSortColumns, key: f.sort, order: f.order, tieBreak: 'f.id' }),
      page,
    });
  },

  async all(db: Db, scope: Scope, withCityFairs: boolean, f: FairFilter) {
    return visibleFairs(db, scope, withCityFairs)
      .where(fairWhere(f))
      .select(fairColumns)
      .orderBy(fairSortColumns[f.sort], f.order)
      .orderBy('f.id', f.order)
      .execute();
  },

  async insertFair(db: Db, values: Insertable<JobFairTable>): Promise<number> {
    const { id } = await db.insertInto('job_fair').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  async updateFair(db: Db, id: number, values: Updateable<JobFairTable>) {
    await db
      .updateTable('job_fair')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async touchFair(db: Db, id: number) {
    await db.updateTable('job_fair').set({ updated_at: new Date() }).where('id', '=', id).execute();
  },

  /** The fair's employers in booth order, with what each posts. */
  async employers(db: Db, fairId: number) {
    return db
      .selectFrom('job_fair_employer as fe')
      .select([
        'fe.id',
        'fe.fair_id as fairId',
        'fe.employer_id as employerId',
        'fe.name',
        'fe.credit_code as creditCode',
        'fe.booth',
        'fe.contact_name as contactName',
        sql<number>`(select count(*)::int from job_position p where p.fair_employer_id = fe.id)`.as(
          'positionCount',
        ),
        sql<number>`(select coalesce(sum(p.openings), 0)::int from job_position p where p.fair_employer_id = fe.id)`.as(
          'openings',
        ),
      ])
      .where('fe.fair_id', '=', fairId)
      .orderBy(sql`fe.booth is null`)
      .orderBy('fe.booth')
      .orderBy('fe.id')
      .execute();
  },

  async employerByCode(db: Db, fairId: number, creditCode: string) {
    return db
      .selectFrom('job_fair_employer')
      .select(['id', 'name', 'booth'])
      .where('fair_id', '=', fairId)
      .where('credit_code', '=', creditCode)
      .executeTakeFirst();
  },

  async fairEmployer(db: Db, id: number) {
    return db.selectFrom('job_fair_employer').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insertEmployer(db: Db, values: Insertable<JobFairEmployerTable>): Promise<number> {
    const { id } = await db
      .insertInto('job_fair_employer')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async boothTaken(db: Db, fairId: number, booth: string) {
    const r = await db
      .selectFrom('job_fair_employer')
      .select('name')
      .where('fair_id', '=', fairId)
      .where('booth', '=', booth)
      .executeTakeFirst();
    return r?.name ?? null;
  },

  /** What the fair achieved, counted from the records: seekers registered there, recommendations, placements. */
  async outcome(db: Db, fairId: number) {
    const r = await sql<{ seekersReceived: number; recommendations: number; placed: number }>`
      select
        (select count(*)::int from job_seeker s where s.fair_id = ${fairId}) as "seekersReceived",
        (select count(*)::int from job_recommendation r join job_position p on p.id = r.position_id
          where p.fair_id = ${fairId}) as "recommendations",
        (select count(distinct pl.seeker_id)::int from job_placement pl join job_position p on p.id = pl.position_id
          where p.fair_id = ${fairId}) as "placed"`.execute(db);
    return r.rows[0];
  },

  async positionsOfFair(db: Db, fairId: number, scope: Scope) {
    return positionsWithColumns(db, scope)
      .where('p.fair_id', '=', fairId)
      .orderBy('fe.booth')
      .orderBy('p.id')
      .execute();
  },

  async findPosition(db: Db, id: number, scope: Scope) {
    return positionsWithColumns(db, scope).where('p.id', '=', id).executeTakeFirst();
  },

  async listPositions(db: Db, scope: Scope, f: PositionFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: visiblePositions(db, scope).where(positionWhere(f)).select(positionColumns),
      orderBy: sortTerms({ columns: positionSortColumns, key: f.sort, order: f.order, tieBreak: 'p.id' }),
      page,
    });
  },

  async allPositions(db: Db, scope: Scope, f: PositionFilter) {
    return visiblePositions(db, scope)
      .where(positionWhere(f))
      .select(positionColumns)
      .orderBy(positionSortColumns[f.sort], f.order)
      .orderBy('p.id', f.order)
      .execute();
  },

  async insertPosition(db: Db, values: Insertable<JobPositionTable>): Promise<number> {
    const { id } = await db
      .insertInto('job_position')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async updatePosition(db: Db, id: number, values: Updateable<JobPositionTable>) {
    await db
      .updateTable('job_position')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },
};
