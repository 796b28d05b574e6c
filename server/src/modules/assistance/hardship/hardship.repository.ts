import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { ArchiveFilter } from '@gonghui/contracts';
import { startingWith } from '../../../db/like.ts';
import { listPage, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  withAssistance,
  type AppDb,
  type AssistanceDatabase,
  type AssistanceGivenTable,
  type HardshipArchiveTable,
  type HardshipMemberTable,
  type OrgUnitVersionTableRef,
} from '../cases/case.definitions.ts';

type Eb = ExpressionBuilder<
  AssistanceDatabase & { a: HardshipArchiveTable; v: OrgUnitVersionTableRef },
  'a' | 'v'
>;

/** Archives kept by a unit whose latest version lies in the scope. */
function scoped(db: AppDb, scope: Scope) {
  return withAssistance(db)
    .selectFrom('hardship_archive as a')
    .innerJoin('org_unit_version as v', 'v.org_unit_id', 'a.org_unit_id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('org_unit_version as w')
            .select('w.id')
            .whereRef('w.org_unit_id', '=', 'v.org_unit_id')
            .whereRef('w.valid_from', '>', 'v.valid_from'),
        ),
      ),
    )
    .where(inScope('v.path', scope));
}

/** The household's head, one field of it. */
const headOf = (eb: Eb) =>
  eb
    .selectFrom('hardship_member as hm')
    .whereRef('hm.archive_id', '=', 'a.id')
    .where('hm.relation', '=', 'head')
    .limit(1);

const columns = [
  'a.id',
  'a.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'a.unavoidable_expense_fen as unavoidableExpenseFen',
  'a.sudden_cause as suddenCause',
  'a.sudden_note as suddenNote',
  'a.category',
  'a.rule_version as ruleVersion',
  'a.line_unit_id as lineUnitId',
  'a.line_year as lineYear',
  'a.line_monthly_fen as lineMonthlyFen',
  'a.annual_income_fen as annualIncomeFen',
  'a.household_size as householdSize',
  'a.per_capita_monthly_fen as perCapitaMonthlyFen',
  'a.status',
  'a.status_reason as statusReason',
  'a.review_due_on as reviewDueOn',
  'a.updated_at as updatedAt',
  (eb: Eb) => headOf(eb).select('hm.name').as('headName'),
  (eb: Eb) => headOf(eb).select('hm.resident_id_cipher').as('headResidentIdCipher'),
  sql<number>`(select coalesce(sum(g.amount_fen), 0)::bigint from assistance_given g where g.archive_id = a.id)`.as(
    'assistedFen',
  ),
  sql<string>`(select lv.name from org_unit_version lv where lv.org_unit_id = a.line_unit_id
    order by lv.valid_from desc limit 1)`.as('lineUnitName'),
] as const;

export interface ArchiveListFilter extends Omit<ArchiveFilter, 'orgUnitId'> {
  today: string;
}

function filterWhere(f: ArchiveListFilter) {
  return (eb: Eb) => {
    const conds = [];
    if (f.category) conds.push(eb('a.category', '=', f.category));
    if (f.status) conds.push(eb('a.status', '=', f.status));
    if (f.reviewOverdue !== undefined)
      conds.push(eb('a.review_due_on', f.reviewOverdue ? '<' : '>=', f.today));
    if (f.neverAssisted !== undefined) {
      const given = eb.exists(
        eb.selectFrom('assistance_given as g').select('g.id').whereRef('g.archive_id', '=', 'a.id'),
      );
      conds.push(f.neverAssisted ? eb.not(given) : given);
    }
    const q = f.q?.trim();
    if (q)
      conds.push(
        eb.exists(
          eb
            .selectFrom('hardship_member as hm')
            .select('hm.id')
            .whereRef('hm.archive_id', '=', 'a.id')
            .where('hm.name', 'like', startingWith(q)),
        ),
      );
    return eb.and(conds);
  };
}

function givenRows(db: AppDb) {
  return withAssistance(db)
    .selectFrom('assistance_given as g')
    .leftJoin('assistance_case as c', 'c.id', 'g.case_id')
    .select([
      'g.id',
      'g.kind',
      'g.amount_fen as amountFen',
      'g.description',
      'g.fund',
      'g.given_on as givenOn',
      'g.case_id as caseId',
      'c.number as caseNumber',
    ])
    .orderBy('g.given_on', 'desc')
    .orderBy('g.id', 'desc');
}

export const hardshipRepository = {
  async find(db: AppDb, id: number, scope: Scope) {
    return scoped(db, scope).select(columns).where('a.id', '=', id).executeTakeFirst();
  },

  async lock(db: AppDb, id: number, scope: Scope) {
    return scoped(db, scope).select(columns).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
  },

  async reload(db: AppDb, id: number) {
    const found = await withAssistance(db)
      .selectFrom('hardship_archive as a')
      .innerJoin('org_unit_version as v', 'v.org_unit_id', 'a.org_unit_id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('org_unit_version as w')
              .select('w.id')
              .whereRef('w.org_unit_id', '=', 'v.org_unit_id')
              .whereRef('w.valid_from', '>', 'v.valid_from'),
          ),
        ),
      )
      .select(columns)
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    return found;
  },

  async list(db: AppDb, scope: Scope, f: ArchiveListFilter, page: PageRequest) {
    return listPage(db, {
      rows: scoped(db, scope).where(filterWhere(f)).select(columns),
      orderBy: [['a.id', 'desc']],
      page,
    });
  },

  async count(db: AppDb, scope: Scope, f: ArchiveListFilter): Promise<number> {
    const r = await scoped(db, scope)
      .where(filterWhere(f))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return r.n;
  },

  async all(db: AppDb, scope: Scope, f: ArchiveListFilter) {
    return scoped(db, scope).where(filterWhere(f)).select(columns).orderBy('a.id', 'desc').execute();
  },

  async members(db: AppDb, archiveId: number) {
    return withAssistance(db)
      .selectFrom('hardship_member')
      .select([
        'id',
        'name',
        'relation',
        'resident_id_cipher as residentIdCipher',
        'health',
        'annual_income_fen as annualIncomeFen',
        'occupation',
      ])
      .where('archive_id', '=', archiveId)
      .orderBy('id')
      .execute();
  },

  async insert(db: AppDb, values: Insertable<HardshipArchiveTable>): Promise<number> {
    const { id } = await withAssistance(db)
      .insertInto('hardship_archive')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async insertMembers(db: AppDb, rows: Insertable<HardshipMemberTable>[]) {
    await withAssistance(db).insertInto('hardship_member').values(rows).execute();
  },

  async update(db: AppDb, id: number, values: Updateable<HardshipArchiveTable>) {
    await withAssistance(db)
      .updateTable('hardship_archive')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async updateMember(
    db: AppDb,
    archiveId: number,
    memberId: number,
    values: Updateable<HardshipMemberTable>,
  ) {
    const r = await withAssistance(db)
      .updateTable('hardship_member')
      .set(values)
      .where('id', '=', memberId)
      .where('archive_id', '=', archiveId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async give(db: AppDb, values: Insertable<AssistanceGivenTable>): Promise<number> {
    const { id } = await withAssistance(db)
      .insertInto('assistance_given')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /**
   * The archives the scope keeps of households with a member of this resident-ID lookup hash: those in
   * force first, then the newest.
   */
  async ofPerson(db: AppDb, scope: Scope, residentIdHash: Buffer) {
    return scoped(db, scope)
      .select(columns)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('hardship_member as hm')
            .select('hm.id')
            .whereRef('hm.archive_id', '=', 'a.id')
            .where('hm.resident_id_hash', '=', residentIdHash),
        ),
      )
      .orderBy(sql`a.status = 'active'`, 'desc')
      .orderBy('a.id', 'desc')
      .execute();
  },

  /** The help given to any of these households, newest first. */
  async givenForArchives(db: AppDb, archiveIds: number[]) {
    if (archiveIds.length === 0) return [];
    return givenRows(db).where('g.archive_id', 'in', archiveIds).execute();
  },

  /** The help given to a household, newest first, with the number of the case it answered. */
  async given(db: AppDb, archiveId: number) {
    return givenRows(db).where('g.archive_id', '=', archiveId).execute();
  },

  /** The help recorded against any of these cases, newest first. */
  async givenForCases(db: AppDb, caseIds: number[]) {
    if (caseIds.length === 0) return [];
    return givenRows(db).where('g.case_id', 'in', caseIds).execute();
  },

  /** The district (county-level unit) above or at a unit path, whose minimum-living line applies. */
  async districtOf(db: AppDb, path: string) {
    const ids = path.split('/').filter(Boolean).map(Number);
    return db
      .selectFrom('org_unit as u')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
      )
      .select(['u.id', 'v.name', 'v.path'])
      .where('u.id', 'in', ids)
      .where('u.level', '=', 'county')
      .executeTakeFirst();
  },

  async line(db: AppDb, orgUnitId: number, year: number) {
    return withAssistance(db)
      .selectFrom('living_line')
      .select('monthly_fen')
      .where('org_unit_id', '=', orgUnitId)
      .where('year', '=', year)
      .executeTakeFirst();
  },

  async setLine(db: AppDb, orgUnitId: number, year: number, monthlyFen: number) {
    await withAssistance(db)
      .insertInto('living_line')
      .values({ org_unit_id: orgUnitId, year, monthly_fen: monthlyFen })
      .onConflict((oc) => oc.columns(['org_unit_id', 'year']).doUpdateSet({ monthly_fen: monthlyFen }))
      .execute();
  },

  async lines(db: AppDb, scope: Scope) {
    return withAssistance(db)
      .selectFrom('living_line as l')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'l.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select([
        'l.org_unit_id as orgUnitId',
        'v.name as orgUnitName',
        'l.year',
        'l.monthly_fen as monthlyFen',
      ])
      .where(inScope('v.path', scope))
      .orderBy('l.year', 'desc')
      .orderBy('v.name')
      .execute();
  },
};

export type ArchiveRow = Awaited<ReturnType<typeof hardshipRepository.reload>>;

/** The archives a scope keeps, for the figures' own queries. */
export const scopedArchives = scoped;
