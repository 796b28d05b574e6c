import type { Kysely, Transaction } from 'kysely';
import {
  DEFAULT_AID_APPROVAL_FEN,
  type AidThresholdBody,
  caseStatusLabels,
  caseTransitions,
  finalCaseStatuses,
  type AssignCaseBody,
  type AssistanceCase,
  type CaseStatusBody,
  type EscalateCaseBody,
  type ExtendCaseBody,
  type ReassignBody,
  type ReassignResult,
  type ReferCaseBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { attachmentService } from '../../../platform/attachments/attachment.service.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError, conflict, invalid } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { changeRecord } from '../../../platform/writes/record-change.ts';
import { narrowScope, scopeContains, scopeOf, type Scope } from '../../../platform/scope.ts';
import { workingDaysBetween } from '../clocks/clock.definitions.ts';
import { clockRuleRepository } from '../clocks/clock.repository.ts';
import { recomputeClock } from '../clocks/clock.service.ts';
import { visibleHandler } from '../handlers/handler.service.ts';
import { hardshipRepository } from '../hardship/hardship.repository.ts';
import type { AppDb, AssistanceTables } from './case.definitions.ts';
import { presentCase } from './case.presenter.ts';
import { caseRepository, type CaseRow } from './case.repository.ts';
import { caseHandlingRepository } from './case-handling.repository.ts';
import { addEvent, caseRecord } from './case.service.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const userIdOf = (actor: Actor) => (actor.userId > 0 ? actor.userId : null);

/**
 * Refuses a change by a unit that only sees the case: one that handled it before it went up or down the
 * network, or the unit above a village, once the case is elsewhere.
 */
function mayAct(scope: Scope, row: CaseRow) {
  if (!scopeContains(scope, row.handlingUnitPath))
    throw conflict(`本案件现由「${row.handlingUnitName}」办理，您只能查看`);
}

/** The amount of living assistance above which the upper level approves, for the district handling it. */
async function aidThresholdOf(db: AppDb, handlingPath: string): Promise<number> {
  const district = await hardshipRepository.districtOf(db, handlingPath);
  const set = district ? await caseRepository.aidThreshold(db, district.id) : undefined;
  return set?.threshold_fen ?? DEFAULT_AID_APPROVAL_FEN;
}

const yuanText = (fen: number) => (fen / 100).toFixed(2);

export function mustBeOpen(row: CaseRow) {
  if (row.closedOn !== null) throw conflict(`本案件已${caseStatusLabels[row.status]}，不能再办理`);
}

/**
 * Runs a change on one case the caller may act on: locked in their scope (404 outside), checked, written
 * with its timeline entry, its clock recomputed, and audited before and after.
 */
export async function act(
  db: Db,
  actor: Actor,
  id: number,
  action: Parameters<typeof changeRecord>[4],
  change: (trx: Trx, row: CaseRow, scope: Scope) => Promise<Record<string, unknown> | void>,
): Promise<AssistanceCase> {
  const scope = await scopeOf(db, actor);
  return changeRecord(db, actor, caseRecord(scope, today()), id, action, async (trx, row) => {
    mayAct(scope, row);
    const extra = await change(trx, row, scope);
    await recomputeClock(trx, id);
    return extra;
  });
}

/** What handlers do with a case: status, assignment, moves through the network, the clock's pauses. */
export const caseHandlingService = {
  async setStatus(db: Db, actor: Actor, id: number, body: CaseStatusBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.status', async (trx, row) => {
      if (!caseTransitions[row.status].includes(body.status)) {
        const allowed = caseTransitions[row.status].map((s) => `「${caseStatusLabels[s]}」`).join('、');
        throw invalid([
          {
            field: 'status',
            message: `案件当前为「${caseStatusLabels[row.status]}」，不能改为「${caseStatusLabels[body.status]}」${
              allowed ? `，只能改为${allowed}` : '，已不能再变更'
            }`,
          },
        ]);
      }
      const final = finalCaseStatuses.includes(body.status);
      const outcome = body.outcome ?? null;
      if (final && !outcome)
        throw invalid([
          { field: 'outcome', message: `案件${caseStatusLabels[body.status]}时请填写办理结果` },
        ]);
      if (body.status === 'resolved' && row.type === 'living_aid') {
        if (row.aidAmountFen === null)
          throw invalid([{ field: 'status', message: '生活救助案件办结前请先登记救助金额' }]);
        const threshold = await aidThresholdOf(trx, row.handlingUnitPath);
        if (row.aidAmountFen > threshold && row.aidApprovedOn === null)
          throw invalid([
            {
              field: 'status',
              message: `救助金额 ${yuanText(row.aidAmountFen)} 元超过审批限额 ${yuanText(threshold)} 元，须经上级工会审批后才能办结`,
            },
          ]);
      }
      const now = today();
      if (final) await caseHandlingRepository.closePause(trx, id, now);
      await caseRepository.update(trx, id, {
        status: body.status,
        ...(body.status === 'accepted' ? { accepted_on: now } : {}),
        ...(final
          ? {
              closed_on: now,
              outcome,
              paused_since: null,
              handling_working_days: workingDaysBetween(row.receivedOn, now),
            }
          : {}),
      });
      const text = [`${caseStatusLabels[row.status]} → ${caseStatusLabels[body.status]}`, outcome, body.note]
        .filter(Boolean)
        .join('；');
      await addEvent(trx, actor, id, 'status', text);
      return body.note ? { note: body.note } : undefined;
    });
  },

  async assign(db: Db, actor: Actor, id: number, body: AssignCaseBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.assign', async (trx, row) => {
      mustBeOpen(row);
      const h = await visibleHandler(trx, actor, body.handlerId);
      if (row.handlerId === h.id)
        throw invalid([{ field: 'handlerId', message: `本案件已由「${h.name}」经办` }]);
      await caseHandlingRepository.assign(trx, id, h.id, userIdOf(actor));
      await addEvent(trx, actor, id, 'assign', [`经办人：${h.name}`, body.note].filter(Boolean).join('；'));
      return body.note ? { note: body.note } : undefined;
    });
  },

  /** Sends the case up to the unit above its handling unit, with a reason; the assignment ends. */
  async escalate(db: Db, actor: Actor, id: number, body: EscalateCaseBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.escalate', async (trx, row) => {
      mustBeOpen(row);
      const handling = await orgRepository.currentVersion(trx, row.handlingUnitId);
      const parentId = handling?.parent_id ?? null;
      const parentName = parentId ? await orgRepository.nameAt(trx, parentId, today()) : undefined;
      if (!parentId || !parentName) throw conflict('本案件已在最高一级办理，不能再上报');
      await caseRepository.update(trx, id, { handling_unit_id: parentId });
      await caseHandlingRepository.addToChain(trx, id, parentId);
      if (row.handlerId !== null) await caseHandlingRepository.assign(trx, id, null, userIdOf(actor));
      await addEvent(trx, actor, id, 'escalate', `上报至「${parentName}」：${body.reason}`);
      return { reason: body.reason, toUnitId: parentId, toUnitName: parentName };
    });
  },

  /** Hands the case down to a unit below its handling unit, with a reason; the assignment ends. */
  async refer(db: Db, actor: Actor, id: number, body: ReferCaseBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.refer', async (trx, row, scope) => {
      mustBeOpen(row);
      const below = narrowScope(scope, row.handlingUnitPath);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), below);
      if (!unit || unit.id === row.handlingUnitId || unit.closedOn)
        throw invalid([
          { field: 'orgUnitId', message: '转交单位应为本案件办理单位下属的、未撤销的工会组织' },
        ]);
      await caseRepository.update(trx, id, { handling_unit_id: unit.id });
      await caseHandlingRepository.addToChain(trx, id, unit.id);
      if (row.handlerId !== null) await caseHandlingRepository.assign(trx, id, null, userIdOf(actor));
      await addEvent(trx, actor, id, 'refer', `转交「${unit.name}」：${body.reason}`);
      return { reason: body.reason, toUnitId: unit.id, toUnitName: unit.name };
    });
  },

  /** Stops the clock while the case waits on the worker (papers, a visit). */
  async pause(db: Db, actor: Actor, id: number, note: string): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.pause', async (trx, row) => {
      mustBeOpen(row);
      if (row.pausedSince !== null) throw conflict(`本案件自 ${row.pausedSince} 起已在等待职工，计时已暂停`);
      const now = today();
      await caseHandlingRepository.openPause(trx, id, now);
      await caseRepository.update(trx, id, { paused_since: now });
      await addEvent(trx, actor, id, 'pause', note);
      return { note };
    });
  },

  async resume(db: Db, actor: Actor, id: number, note: string): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.resume', async (trx, row) => {
      mustBeOpen(row);
      if (row.pausedSince === null) throw conflict('本案件没有暂停计时');
      await caseHandlingRepository.closePause(trx, id, today());
      await caseRepository.update(trx, id, { paused_since: null });
      await addEvent(trx, actor, id, 'resume', note);
      return { note };
    });
  },

  /** The one extension of the handling limit a type allows, approved, with the worker told. */
  async extend(db: Db, actor: Actor, id: number, body: ExtendCaseBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.extend', async (trx, row) => {
      mustBeOpen(row);
      const rule = await clockRuleRepository.get(trx, row.type);
      if (rule.extensionMaxDays === 0) throw conflict('此类案件不能延长办理期限');
      if (row.status === 'received') throw conflict('案件受理后才能延长办理期限');
      if (row.extendedDays !== null) throw conflict(`本案件已延长过 ${row.extendedDays} 天，只能延长一次`);
      if (body.days > rule.extensionMaxDays)
        throw invalid([{ field: 'days', message: `延长天数最多 ${rule.extensionMaxDays} 天` }]);
      if (body.noticeOn > today())
        throw invalid([{ field: 'noticeOn', message: '告知信访人日期不能晚于今天' }]);
      await caseRepository.update(trx, id, { extended_days: body.days });
      await addEvent(
        trx,
        actor,
        id,
        'extend',
        `延长 ${body.days} 天；批准人：${body.approvedBy}；理由：${body.reason}；${body.noticeOn} 已告知`,
      );
      return { reason: body.reason, approvedBy: body.approvedBy, noticeOn: body.noticeOn };
    });
  },

  /** Records the amount of living assistance; a changed amount needs a fresh approval. */
  async setAid(db: Db, actor: Actor, id: number, amountFen: number): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.aid_amount', async (trx, row) => {
      mustBeOpen(row);
      if (row.type !== 'living_aid') throw conflict('只有生活救助案件登记救助金额');
      await trx
        .withTables<AssistanceTables>()
        .updateTable('assistance_case')
        .set({ aid_amount_fen: amountFen, aid_approved_by: null, aid_approved_on: null })
        .where('id', '=', id)
        .execute();
      const threshold = await aidThresholdOf(trx, row.handlingUnitPath);
      await addEvent(
        trx,
        actor,
        id,
        'note',
        `救助金额 ${yuanText(amountFen)} 元${amountFen > threshold ? `，超过审批限额 ${yuanText(threshold)} 元，待上级审批` : ''}`,
      );
    });
  },

  /** The upper level's approval of an amount above the threshold: a unit above the handling unit gives it. */
  async approveAid(db: Db, actor: Actor, id: number, note: string): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.aid_approve', async (trx, row, scope) => {
      mustBeOpen(row);
      if (row.type !== 'living_aid' || row.aidAmountFen === null)
        throw conflict('本案件没有待审批的救助金额');
      if (row.aidApprovedOn !== null) throw conflict('救助金额已审批');
      const threshold = await aidThresholdOf(trx, row.handlingUnitPath);
      if (row.aidAmountFen <= threshold) throw conflict('救助金额未超过审批限额，无须上级审批');
      if (row.handlingUnitPath === scope) throw conflict('救助金额须由上级工会审批，办理单位不能自行审批');
      await trx
        .withTables<AssistanceTables>()
        .updateTable('assistance_case')
        .set({ aid_approved_by: actor.orgUnitId, aid_approved_on: today() })
        .where('id', '=', id)
        .execute();
      await addEvent(trx, actor, id, 'note', `上级审批救助金额 ${yuanText(row.aidAmountFen)} 元：${note}`);
      return { note };
    });
  },

  /** Sets a district's threshold for living assistance (the district itself, or the city above it). */
  async setAidThreshold(db: Db, actor: Actor, body: AidThresholdBody) {
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.level !== 'county')
        throw invalid([{ field: 'orgUnitId', message: '请选择您管辖范围内的区（县级市）' }]);
      const before = await caseRepository.aidThreshold(trx, unit.id);
      await caseRepository.setAidThreshold(trx, unit.id, body.thresholdFen);
      const after = { orgUnitId: unit.id, orgUnitName: unit.name, thresholdFen: body.thresholdFen };
      await audit(trx, actor, {
        action: 'aid_threshold.set',
        entityType: 'aid_threshold',
        entityId: unit.id,
        scopePath: unit.path,
        before: before ? { ...after, thresholdFen: before.threshold_fen } : null,
        after,
      });
      return after;
    });
  },

  async note(db: Db, actor: Actor, id: number, note: string): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.note', async (trx) => {
      await addEvent(trx, actor, id, 'note', note);
      return { note };
    });
  },

  /** Keeps a file with the case in the platform store, under the case's intake unit. */
  async attach(
    db: Db,
    actor: Actor,
    id: number,
    fileName: string,
    content: unknown,
  ): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.attach', async (trx, row) => {
      if (!Buffer.isBuffer(content))
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          '请把文件内容直接作为请求体上传（Content-Type: application/octet-stream）',
        );
      const attachmentId = await attachmentService.store(
        trx,
        actor,
        { type: 'assistance_case', id, scopePath: row.intakeUnitPath },
        fileName,
        content,
      );
      await addEvent(trx, actor, id, 'attachment', fileName.trim());
      return { attachmentId, fileName: fileName.trim() };
    });
  },

  /**
   * Moves a handler's open cases to another handler in one transaction: those the caller may act on, or
   * the ones named (each must be such a case). Every case gets its timeline entry and its audit record.
   */
  async reassign(db: Db, actor: Actor, fromHandlerId: number, body: ReassignBody): Promise<ReassignResult> {
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      const from = await visibleHandler(trx, actor, fromHandlerId, 'id');
      const to = await visibleHandler(trx, actor, body.toHandlerId, 'toHandlerId');
      if (from.id === to.id) throw invalid([{ field: 'toHandlerId', message: '接手经办人不能是原经办人' }]);
      const open = await caseRepository.openOfHandler(trx, scope, from.id);
      let chosen = open;
      if (body.caseIds) {
        const ids = new Set(open.map((c) => c.id));
        const issues = body.caseIds
          .map((caseId, i) => ({ caseId, i }))
          .filter(({ caseId }) => !ids.has(caseId))
          .slice(0, 20)
          .map(({ i }) => ({
            field: `caseIds.${i}`,
            message: `第 ${i + 1} 件不是「${from.name}」在办、由您办理的案件`,
          }));
        if (issues.length > 0) throw invalid(issues);
        const wanted = new Set(body.caseIds);
        chosen = open.filter((c) => wanted.has(c.id));
      }
      const now = today();
      for (const row of chosen) {
        await caseHandlingRepository.assign(trx, row.id, to.id, userIdOf(actor));
        await addEvent(trx, actor, row.id, 'assign', `改派：${from.name} → ${to.name}；${body.reason}`);
        const after = await caseRepository.reload(trx, row.id);
        await audit(trx, actor, {
          action: 'assistance_case.reassign',
          entityType: 'assistance_case',
          entityId: row.id,
          scopePath: row.handlingUnitPath,
          before: presentCase(row, now),
          after: { ...presentCase(after, now), reason: body.reason },
        });
      }
      return { moved: chosen.length, caseIds: chosen.map((c) => c.id) };
    });
  },
};
