import { sql, type ExpressionBuilder, type Kysely, type Transaction, type Updateable } from 'kysely';
import { industryDivisions, type EmployerFilter, type StatusAspect } from '@gonghui/contracts';
import type { Database, EmployerTable, OrgUnitVersionTable } from '../../../db/schema.ts';
import { containing } from '../../../db/like.ts';
import {
  listPage,
  SEARCH_TOTAL_CAP,
  sortTerms,
  TOTAL_CAP,
  type PageRequest,
} from '../../../platform/lists/list-page.ts';
import { coversWholeTree, inScope, versionValidOn, type Scope } from '../../../platform/scope.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Eb = ExpressionBuilder<Database & { e: EmployerTable; v: OrgUnitVersionTable }, 'e' | 'v'>;

const columns = [
  'e.id',
  'e.credit_code as creditCode',
  'e.name',
  'e.unit_category as unitCategory',
  'e.industry_code as industryCode',
  'e.employees',
  'e.above_scale as aboveScale',
  'e.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'lu.division_code as orgUnitDivisionCode',
  'e.grassroots_union_id as grassrootsUnionId',
  // The name of its own union as it stands, read for the rows of the page only.
  (eb: Eb) =>
    eb
      .selectFrom('org_unit_version as gv')
      .select('gv.name')
      .whereRef('gv.org_unit_id', '=', 'e.grassroots_union_id')
      .where('gv.valid_to', 'is', null)
      .as('grassrootsUnionName'),
  'e.address',
  'e.contact_name as contactName',
  'e.contact_phone as contactPhone',
  'e.union_status as unionStatus',
  'e.party_status as partyStatus',
  'e.instructor_name as instructorName',
  'e.registered_on as registeredOn',
  'e.closed_on as closedOn',
  'e.updated_at as updatedAt',
] as const;

/** Employers whose locality lies under a path as the tree stands on `date`. */
function scoped(db: Db, scope: Scope, date: string) {
  return db
    .selectFrom('employer as e')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on(versionValidOn('v', date)),
    )
    .innerJoin('org_unit as lu', 'lu.id', 'e.org_unit_id')
    .where(inScope('v.path', scope));
}

export type EmployerWithUnit = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
function withColumns(db: Db, scope: Scope, date: string) {
  return scoped(db, scope, date).select(columns);
}

const sizeRanges = {
  lt25: [0, 24],
  '25to99': [25, 99],
  '100to299': [100, 299],
  '300plus': [300, null],
} as const;

function filterWhere(f: Omit<EmployerFilter, 'sort' | 'order'>) {
  return (eb: Eb) => {
    const conds = [];
    if (!f.includeClosed) conds.push(eb('e.closed_on', 'is', null));
    if (f.unionStatus) conds.push(eb('e.union_status', '=', f.unionStatus));
    if (f.partyStatus) conds.push(eb('e.party_status', '=', f.partyStatus));
    if (f.aboveScale !== undefined) conds.push(eb('e.above_scale', '=', f.aboveScale));
    if (f.size) {
      const [lo, hi] = sizeRanges[f.size];
      conds.push(eb('e.employees', '>=', lo));
      if (hi !== null) conds.push(eb('e.employees', '<=', hi));
    }
    if (f.industry) {
      if (/^[A-T]$/.test(f.industry)) {
        const codes = industryDivisions.filter((d) => d.section === f.industry).map((d) => d.code);
        conds.push(eb('e.industry_code', 'in', codes));
      } else conds.push(eb('e.industry_code', '=', f.industry));
    }
    const q = f.q?.trim();
    if (q) {
      // The grams index finds the candidates, the LIKE keeps exactly the names that contain the query.
      const any = [
        eb.and([sql<boolean>`e.name_grams @> search_grams(${q})`, eb('e.name', 'like', containing(q))]),
      ];
      if (/^[a-zA-Z]+$/.test(q)) any.push(eb('e.name_initials', 'like', `${q.toLowerCase()}%`));
      if (/^[0-9A-Za-z]{4,18}$/.test(q)) any.push(eb('e.credit_code', 'like', `${q.toUpperCase()}%`));
      conds.push(eb.or(any));
    }
    return eb.and(conds);
  };
}

/** The name sorts by its pinyin (`nameSortKey`), which its index serves with the id as tie-break. */
const sortColumns = {
  name: 'e.name_sort',
  employees: 'e.employees',
  registeredOn: 'e.registered_on',
  updatedAt: 'e.updated_at',
  creditCode: 'e.credit_code',
} as const;

export interface EmployerValues {
  credit_code: string;
  name: string;
  name_initials: string;
  name_sort?: string;
  unit_category: string;
  industry_code: string;
  employees: number;
  above_scale: boolean;
  org_unit_id: number;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  registered_on: string;
}

export const employerRepository = {
  async findAt(db: Db, id: number, scope: Scope, date: string) {
    return withColumns(db, scope, date).where('e.id', '=', id).executeTakeFirst();
  },

  /** Locks the employer row for the rest of the transaction and reads it, as `findAt`. */
  async lockAt(trx: Transaction<Database>, id: number, scope: Scope, date: string) {
    return withColumns(trx, scope, date).where('e.id', '=', id).forUpdate('e').executeTakeFirst();
  },

  /** One page of the filtered list, with the total; a unit filter arrives as a narrower scope. */
  async list(db: Db, scope: Scope, date: string, f: EmployerFilter, page: PageRequest) {
    // Where the scope holds the whole tree, the count reads the employer rows and asks only that their
    // locality stood on the date, without the joins that fetch the page's columns. A name search keeps
    // the scoped count: its candidates come from the grams index either way, and the planner then runs
    // the bare form in parallel, which costs more than it saves under many users.
    const search = Boolean(f.q?.trim());
    const whole = !search && (await coversWholeTree(db, scope));
    return listPage(db, {
      rows: scoped(db, scope, date).where(filterWhere(f)).select(columns),
      counted: whole
        ? db
            .selectFrom('employer as e')
            .where((eb) => filterWhere(f)(eb as unknown as Eb))
            .where(({ exists, selectFrom }) =>
              exists(
                selectFrom('org_unit_version as v')
                  .select('v.id')
                  .whereRef('v.org_unit_id', '=', 'e.org_unit_id')
                  .where(versionValidOn('v', date)),
              ),
            )
            .select('e.id')
        : undefined,
      orderBy: sortTerms({
        columns: sortColumns,
        key: f.sort,
        order: f.order,
        tieBreak: 'e.id',
      }),
      page,
      cap: search ? SEARCH_TOTAL_CAP : TOTAL_CAP,
    });
  },

  /** Every row of the filtered list, in pages of `batch`, for exports. */
  async *stream(db: Db, scope: Scope, date: string, f: EmployerFilter, batch = 2000) {
    let lastId = 0;
    for (;;) {
      const rows = await scoped(db, scope, date)
        .where(filterWhere(f))
        .where('e.id', '>', lastId)
        .select(columns)
        .orderBy('e.id')
        .limit(batch)
        .execute();
      if (rows.length === 0) return;
      yield rows;
      lastId = rows[rows.length - 1].id;
    }
  },

  async byCreditCode(db: Db, code: string) {
    return db
      .selectFrom('employer')
      .select(['id', 'name', 'org_unit_id as orgUnitId'])
      .where('credit_code', '=', code)
      .executeTakeFirst();
  },

  async insert(db: Db, values: EmployerValues): Promise<number> {
    const { id } = await db.insertInto('employer').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  async update(db: Db, id: number, values: Updateable<EmployerTable>) {
    await db
      .updateTable('employer')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async history(db: Db, id: number) {
    return db
      .selectFrom('employer_status_change')
      .select(['aspect', 'value', 'valid_from as validFrom', 'note', 'created_at as createdAt'])
      .where('employer_id', '=', id)
      .orderBy('valid_from')
      .orderBy('id')
      .execute();
  },

  /** Records a status on a date (replacing one recorded for the same day) and returns the latest value. */
  async recordStatus(
    db: Db,
    change: {
      employerId: number;
      aspect: StatusAspect;
      value: string;
      date: string;
      note: string | null;
      by: number | null;
    },
  ): Promise<string> {
    await db
      .insertInto('employer_status_change')
      .values({
        employer_id: change.employerId,
        aspect: change.aspect,
        value: change.value,
        valid_from: change.date,
        note: change.note,
        created_by: change.by,
      })
      .onConflict((oc) =>
        oc
          .columns(['employer_id', 'aspect', 'valid_from'])
          .doUpdateSet({ value: change.value, note: change.note }),
      )
      .execute();
    const latest = await db
      .selectFrom('employer_status_change')
      .select('value')
      .where('employer_id', '=', change.employerId)
      .where('aspect', '=', change.aspect)
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return latest.value;
  },

  /** The date of the latest change of each aspect, for the export's date columns. */
  async latestChangeDates(db: Db, ids: number[]) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('employer_status_change')
      .select(['employer_id as employerId', 'aspect', sql<string>`max(valid_from)::text`.as('date')])
      .where('employer_id', 'in', ids)
      .groupBy(['employer_id', 'aspect'])
      .execute();
  },
};
