import { type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { MemberStatus } from '@gonghui/contracts';
import type {
  Database,
  EmployerTable,
  MemberChange,
  MemberTable,
  OrgUnitVersionTable,
} from '../../../db/schema.ts';
import type { Insertable, Updateable } from 'kysely';
import { coversWholeTree, inScope, versionValidOn, type Scope } from '../../../platform/scope.ts';
import { startingWith } from '../../../db/like.ts';
import {
  countRows,
  listPage,
  SEARCH_TOTAL_CAP,
  sortTerms,
  TOTAL_CAP,
  type PageWindow,
  type SortOrder,
} from '../../../platform/lists/list-page.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Eb = ExpressionBuilder<
  Database & { m: MemberTable; v: OrgUnitVersionTable; e: EmployerTable },
  'm' | 'v' | 'e'
>;

export const LIVE_STATUSES: MemberStatus[] = ['active', 'retired', 'unemployed'];

/** How the search box is read: each kind uses its own index. */
export type MemberSearch =
  | { kind: 'name'; prefix: string }
  | { kind: 'pinyin'; prefix: string }
  | { kind: 'tail'; tail: string }
  | { kind: 'residentIdHash'; hash: Buffer }
  | { kind: 'phoneHash'; hash: Buffer };

export interface MemberFilter {
  search: MemberSearch | null;
  /** A union the list is narrowed to, as a scope inside the caller's. */
  unitScope: Scope | null;
  employerId?: number;
  status?: MemberStatus;
  migrantWorker?: boolean;
  newEmploymentForm?: boolean;
  gender?: 'male' | 'female';
  /** Joined on or after / on or before (入会日期). */
  joinedFrom?: string;
  joinedTo?: string;
  /** Born on or before / strictly after: an age band as birth dates. */
  bornBy?: string;
  bornAfter?: string;
}

const sortColumns = {
  name: 'm.name',
  joinedOn: 'm.joined_on',
  birthDate: 'm.birth_date',
  id: 'm.id',
} as const;
export type MemberSort = keyof typeof sortColumns;

const columns = [
  'm.id',
  'm.name',
  'm.resident_id_cipher as residentIdCipher',
  'm.phone_cipher as phoneCipher',
  'm.gender',
  'm.birth_date as birthDate',
  'm.ethnicity',
  'm.education',
  'm.household_type as householdType',
  'm.migrant_worker as migrantWorker',
  'm.new_employment_form as newEmploymentForm',
  'm.employer_id as employerId',
  // Read for the rows of the page only, after the sort and the limit, not for every row in scope.
  (eb: Eb) =>
    eb.selectFrom('employer as e').select('e.name').whereRef('e.id', '=', 'm.employer_id').as('employerName'),
  (eb: Eb) =>
    eb
      .selectFrom('employer as e')
      .select('e.credit_code')
      .whereRef('e.id', '=', 'm.employer_id')
      .as('employerCreditCode'),
  'm.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'm.status',
  'm.status_since as statusSince',
  'm.joined_on as joinedOn',
] as const;

/**
 * Members whose union lies in a subtree today (or lay there when it closed, for those who left before
 * their employer's union ended): the only way any member row is read for a user. The union's latest
 * version is its present one, or the one that ended when it closed; asked as "no later version", the
 * planner can tell how many rows a scope holds and walks the members in the list's order.
 */
function scoped(db: Db, scope: Scope) {
  return db
    .selectFrom('member as m')
    .innerJoin('org_unit_version as v', 'v.org_unit_id', 'm.org_unit_id')
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

function withColumns(db: Db, scope: Scope) {
  return scoped(db, scope).select(columns);
}
export type MemberRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

type MemberEb = ExpressionBuilder<Database & { m: MemberTable }, 'm'>;

/** The filters that read the member row alone (all but the union filter). */
function memberConds(f: MemberFilter) {
  return (eb: MemberEb) => {
    const conds = [];
    if (f.employerId) conds.push(eb('m.employer_id', '=', f.employerId));
    if (f.status) conds.push(eb('m.status', '=', f.status));
    if (f.migrantWorker !== undefined) conds.push(eb('m.migrant_worker', '=', f.migrantWorker));
    if (f.newEmploymentForm !== undefined) conds.push(eb('m.new_employment_form', '=', f.newEmploymentForm));
    if (f.gender) conds.push(eb('m.gender', '=', f.gender));
    if (f.joinedFrom) conds.push(eb('m.joined_on', '>=', f.joinedFrom));
    if (f.joinedTo) conds.push(eb('m.joined_on', '<=', f.joinedTo));
    if (f.bornBy) conds.push(eb('m.birth_date', '<=', f.bornBy));
    if (f.bornAfter) conds.push(eb('m.birth_date', '>', f.bornAfter));
    const s = f.search;
    if (s?.kind === 'name') conds.push(eb('m.name', 'like', startingWith(s.prefix)));
    if (s?.kind === 'pinyin') {
      const p = startingWith(s.prefix);
      conds.push(eb.or([eb('m.name_initials', 'like', p), eb('m.name_pinyin', 'like', p)]));
    }
    if (s?.kind === 'tail') conds.push(eb('m.resident_id_tail', '=', s.tail));
    if (s?.kind === 'residentIdHash') conds.push(eb('m.resident_id_hash', '=', s.hash));
    if (s?.kind === 'phoneHash') conds.push(eb('m.phone_hash', '=', s.hash));
    return eb.and(conds);
  };
}

function filterWhere(f: MemberFilter) {
  return (eb: Eb) => {
    const own = memberConds(f)(eb as unknown as MemberEb);
    return f.unitScope ? eb.and([inScope('v.path', f.unitScope), own]) : own;
  };
}

export const memberRepository = {
  async findInScope(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('m.id', '=', id).executeTakeFirst();
  },

  /** Locks the member row for the rest of the transaction (transfers, status changes). */
  async lockInScope(db: Transaction<Database>, id: number, scope: Scope) {
    return withColumns(db, scope).where('m.id', '=', id).forUpdate('m').executeTakeFirst();
  },

  /** One page of the filtered list, with the total (capped); a window of no rows asks for the count alone. */
  async list(db: Db, scope: Scope, f: MemberFilter, sort: MemberSort, order: SortOrder, window: PageWindow) {
    const rows = scoped(db, scope).where(filterWhere(f)).select(columns);
    // An export's progress asks for its count alone: that one is exact.
    if (window.limit === 0) {
      const { n } = await countRows(db, rows, 'exact');
      return { items: [], total: n, totalCapped: false, page: 1, pageSize: 0 };
    }
    // Where the scope holds every union and no union is chosen, every member is in it: the count reads
    // the member rows alone, through the index of the search.
    const whole = !f.unitScope && (await coversWholeTree(db, scope));
    return listPage(db, {
      rows,
      counted: whole ? db.selectFrom('member as m').where(memberConds(f)).select('m.id') : undefined,
      pageKey: 'm.id',
      orderBy: sortTerms({ columns: sortColumns, key: sort, order, tieBreak: 'm.id' }),
      page: { page: Math.floor(window.offset / window.limit) + 1, pageSize: window.limit },
      cap: f.search ? SEARCH_TOTAL_CAP : TOTAL_CAP,
    });
  },

  /** Streams every filtered row in id order, a page at a time (exports). */
  async *each(db: Db, scope: Scope, f: MemberFilter, batch = 2000) {
    let after = 0;
    for (;;) {
      const rows = await scoped(db, scope)
        .where(filterWhere(f))
        .where('m.id', '>', after)
        .select(columns)
        .orderBy('m.id')
        .limit(batch)
        .execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].id;
    }
  },

  /** The live membership of a person anywhere in the database (not scoped: a person has one). */
  async findLiveByHash(db: Db, hash: Buffer) {
    return db
      .selectFrom('member as m')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'm.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select([
        'm.id',
        'm.org_unit_id as orgUnitId',
        'v.name as orgUnitName',
        'v.path as orgUnitPath',
        'm.status',
      ])
      .where('m.resident_id_hash', '=', hash)
      .where('m.status', 'in', LIVE_STATUSES)
      .executeTakeFirst();
  },

  async insert(db: Db, values: Insertable<MemberTable>): Promise<number> {
    const { id } = await db.insertInto('member').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  async update(db: Db, id: number, patch: Updateable<MemberTable>) {
    await db
      .updateTable('member')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  /** Ends the open span on a date and opens the next one: the dated record of where a membership stood. */
  async recordSpan(
    db: Db,
    memberId: number,
    span: {
      orgUnitId: number;
      employerId: number | null;
      status: MemberStatus;
      from: string;
      change: MemberChange;
      transferId?: number | null;
      note?: string | null;
    },
  ) {
    await db
      .updateTable('member_history')
      .set({ valid_to: span.from })
      .where('member_id', '=', memberId)
      .where('valid_to', 'is', null)
      .execute();
    await db
      .insertInto('member_history')
      .values({
        member_id: memberId,
        org_unit_id: span.orgUnitId,
        employer_id: span.employerId,
        status: span.status,
        valid_from: span.from,
        change: span.change,
        transfer_id: span.transferId ?? null,
        note: span.note ?? null,
      })
      .execute();
  },

  async history(db: Db, memberId: number) {
    return db
      .selectFrom('member_history as h')
      .leftJoin('employer as e', 'e.id', 'h.employer_id')
      .select((eb) => [
        'h.org_unit_id as orgUnitId',
        eb
          .selectFrom('org_unit_version as ov')
          .select('ov.name')
          .whereRef('ov.org_unit_id', '=', 'h.org_unit_id')
          .whereRef('ov.valid_from', '<=', 'h.valid_from')
          .orderBy('ov.valid_from', 'desc')
          .limit(1)
          .as('unitNameThen'),
        eb
          .selectFrom('org_unit_version as cv')
          .select('cv.name')
          .whereRef('cv.org_unit_id', '=', 'h.org_unit_id')
          .where('cv.valid_to', 'is', null)
          .as('unitNameNow'),
        'e.name as employerName',
        'h.status',
        'h.valid_from as validFrom',
        'h.valid_to as validTo',
        'h.change',
        'h.note',
      ])
      .where('h.member_id', '=', memberId)
      .orderBy('h.valid_from')
      .orderBy('h.id')
      .execute();
  },

  /**
   * Active members per employer on a date, from the dated history: what 入会率 (active members in
   * unionised employers over their employees) counts. Omitting `employerIds` counts every employer.
   */
  async activeCountsByEmployer(db: Db, date: string, employerIds?: number[]): Promise<Map<number, number>> {
    if (employerIds && employerIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('member_history as h')
      .select(['h.employer_id as employerId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('h.status', '=', 'active')
      .where('h.employer_id', 'is not', null)
      .where(versionValidOn('h', date))
      .$if(!!employerIds, (qb) => qb.where('h.employer_id', 'in', employerIds!))
      .groupBy('h.employer_id')
      .execute();
    return new Map(rows.map((r) => [r.employerId!, Number(r.n)]));
  },

  /** Active members of one union now, by employer (the bulk-transfer picker). */
  async activeIdsAt(db: Db, orgUnitId: number, employerId: number | null) {
    const rows = await db
      .selectFrom('member')
      .select('id')
      .where('org_unit_id', '=', orgUnitId)
      .where('status', '=', 'active')
      .$if(employerId !== null, (qb) => qb.where('employer_id', '=', employerId!))
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  },
};

/** Employers as members point at them: found by id or credit code, within a subtree (by locality) or anywhere. */
export const memberEmployerLookup = {
  async byId(db: Db, id: number, scope: Scope) {
    return db
      .selectFrom('employer as e')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select(['e.id', 'e.name', 'e.closed_on as closedOn', 'e.grassroots_union_id as grassrootsUnionId'])
      .where('e.id', '=', id)
      .where(inScope('v.path', scope))
      .executeTakeFirst();
  },
};
