import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { CaseFilter, CaseType } from '@gonghui/contracts';
import { containing, startingWith } from '../../../db/like.ts';
import { listPage, sortTerms, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  withAssistance,
  type AppDb,
  type AssistanceCaseTable,
  type AssistanceDatabase,
} from './case.definitions.ts';

type Eb = ExpressionBuilder<AssistanceDatabase & { c: AssistanceCaseTable }, 'c'>;

/** The latest version of a unit: its present one, or the one that ended when it closed. */
export const latestUnit = (column: string, field: 'name' | 'path') =>
  sql<string>`(select lv.${sql.raw(field)} from org_unit_version lv where lv.org_unit_id = ${sql.ref(column)}
    order by lv.valid_from desc limit 1)`;

/**
 * Cases seen from a scope: those with a unit of their handling chain in it. A unit sees the cases it
 * handled and every unit above it sees them too; a sibling never does.
 */
function scoped(db: AppDb, scope: Scope) {
  return withAssistance(db)
    .selectFrom('assistance_case as c')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('assistance_case_unit as cu')
          .innerJoin('org_unit_version as cv', 'cv.org_unit_id', 'cu.org_unit_id')
          .select('cu.case_id')
          .whereRef('cu.case_id', '=', 'c.id')
          .where(({ not, exists: later, selectFrom: from }) =>
            not(
              later(
                from('org_unit_version as w')
                  .select('w.id')
                  .whereRef('w.org_unit_id', '=', 'cv.org_unit_id')
                  .whereRef('w.valid_from', '>', 'cv.valid_from'),
              ),
            ),
          )
          .where(inScope('cv.path', scope)),
      ),
    );
}

/** The unit a scope is the subtree of (its path's last segment), or null for the whole tree or none. */
function unitOfScope(scope: Scope): number | null {
  const m = /\/(\d+)\/$/.exec(scope);
  return m ? Number(m[1]) : null;
}

/**
 * The cases a list reads from: for the overdue list of a unit's scope, the running clocks that unit sees
 * (one index range of `case_clock`); otherwise every case whose handling chain reaches into the scope.
 */
function visibleFor(db: AppDb, scope: Scope, f: Pick<CaseListFilter, 'clock' | 'today'>) {
  const unit = unitOfScope(scope);
  if (f.clock !== 'overdue' || unit === null) return scoped(db, scope);
  return withAssistance(db)
    .selectFrom('assistance_case as c')
    .where(
      'c.id',
      'in',
      withAssistance(db)
        .selectFrom('case_clock as k')
        .select('k.case_id')
        .where('k.org_unit_id', '=', unit)
        .where('k.due_on', '<', f.today),
    );
}

const columns = [
  'c.id',
  'c.number',
  'c.case_type as type',
  'c.status',
  'c.subject',
  'c.narrative_cipher as narrativeCipher',
  'c.person_id as workerId',
  'c.employer_id as employerId',
  'c.intake_unit_id as intakeUnitId',
  'c.handling_unit_id as handlingUnitId',
  'c.handler_id as handlerId',
  'c.received_on as receivedOn',
  'c.accepted_on as acceptedOn',
  'c.closed_on as closedOn',
  'c.outcome',
  'c.deadline_kind as deadlineKind',
  'c.due_on as dueOn',
  'c.warn_on as warnOn',
  'c.due_provisional as dueProvisional',
  'c.paused_since as pausedSince',
  'c.extended_days as extendedDays',
  'c.aid_amount_fen as aidAmountFen',
  'c.aid_approved_on as aidApprovedOn',
  latestUnit('c.aid_approved_by', 'name').as('aidApprovedByName'),
  'c.updated_at as updatedAt',
  (eb: Eb) =>
    eb
      .selectFrom('assistance_person as p')
      .select('p.name')
      .whereRef('p.id', '=', 'c.person_id')
      .as('workerName'),
  (eb: Eb) =>
    eb
      .selectFrom('assistance_person as p')
      .select('p.resident_id_cipher')
      .whereRef('p.id', '=', 'c.person_id')
      .as('workerResidentIdCipher'),
  (eb: Eb) =>
    eb
      .selectFrom('assistance_person as p')
      .select('p.phone_cipher')
      .whereRef('p.id', '=', 'c.person_id')
      .as('workerPhoneCipher'),
  (eb: Eb) =>
    eb
      .selectFrom('assistance_person as p')
      .select(sql<boolean>`p.member_id is not null`.as('m'))
      .whereRef('p.id', '=', 'c.person_id')
      .as('workerIsMember'),
  (eb: Eb) =>
    eb.selectFrom('employer as e').select('e.name').whereRef('e.id', '=', 'c.employer_id').as('employerName'),
  (eb: Eb) =>
    eb
      .selectFrom('case_handler as h')
      .select('h.name')
      .whereRef('h.id', '=', 'c.handler_id')
      .as('handlerName'),
  latestUnit('c.intake_unit_id', 'name').as('intakeUnitName'),
  latestUnit('c.intake_unit_id', 'path').as('intakeUnitPath'),
  latestUnit('c.handling_unit_id', 'name').as('handlingUnitName'),
  latestUnit('c.handling_unit_id', 'path').as('handlingUnitPath'),
] as const;

function withColumns(db: AppDb, scope: Scope) {
  return scoped(db, scope).select(columns);
}
export type CaseRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

export interface CaseListFilter extends Omit<CaseFilter, 'orgUnitId'> {
  /** The handling unit lies under this unit (a list's unit filter, already inside the caller's scope). */
  handlingScope: Scope | null;
  today: string;
}

function filterWhere(f: CaseListFilter) {
  return (eb: Eb) => {
    const conds = [];
    if (f.type) conds.push(eb('c.case_type', '=', f.type));
    if (f.status) conds.push(eb('c.status', '=', f.status));
    if (f.open !== undefined) conds.push(eb('c.closed_on', f.open ? 'is' : 'is not', null));
    if (f.handlerId) conds.push(eb('c.handler_id', '=', f.handlerId));
    if (f.receivedFrom) conds.push(eb('c.received_on', '>=', f.receivedFrom));
    if (f.receivedTo) conds.push(eb('c.received_on', '<=', f.receivedTo));
    if (f.clock === 'overdue') {
      conds.push(eb('c.due_on', '<', f.today), eb('c.paused_since', 'is', null));
    } else if (f.clock === 'dueSoon') {
      conds.push(
        eb('c.warn_on', '<=', f.today),
        eb('c.due_on', '>=', f.today),
        eb('c.paused_since', 'is', null),
      );
    } else if (f.clock === 'paused') {
      conds.push(eb('c.paused_since', 'is not', null));
    }
    if (f.handlingScope) {
      const under = f.handlingScope;
      conds.push(
        eb.exists(
          eb
            .selectFrom('org_unit_version as hv')
            .select('hv.id')
            .whereRef('hv.org_unit_id', '=', 'c.handling_unit_id')
            .where('hv.valid_to', 'is', null)
            .where(inScope('hv.path', under)),
        ),
      );
    }
    const q = f.q?.trim();
    if (q) {
      conds.push(
        eb.or([
          eb('c.number', 'like', startingWith(q)),
          eb('c.subject', 'like', containing(q)),
          eb.exists(
            eb
              .selectFrom('assistance_person as p')
              .select('p.id')
              .whereRef('p.id', '=', 'c.person_id')
              .where('p.name', 'like', startingWith(q)),
          ),
        ]),
      );
    }
    return eb.and(conds);
  };
}

const sortColumns = { receivedOn: 'c.received_on', dueOn: 'c.due_on', number: 'c.number' } as const;

export const caseRepository = {
  async find(db: AppDb, id: number, scope: Scope) {
    return withColumns(db, scope).where('c.id', '=', id).executeTakeFirst();
  },

  /** Locks a visible case's row for the rest of the transaction. */
  async lock(db: AppDb, id: number, scope: Scope) {
    return withColumns(db, scope).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
  },

  /** Reads a case again inside the transaction that changed it (it was visible when locked). */
  async reload(db: AppDb, id: number) {
    return withAssistance(db)
      .selectFrom('assistance_case as c')
      .select(columns)
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow();
  },

  async list(db: AppDb, scope: Scope, f: CaseListFilter, page: PageRequest) {
    return listPage(db, {
      rows: visibleFor(db, scope, f).where(filterWhere(f)).select(columns),
      orderBy: sortTerms({ columns: sortColumns, key: f.sort, order: f.order, tieBreak: 'c.id' }),
      page,
    });
  },

  async count(db: AppDb, scope: Scope, f: CaseListFilter): Promise<number> {
    const r = await visibleFor(db, scope, f)
      .where(filterWhere(f))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return r.n;
  },

  /** Every row of the filtered list in the list's order, for an export. */
  async all(db: AppDb, scope: Scope, f: CaseListFilter) {
    return visibleFor(db, scope, f)
      .where(filterWhere(f))
      .select(columns)
      .orderBy(sortColumns[f.sort], f.order)
      .orderBy('c.id', f.order)
      .execute();
  },

  /** Open, unpaused cases past their due date that the scope's unit sees: the workbench figure. */
  async countOverdue(db: AppDb, scope: Scope, today: string): Promise<number> {
    const unit = unitOfScope(scope);
    if (unit === null)
      return this.count(db, scope, {
        clock: 'overdue',
        open: true,
        handlingScope: null,
        today,
        sort: 'dueOn',
        order: 'asc',
      });
    const r = await withAssistance(db)
      .selectFrom('case_clock')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('org_unit_id', '=', unit)
      .where('due_on', '<', today)
      .executeTakeFirstOrThrow();
    return r.n;
  },

  /** The visible cases of one worker, oldest first. */
  async ofWorker(
    db: AppDb,
    scope: Scope,
    personId: number,
    f: Pick<CaseListFilter, 'type' | 'receivedFrom' | 'receivedTo'>,
  ) {
    return scoped(db, scope)
      .where('c.person_id', '=', personId)
      .where(filterWhere({ ...f, sort: 'receivedOn', order: 'asc', handlingScope: null, today: '' }))
      .select(columns)
      .orderBy('c.received_on')
      .orderBy('c.id')
      .execute();
  },

  /** The open cases of a handler the caller may act on (handled in the scope), oldest first. */
  async openOfHandler(db: AppDb, scope: Scope, handlerId: number) {
    return withColumns(db, scope)
      .where('c.handler_id', '=', handlerId)
      .where('c.closed_on', 'is', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('org_unit_version as hv')
            .select('hv.id')
            .whereRef('hv.org_unit_id', '=', 'c.handling_unit_id')
            .where('hv.valid_to', 'is', null)
            .where(inScope('hv.path', scope)),
        ),
      )
      .orderBy('c.id')
      .forUpdate('c')
      .execute();
  },

  async insert(db: AppDb, values: Insertable<AssistanceCaseTable>): Promise<number> {
    const { id } = await withAssistance(db)
      .insertInto('assistance_case')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async update(db: AppDb, id: number, values: Updateable<AssistanceCaseTable>) {
    await withAssistance(db)
      .updateTable('assistance_case')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  /** The living-assistance amount above which the district's upper level approves, if it set one. */
  async aidThreshold(db: AppDb, districtId: number) {
    return withAssistance(db)
      .selectFrom('living_aid_threshold')
      .select('threshold_fen')
      .where('org_unit_id', '=', districtId)
      .executeTakeFirst();
  },

  async setAidThreshold(db: AppDb, districtId: number, thresholdFen: number) {
    await withAssistance(db)
      .insertInto('living_aid_threshold')
      .values({ org_unit_id: districtId, threshold_fen: thresholdFen })
      .onConflict((oc) => oc.column('org_unit_id').doUpdateSet({ threshold_fen: thresholdFen }))
      .execute();
  },

  /** The employer, if its locality lies in the scope. */
  async employerInScope(db: AppDb, id: number, scope: Scope) {
    return db
      .selectFrom('employer as e')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select(['e.id', 'e.name'])
      .where('e.id', '=', id)
      .where(inScope('v.path', scope))
      .executeTakeFirst();
  },

  /** The open cases of a type, whose clocks follow its rule. */
  async openOfType(db: AppDb, type: CaseType) {
    return withAssistance(db)
      .selectFrom('assistance_case')
      .select('id')
      .where('case_type', '=', type)
      .where('closed_on', 'is', null)
      .execute();
  },

  /** Open cases whose due date lay past the holiday calendar of the day it was computed. */
  async provisionalOpen(db: AppDb) {
    return withAssistance(db)
      .selectFrom('assistance_case')
      .select('id')
      .where('due_provisional', '=', true)
      .where('closed_on', 'is', null)
      .execute();
  },
};

/** The cases a scope sees (a unit of their handling chain in it), for the figures' own queries. */
export const scopedCases = scoped;
