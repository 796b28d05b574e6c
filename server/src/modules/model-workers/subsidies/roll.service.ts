import type { Kysely } from 'kysely';
import type {
  CreateRollBody,
  ListRollLinesQuery,
  ListRollsQuery,
  Page,
  RollChange,
  RollLine,
  RollLineFilter,
  RollTotal,
  SubsidyRoll,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { narrowScope, scopeOf, type Scope } from '../../../platform/scope.ts';
import { modelWorkerDb, type Db as ModuleDb } from '../model-workers.definitions.ts';
import { maskAccount } from '../registry/model-worker.presenter.ts';
import { eligibilityRepository as eligibility, type RollBasis } from './eligibility.repository.ts';
import { rollRepository as repo, type LineRow, type RollRow } from './roll.repository.ts';

type Db = Kysely<Database>;
const ROLL = '劳模补助名册';

/** 2011 → a yearly roll from 2011-01-01; 2011-09 → a monthly roll from 2011-09-01. */
export function periodOf(period: string) {
  return period.length === 4
    ? { per: 'year' as const, start: `${period}-01-01` }
    : { per: 'month' as const, start: `${period}-01` };
}

function basisOf(
  roll: Pick<RollRow, 'id' | 'orgUnitId' | 'orgUnitPath' | 'per' | 'periodStart'>,
  scope: Scope,
): RollBasis {
  return {
    rollId: roll.id,
    orgUnitId: roll.orgUnitId,
    subtree: narrowScope(scope, roll.orgUnitPath),
    per: roll.per,
    periodStart: roll.periodStart,
  };
}

async function present(db: ModuleDb, r: RollRow): Promise<SubsidyRoll> {
  const sums = await repo.sums(db, r.id, r.status === 'approved');
  return {
    id: r.id,
    title: r.title,
    period: r.period,
    per: r.per,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    status: r.status,
    recipients: sums.recipients,
    totalFen: sums.totalFen,
    paidFen: sums.paidFen,
    missingAccounts: sums.missingAccounts,
    previewedAt: new Date(r.previewedAt).toISOString(),
    approvedAt: r.approvedAt ? new Date(r.approvedAt).toISOString() : null,
    approvedBy: r.approvedBy,
    changes: r.changes as RollChange[],
  };
}

/** What the audit log keeps of a roll: its figures, not its thousands of lines. */
function auditView(r: SubsidyRoll) {
  return {
    title: r.title,
    period: r.period,
    orgUnitName: r.orgUnitName,
    status: r.status,
    recipients: r.recipients,
    totalFen: r.totalFen,
    changes: r.changes,
  };
}

export function presentLine(l: LineRow): RollLine {
  const cipher = personalData();
  return {
    workerId: l.workerId,
    name: l.name,
    orgUnitName: l.orgUnitName,
    level: l.level,
    status: l.status,
    hardship: l.hardship,
    ruleVersionId: l.ruleVersionId,
    ruleName: l.ruleName,
    ruleVersion: l.ruleVersion,
    amountFen: l.amountFen,
    bankName: l.bankName,
    bankAccountMasked: l.bankAccountCipher ? maskAccount(cipher.decrypt(l.bankAccountCipher)) : null,
    paidStatus: l.paidStatus,
    paidOn: l.paidOn,
    paidNote: l.paidNote,
  };
}

/**
 * Subsidy rolls for a period: generated from the rules as a preview, approved once (eligibility read again
 * in the approving transaction and frozen as lines, with who changed since the preview), then paid.
 */
export const rollService = {
  async list(db: Db, actor: Actor, q: ListRollsQuery): Promise<Page<SubsidyRoll>> {
    const mdb = modelWorkerDb(db);
    const page = await repo.list(mdb, await scopeUnderUnit(db, actor, q.orgUnitId), q, q);
    const items = [];
    for (const r of page.items) items.push(await present(mdb, r));
    return { ...page, items };
  },

  /** A roll in the caller's scope with the scope it was found in (404 outside it). */
  async visible(db: ModuleDb, actor: Actor, id: number) {
    const scope = await scopeOf(db as unknown as Db, actor);
    const roll = await repo.find(db, id, scope);
    if (!roll) throw notFound(ROLL);
    return { roll, scope };
  },

  async get(db: Db, actor: Actor, id: number): Promise<SubsidyRoll> {
    const mdb = modelWorkerDb(db);
    return present(mdb, (await this.visible(mdb, actor, id)).roll);
  },

  /** Generates a roll's preview from the issuing unit's rules; one roll per unit and period. */
  async create(db: Db, actor: Actor, body: CreateRollBody): Promise<SubsidyRoll> {
    const { per, start } = periodOf(body.period);
    if (start > today()) throw invalid([{ field: 'period', message: '发放期间不能晚于本月' }]);
    return db.transaction().execute(async (trx) => {
      const mdb = modelWorkerDb(trx);
      const scope = await scopeOf(trx, actor);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '发放单位不存在、已撤销或不在您的管辖范围内' }]);
      if (await repo.byUnitAndPeriod(mdb, unit.id, body.period))
        throw conflict(`「${unit.name}」${body.period} 的补助名册已经生成，请在原名册上重新生成预览`, [
          { field: 'period', message: '该期间已有名册' },
        ]);
      const id = await repo.insert(mdb, {
        org_unit_id: unit.id,
        title: body.title,
        period: body.period,
        per,
        period_start: start,
        status: 'preview',
        changes: '[]',
        recipients: 0,
        total_fen: 0,
        previewed_at: new Date(),
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      const basis = basisOf(
        { id, orgUnitId: unit.id, orgUnitPath: unit.path, per, periodStart: start },
        scope,
      );
      await eligibility.storePreview(mdb, basis);
      const sums = await repo.sums(mdb, id, false);
      await repo.update(mdb, id, { recipients: sums.recipients, total_fen: sums.totalFen });
      const after = await present(mdb, (await repo.find(mdb, id, scope))!);
      await audit(trx, actor, {
        action: 'subsidy_roll.create',
        entityType: 'subsidy_roll',
        entityId: id,
        scopePath: unit.path,
        after: auditView(after),
      });
      return after;
    });
  },

  /** Generates the preview again from today's registry and rules (only before approval). */
  async refresh(db: Db, actor: Actor, id: number): Promise<SubsidyRoll> {
    return this.locked(db, actor, id, 'subsidy_roll.refresh', async (mdb, roll, scope) => {
      await eligibility.storePreview(mdb, basisOf(roll, scope));
      const sums = await repo.sums(mdb, id, false);
      await repo.update(mdb, id, {
        recipients: sums.recipients,
        total_fen: sums.totalFen,
        previewed_at: new Date(),
      });
    });
  },

  /**
   * Approves a roll once: in the same transaction, under the roll's lock, eligibility is read again, the
   * difference from the preview kept, and the lines frozen (who, which rule version, how much). A second
   * approval, at once or later, is refused.
   */
  async approve(db: Db, actor: Actor, id: number): Promise<SubsidyRoll> {
    return this.locked(db, actor, id, 'subsidy_roll.approve', async (mdb, roll, scope) => {
      const basis = basisOf(roll, scope);
      const changes = await eligibility.changesSincePreview(mdb, basis);
      await eligibility.insertLines(mdb, basis);
      const sums = await repo.sums(mdb, id, true);
      await repo.update(mdb, id, {
        status: 'approved',
        approved_at: new Date(),
        approved_by: actor.userId > 0 ? actor.userId : null,
        changes: JSON.stringify(changes),
        recipients: sums.recipients,
        total_fen: sums.totalFen,
      });
    });
  },

  /** Locks a roll awaiting approval in the caller's scope, changes it, and audits before and after. */
  async locked(
    db: Db,
    actor: Actor,
    id: number,
    action: 'subsidy_roll.refresh' | 'subsidy_roll.approve',
    change: (mdb: ModuleDb, roll: RollRow, scope: Scope) => Promise<void>,
  ): Promise<SubsidyRoll> {
    return db.transaction().execute(async (trx) => {
      const mdb = modelWorkerDb(trx);
      const scope = await scopeOf(trx, actor);
      const roll = await repo.lock(mdb, id, scope);
      if (!roll) throw notFound(ROLL);
      if (roll.status === 'approved')
        throw conflict(
          `该名册已于 ${new Date(roll.approvedAt!).toISOString().slice(0, 10)} 审批，不能再审批或重新生成`,
        );
      const before = await present(mdb, roll);
      await change(mdb, roll, scope);
      const after = await present(mdb, (await repo.find(mdb, id, scope))!);
      await audit(trx, actor, {
        action,
        entityType: 'subsidy_roll',
        entityId: id,
        scopePath: roll.orgUnitPath,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
  },

  async lines(db: Db, actor: Actor, id: number, q: ListRollLinesQuery): Promise<Page<RollLine>> {
    const mdb = modelWorkerDb(db);
    const { roll } = await this.visible(mdb, actor, id);
    const page = await repo.linesPage(mdb, id, roll.status === 'approved', q, q);
    return { ...page, items: page.items.map(presentLine) };
  },

  async allLines(db: Db, actor: Actor, id: number, f: RollLineFilter): Promise<RollLine[]> {
    const mdb = modelWorkerDb(db);
    const { roll } = await this.visible(mdb, actor, id);
    return (await repo.allLines(mdb, id, roll.status === 'approved', f)).map(presentLine);
  },

  async totals(db: Db, actor: Actor, q: { year?: number; orgUnitId?: number }): Promise<RollTotal[]> {
    const rows = await repo.totals(modelWorkerDb(db), await scopeUnderUnit(db, actor, q.orgUnitId), q.year);
    return rows.map((r) => ({ ...r, totalFen: Number(r.totalFen), paidFen: Number(r.paidFen) }));
  },
};
