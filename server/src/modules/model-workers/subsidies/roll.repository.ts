import { sql, type Insertable, type Updateable } from 'kysely';
import type {
  ModelWorkerLevel,
  ModelWorkerStatus,
  PaidStatus,
  RollFilter,
  RollLineFilter,
} from '@gonghui/contracts';
import { containing } from '../../../db/like.ts';
import { listPage, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import { latestVersion, platformDb, type Db, type SubsidyRollTable } from '../model-workers.definitions.ts';

function scopedRolls(db: Db, scope: Scope) {
  return db
    .selectFrom('subsidy_roll as r')
    .innerJoin('org_unit as u', 'u.id', 'r.org_unit_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'r.org_unit_id').on(latestVersion),
    )
    .leftJoin('app_user as au', 'au.id', 'r.approved_by')
    .where(inScope('v.path', scope));
}

const rollColumns = [
  'r.id',
  'r.title',
  'r.period',
  'r.per',
  'r.period_start as periodStart',
  'r.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'r.status',
  'r.recipients',
  'r.total_fen as totalFen',
  'r.previewed_at as previewedAt',
  'r.approved_at as approvedAt',
  'au.display_name as approvedBy',
  'r.changes',
] as const;

export type RollRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
function withColumns(db: Db, scope: Scope) {
  return scopedRolls(db, scope).select(rollColumns);
}

/** One line of a roll, or of its preview (no paid status before approval). */
export interface LineRow {
  workerId: number;
  name: string;
  orgUnitName: string;
  orgUnitPath: string;
  level: ModelWorkerLevel;
  status: ModelWorkerStatus;
  hardship: boolean;
  ruleVersionId: number;
  ruleName: string;
  ruleVersion: number;
  amountFen: number;
  bankName: string | null;
  bankAccountCipher: Buffer | null;
  paidStatus: PaidStatus | null;
  paidOn: string | null;
  paidNote: string | null;
}

const lineOrder = [
  ['orgUnitPath', 'asc'],
  ['workerId', 'asc'],
] as const;

export const rollRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('r.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('r.id', '=', id).forUpdate('r').executeTakeFirst();
  },

  async list(db: Db, scope: Scope, f: RollFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: withColumns(db, scope)
        .$if(!!f.status, (q) => q.where('r.status', '=', f.status!))
        .$if(!!f.year, (q) => q.where('r.period', 'like', `${f.year}%`)),
      orderBy: [
        ['r.period', 'desc'],
        ['r.id', 'desc'],
      ],
      page,
      total: 'exact',
    });
  },

  async byUnitAndPeriod(db: Db, orgUnitId: number, period: string) {
    return db
      .selectFrom('subsidy_roll')
      .select('id')
      .where('org_unit_id', '=', orgUnitId)
      .where('period', '=', period)
      .executeTakeFirst();
  },

  async insert(db: Db, values: Insertable<SubsidyRollTable>) {
    const { id } = await db
      .insertInto('subsidy_roll')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async update(db: Db, id: number, values: Updateable<SubsidyRollTable>) {
    await db.updateTable('subsidy_roll').set(values).where('id', '=', id).execute();
  },

  /** Recipients and total of the preview or of the lines. */
  async sums(db: Db, rollId: number, approved: boolean) {
    const table = approved ? 'subsidy_roll_line' : 'subsidy_roll_preview';
    const r = await sql<{ n: number; total: string; paid: string; missing: number }>`
      select count(*)::int as n, coalesce(sum(l.amount_fen), 0)::bigint as total,
        ${approved ? sql`coalesce(sum(l.amount_fen) filter (where l.paid_status = 'paid'), 0)::bigint` : sql`0::bigint`} as paid,
        count(*) filter (where ${approved ? sql`l.bank_account_cipher` : sql`w.bank_account_cipher`} is null)::int as missing
      from ${sql.table(table)} l join model_worker w on w.id = l.worker_id
      where l.roll_id = ${rollId}`.execute(db);
    const s = r.rows[0];
    return {
      recipients: s.n,
      totalFen: Number(s.total),
      paidFen: Number(s.paid),
      missingAccounts: s.missing,
    };
  },

  /** The lines of an approved roll, as frozen at approval. */
  approvedLines(db: Db, rollId: number, f: RollLineFilter) {
    const q = f.q?.trim();
    return db
      .selectFrom('subsidy_roll_line as l')
      .innerJoin('subsidy_rule_version as x', 'x.id', 'l.rule_version_id')
      .innerJoin('subsidy_rule as sr', 'sr.id', 'x.rule_id')
      .innerJoin('org_unit as u', 'u.id', 'l.org_unit_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'l.org_unit_id').on(latestVersion),
      )
      .where('l.roll_id', '=', rollId)
      .$if(!!f.paidStatus, (b) => b.where('l.paid_status', '=', f.paidStatus!))
      .$if(!!q, (b) => b.where('l.name', 'like', containing(q!)))
      .select([
        'l.worker_id as workerId',
        'l.name',
        'v.name as orgUnitName',
        'v.path as orgUnitPath',
        'l.level',
        'l.status',
        'l.hardship',
        'l.rule_version_id as ruleVersionId',
        'sr.name as ruleName',
        'x.version as ruleVersion',
        'l.amount_fen as amountFen',
        'l.bank_name as bankName',
        'l.bank_account_cipher as bankAccountCipher',
        'l.paid_status as paidStatus',
        'l.paid_on as paidOn',
        'l.paid_note as paidNote',
      ]);
  },

  /** Before approval, the preview read with the workers' current names and accounts; nothing is paid. */
  previewLines(db: Db, rollId: number, f: RollLineFilter) {
    const q = f.q?.trim();
    return db
      .selectFrom('subsidy_roll_preview as l')
      .innerJoin('model_worker as w', 'w.id', 'l.worker_id')
      .innerJoin('subsidy_rule_version as x', 'x.id', 'l.rule_version_id')
      .innerJoin('subsidy_rule as sr', 'sr.id', 'x.rule_id')
      .innerJoin('org_unit as u', 'u.id', 'w.org_unit_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'w.org_unit_id').on(latestVersion),
      )
      .where('l.roll_id', '=', rollId)
      .$if(!!f.paidStatus, (b) => b.where(sql<boolean>`false`))
      .$if(!!q, (b) => b.where('w.name', 'like', containing(q!)))
      .select([
        'l.worker_id as workerId',
        'w.name',
        'v.name as orgUnitName',
        'v.path as orgUnitPath',
        'w.level',
        'w.status',
        'w.hardship',
        'l.rule_version_id as ruleVersionId',
        'sr.name as ruleName',
        'x.version as ruleVersion',
        'l.amount_fen as amountFen',
        'w.bank_name as bankName',
        'w.bank_account_cipher as bankAccountCipher',
        sql<null>`null`.as('paidStatus'),
        sql<null>`null`.as('paidOn'),
        sql<null>`null`.as('paidNote'),
      ]);
  },

  async linesPage(db: Db, rollId: number, approved: boolean, f: RollLineFilter, page: PageRequest) {
    const spec = { orderBy: lineOrder, page, total: 'exact' as const };
    const result = approved
      ? await listPage(platformDb(db), { rows: this.approvedLines(db, rollId, f), ...spec })
      : await listPage(platformDb(db), { rows: this.previewLines(db, rollId, f), ...spec });
    return result as Omit<typeof result, 'items'> & { items: LineRow[] };
  },

  async allLines(db: Db, rollId: number, approved: boolean, f: RollLineFilter = {}): Promise<LineRow[]> {
    return approved
      ? this.approvedLines(db, rollId, f).orderBy('orgUnitPath').orderBy('workerId').execute()
      : this.previewLines(db, rollId, f).orderBy('orgUnitPath').orderBy('workerId').execute();
  },

  async setPaid(
    db: Db,
    rollId: number,
    workerId: number,
    status: 'paid' | 'failed',
    on: string,
    note: string | null,
  ) {
    await db
      .updateTable('subsidy_roll_line')
      .set({ paid_status: status, paid_on: status === 'paid' ? on : null, paid_note: note })
      .where('roll_id', '=', rollId)
      .where('worker_id', '=', workerId)
      .execute();
  },

  /** Approved money per recipient's unit and period, within the scope. */
  async totals(db: Db, scope: Scope, year: number | undefined) {
    return db
      .selectFrom('subsidy_roll_line as l')
      .innerJoin('subsidy_roll as r', 'r.id', 'l.roll_id')
      .innerJoin('org_unit as u', 'u.id', 'l.org_unit_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'l.org_unit_id').on(latestVersion),
      )
      .where(inScope('v.path', scope))
      .$if(!!year, (q) => q.where('r.period', 'like', `${year}%`))
      .groupBy(['r.period', 'l.org_unit_id', 'v.name', 'v.path'])
      .select([
        'r.period',
        'l.org_unit_id as orgUnitId',
        'v.name as orgUnitName',
        sql<number>`count(*)::int`.as('recipients'),
        sql<string>`sum(l.amount_fen)::bigint`.as('totalFen'),
        sql<string>`coalesce(sum(l.amount_fen) filter (where l.paid_status = 'paid'), 0)::bigint`.as(
          'paidFen',
        ),
      ])
      .orderBy('r.period', 'desc')
      .orderBy('v.path')
      .execute();
  },
};
