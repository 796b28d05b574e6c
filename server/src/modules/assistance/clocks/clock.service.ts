import type { Kysely } from 'kysely';
import type { CaseType, ClockRule, UpdateClockRuleBody } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError, invalid } from '../../../platform/http/errors.ts';
import { settingRepository } from '../../../platform/settings.repository.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { caseRepository } from '../cases/case.repository.ts';
import { caseHandlingRepository } from '../cases/case-handling.repository.ts';
import type { AppDb } from '../cases/case.definitions.ts';
import { clockOf, publishedThrough } from './clock.definitions.ts';
import { syncCaseClocks } from './clock-reach.repository.ts';
import { clockRuleRepository } from './clock.repository.ts';

/** Sets the case's stored clock from its type's rule, its dates and its pauses. */
export async function recomputeClock(db: AppDb, id: number): Promise<void> {
  const c = await caseRepository.reload(db, id);
  const rule = await clockRuleRepository.get(db, c.type);
  const state = clockOf(rule, {
    type: c.type,
    status: c.status,
    receivedOn: c.receivedOn,
    acceptedOn: c.acceptedOn,
    extendedDays: c.extendedDays,
    pauses: await caseHandlingRepository.pauses(db, id),
  });
  await caseRepository.update(db, id, {
    deadline_kind: state.deadlineKind,
    due_on: state.dueOn,
    warn_on: state.warnOn,
    due_provisional: state.provisional,
  });
  await syncCaseClocks(db, id);
}

const CALENDAR_SETTING = 'assistance.holiday_calendar_through';

/**
 * Recomputes the provisional due dates once a newer holiday calendar is installed (a package update that
 * publishes another year): a cheap settings read when nothing changed.
 */
export async function refreshProvisionalClocks(
  db: Kysely<Database>,
  through = publishedThrough(),
): Promise<number> {
  const seen = await settingRepository.get(db, CALENDAR_SETTING);
  if (seen === through) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await caseRepository.provisionalOpen(trx);
    for (const r of rows) await recomputeClock(trx, r.id);
    await settingRepository.set(trx, CALENDAR_SETTING, through);
    return rows.length;
  });
}

function ruleIssues(r: UpdateClockRuleBody) {
  const issues = [];
  if (r.handleDays === null && r.handleFromReceipt)
    issues.push({ field: 'handleFromReceipt', message: '没有办理期限时不能选择自登记起算' });
  if (r.acceptDays === null && r.handleDays === null)
    issues.push({ field: 'handleDays', message: '受理期限和办理期限至少填写一项' });
  return issues;
}

/** The statutory clocks per case type: read by everyone, changed only at the top of the network. */
export const clockService = {
  async list(db: Kysely<Database>): Promise<ClockRule[]> {
    return clockRuleRepository.all(db);
  },

  async update(
    db: Kysely<Database>,
    actor: Actor,
    type: CaseType,
    body: UpdateClockRuleBody,
  ): Promise<ClockRule> {
    const issues = ruleIssues(body);
    if (issues.length > 0) throw invalid(issues);
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      // The limits hold city-wide: only the city federation sets them.
      if ((scope.match(/\//g)?.length ?? 0) > 2)
        throw new AppError('FORBIDDEN', '办理时限由市总工会统一设置');
      const before = await clockRuleRepository.get(trx, type);
      await clockRuleRepository.update(trx, type, body);
      const after = await clockRuleRepository.get(trx, type);
      for (const c of await caseRepository.openOfType(trx, type)) await recomputeClock(trx, c.id);
      await audit(trx, actor, {
        action: 'clock_rule.update',
        entityType: 'clock_rule',
        entityId: type,
        scopePath: scope,
        before,
        after,
      });
      return after;
    });
  },
};
