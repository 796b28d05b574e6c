import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Transaction,
  type Updateable,
} from 'kysely';
import dayjs from 'dayjs';
import { AGREEMENT_EXPIRING_DAYS, type AgreementFilter, type AgreementStatus } from '@gonghui/contracts';
import type { CollectiveAgreementTable, Database, OrgUnitVersionTable } from '../../db/schema.ts';
import { containing } from '../../db/like.ts';
import { today } from '../../platform/orgs/dates.ts';
import { listPage, sortTerms, type PageRequest } from '../../platform/lists/list-page.ts';
import { inScope, versionValidOn, type Scope } from '../../platform/scope.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Eb = ExpressionBuilder<Database & { a: CollectiveAgreementTable; v: OrgUnitVersionTable }, 'a' | 'v'>;

/**
 * Agreements whose signing union lies under a path in its latest version (a union closed since signing keeps
 * its agreements where it last stood).
 */
function scoped(db: Db, scope: Scope) {
  return db
    .selectFrom('collective_agreement as a')
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

const columns = [
  'a.id',
  'a.kind',
  'a.wage_specific as wageSpecific',
  'a.title',
  'a.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'a.signed_on as signedOn',
  'a.starts_on as startsOn',
  'a.ends_on as endsOn',
  'a.raise_bp as raiseBp',
  'a.minimum_wage_fen as minimumWageFen',
  'a.filed_on as filedOn',
  'a.note',
  'a.updated_at as updatedAt',
  sql<number>`(select count(*)::int from collective_agreement_employer ae where ae.agreement_id = a.id)`.as(
    'employerCount',
  ),
  sql<number>`(select coalesce(sum(e.employees), 0)::int from collective_agreement_employer ae
    join employer e on e.id = ae.employer_id where ae.agreement_id = a.id)`.as('workersCovered'),
] as const;

export type AgreementRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
function withColumns(db: Db, scope: Scope) {
  return scoped(db, scope).select(columns);
}

function filterWhere(f: Omit<AgreementFilter, 'sort' | 'order'>) {
  return (eb: Eb) => {
    const conds = [];
    if (f.kind) conds.push(eb('a.kind', '=', f.kind));
    if (f.wageSpecific !== undefined) conds.push(eb('a.wage_specific', '=', f.wageSpecific));
    if (f.inForceOn) {
      conds.push(eb('a.starts_on', '<=', f.inForceOn));
      conds.push(eb('a.ends_on', '>=', f.inForceOn));
    }
    if (f.status) conds.push(statusWhere(eb, f.status));
    if (f.employerId) {
      conds.push(
        eb.exists(
          eb
            .selectFrom('collective_agreement_employer as ce')
            .select('ce.agreement_id')
            .whereRef('ce.agreement_id', '=', 'a.id')
            .where('ce.employer_id', '=', f.employerId),
        ),
      );
    }
    const q = f.q?.trim();
    if (q) conds.push(eb('a.title', 'like', containing(q)));
    return eb.and(conds);
  };
}

/** An agreement's standing today (China time), as the status filter reads it. */
function statusWhere(eb: Eb, status: AgreementStatus) {
  const day = today();
  const inForce = eb.and([eb('a.starts_on', '<=', day), eb('a.ends_on', '>=', day)]);
  if (status === 'inForce') return inForce;
  if (status === 'expiring') {
    const last = dayjs(day).add(AGREEMENT_EXPIRING_DAYS, 'day').format('YYYY-MM-DD');
    return eb.and([inForce, eb('a.ends_on', '<=', last)]);
  }
  const ended = eb('a.ends_on', '<', day);
  if (status === 'expired') return ended;
  // Renewed: the same union signed a later agreement of the same kind and the same wage flag.
  return eb.and([
    ended,
    eb.not(
      eb.exists(
        eb
          .selectFrom('collective_agreement as later')
          .select('later.id')
          .whereRef('later.org_unit_id', '=', 'a.org_unit_id')
          .whereRef('later.kind', '=', 'a.kind')
          .whereRef('later.wage_specific', '=', 'a.wage_specific')
          .whereRef('later.starts_on', '>', 'a.starts_on'),
      ),
    ),
  ]);
}

const sortColumns = {
  startsOn: 'a.starts_on',
  endsOn: 'a.ends_on',
  signedOn: 'a.signed_on',
  title: 'a.title',
  raiseBp: 'a.raise_bp',
} as const;

export const agreementRepository = {
  /** Agreements in force today whose term ends between two dates (both included): those to renew soon. */
  async countEndingBetween(db: Db, scope: Scope, from: string, to: string): Promise<number> {
    const { n } = await scoped(db, scope)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.starts_on', '<=', from)
      .where('a.ends_on', '>=', from)
      .where('a.ends_on', '<=', to)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  async find(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('a.id', '=', id).executeTakeFirst();
  },

  /** One page of the filtered list, with the total; a union filter arrives as a narrower scope. */
  async list(db: Db, scope: Scope, f: AgreementFilter, page: PageRequest) {
    return listPage(db, {
      rows: scoped(db, scope).where(filterWhere(f)).select(columns),
      orderBy: sortTerms({ columns: sortColumns, key: f.sort, order: f.order, tieBreak: 'a.id' }),
      page,
    });
  },

  /** Every row of the filtered list in the list's order, for an export. */
  async all(db: Db, scope: Scope, f: AgreementFilter) {
    return scoped(db, scope)
      .where(filterWhere(f))
      .select(columns)
      .orderBy(sortColumns[f.sort], f.order)
      .orderBy('a.id', f.order)
      .execute();
  },

  /** The employers an agreement covers, with their locality's present name. */
  async employers(db: Db, agreementIds: number[]) {
    if (agreementIds.length === 0) return [];
    return db
      .selectFrom('collective_agreement_employer as ae')
      .innerJoin('employer as e', 'e.id', 'ae.employer_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select([
        'ae.agreement_id as agreementId',
        'e.id',
        'e.name',
        'e.credit_code as creditCode',
        'e.employees',
        'v.name as orgUnitName',
        'e.closed_on as closedOn',
      ])
      .where('ae.agreement_id', 'in', agreementIds)
      .orderBy('e.name')
      .orderBy('e.id')
      .execute();
  },

  async employerIds(db: Db, agreementId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('collective_agreement_employer')
      .select('employer_id')
      .where('agreement_id', '=', agreementId)
      .orderBy('employer_id')
      .execute();
    return rows.map((r) => r.employer_id);
  },

  /** Of the given employers, those open on `date` whose locality lies in the scope, with their grassroots union. */
  async openEmployersUnder(db: Db, ids: number[], scope: Scope, date: string) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('employer as e')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on(versionValidOn('v', date)),
      )
      .select(['e.id', 'e.name', 'e.grassroots_union_id as grassrootsUnionId', 'v.path'])
      .where('e.id', 'in', ids)
      .where('e.closed_on', 'is', null)
      .where(inScope('v.path', scope))
      .execute();
  },

  async insert(db: Db, values: Insertable<CollectiveAgreementTable>): Promise<number> {
    const { id } = await db
      .insertInto('collective_agreement')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async update(db: Db, id: number, values: Updateable<CollectiveAgreementTable>) {
    await db
      .updateTable('collective_agreement')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  /** Adds covered employers, skipping those already covered; returns the ids added. */
  async addEmployers(db: Db, agreementId: number, employerIds: number[]): Promise<number[]> {
    if (employerIds.length === 0) return [];
    const rows = await db
      .insertInto('collective_agreement_employer')
      .values(employerIds.map((employer_id) => ({ agreement_id: agreementId, employer_id })))
      .onConflict((oc) => oc.columns(['agreement_id', 'employer_id']).doNothing())
      .returning('employer_id')
      .execute();
    return rows.map((r) => r.employer_id);
  },

  async removeEmployers(db: Db, agreementId: number, employerIds: number[]) {
    if (employerIds.length === 0) return;
    await db
      .deleteFrom('collective_agreement_employer')
      .where('agreement_id', '=', agreementId)
      .where('employer_id', 'in', employerIds)
      .execute();
  },

  async touch(db: Db, id: number) {
    await db
      .updateTable('collective_agreement')
      .set({ updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },
};
