import { Scope, scopeContains, scopeOf } from '../../../platform/scope.ts';
import type { Kysely, Transaction } from 'kysely';
import {
  maskResidentId,
  registryNumber,
  transferStatusLabels,
  type BulkTransferBody,
  type DecideTransferBody,
  type Page,
  type StartTransferBody,
  type Transfer,
  type TransferStatus,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError, conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import { memberEmployerLookup, memberRepository, LIVE_STATUSES } from '../registry/member.repository.ts';
import { transferRepository, type TransferRow } from './transfer.repository.ts';
import { tallyRepository } from '../../indicators/index.ts';

function presentTransfer(t: TransferRow): Transfer {
  return {
    id: t.id,
    batchId: t.batchId,
    memberId: t.memberId,
    memberName: t.memberName,
    registryNo: registryNumber(t.memberId),
    residentIdMasked: maskResidentId(personalData().decrypt(t.residentIdCipher)),
    fromOrgUnitId: t.fromOrgUnitId,
    fromOrgUnitName: t.fromOrgUnitName,
    toOrgUnitId: t.toOrgUnitId,
    toOrgUnitName: t.toOrgUnitName,
    toEmployerName: t.toEmployerName,
    initiatedBy: t.initiatedBy,
    status: t.status,
    reason: t.reason,
    decisionReason: t.decisionReason,
    requestedOn: t.requestedOn,
    decidedOn: t.decidedOn,
    letterNo: transferLetterNo(t.id, t.requestedOn),
  };
}

/** The introduction letter's number: the year asked and the transfer's own number, so it never repeats. */
export function transferLetterNo(id: number, requestedOn: string): string {
  return `工会转字〔${requestedOn.slice(0, 4)}〕第 ${String(id).padStart(6, '0')} 号`;
}

function isPendingViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return (
    err?.code === '23505' &&
    (err.constraint === 'member_transfer_one_pending' ||
      /member_transfer_one_pending/.test(err.message ?? ''))
  );
}
const pendingExists = () =>
  conflict('该会员已有一条待接收的会员关系接转申请，同一会员同时只能办理一次接转，请等对方处理或撤回后再试');

async function receivingUnit(db: Transaction<Database>, id: number, scope: Scope) {
  const unit = await orgRepository.findAt(db, id, today(), scope);
  if (!unit || unit.closedOn) {
    throw invalid([{ field: 'toOrgUnitId', message: '接收工会不存在、已撤销或不在可选范围内' }]);
  }
  return unit;
}

async function receivingEmployer(db: Transaction<Database>, id: number | null | undefined) {
  if (!id) return null;
  // A member may move to an employer anywhere in the city: the receiving side is named by the caller.
  const e = await memberEmployerLookup.byId(db, id, Scope.everywhere);
  if (!e || e.closedOn) throw invalid([{ field: 'toEmployerId', message: '新的工作单位不存在或已注销' }]);
  return e;
}

/** The side that did not start a transfer decides it: the receiving union, or the sending one when the receiver asked. */
const decidingPath = (t: TransferRow) => (t.initiatedBy === 'sender' ? t.toPath : t.fromPath);
const notTheirs = (t: TransferRow) =>
  new AppError(
    'FORBIDDEN',
    t.initiatedBy === 'sender'
      ? '只有接收工会可以接收或退回接转申请'
      : '该接转申请由接收工会发起，只有会员现在所在的工会可以同意或退回',
  );

export const transferService = {
  async list(
    db: Kysely<Database>,
    actor: Actor,
    q: { box: 'inbox' | 'outbox'; status?: TransferStatus; q?: string; page: number; pageSize: number },
  ): Promise<Page<Transfer>> {
    const scope = await scopeOf(db, actor);
    const page = await transferRepository.list(db, scope, q.box, q.status, q.q, q);
    return { ...page, items: page.items.map(presentTransfer) };
  },

  async get(db: Kysely<Database>, actor: Actor, id: number): Promise<Transfer> {
    const row = await transferRepository.findVisible(db, id, await scopeOf(db, actor));
    if (!row) throw notFound('接转申请');
    return presentTransfer(row);
  },

  /**
   * The sending union names one of its members and the receiving union; or the receiving union gives the
   * person's resident ID and one of its own units. Either way the receiving union then accepts or rejects.
   */
  async start(db: Kysely<Database>, actor: Actor, body: StartTransferBody): Promise<Transfer> {
    const scope = await scopeOf(db, actor);
    try {
      return await db.transaction().execute(async (trx) => {
        let memberId: number;
        let fromOrgUnitId: number;
        let initiatedBy: 'sender' | 'receiver';
        let to;
        if (body.memberId !== undefined) {
          const m = await memberRepository.lockInScope(trx, body.memberId, scope);
          if (!m) throw notFound('会员');
          if (!LIVE_STATUSES.includes(m.status)) throw conflict('该会员的会籍已终止，不能办理接转');
          // The receiving union may lie in any area: a transfer crosses districts by design.
          to = await receivingUnit(trx, body.toOrgUnitId, Scope.everywhere);
          ({ id: memberId, orgUnitId: fromOrgUnitId } = m);
          initiatedBy = 'sender';
        } else {
          const parsed = checkResidentId(body.residentId ?? '');
          if (!parsed.ok) throw invalid([{ field: 'residentId', message: parsed.message }]);
          const live = await memberRepository.findLiveByHash(
            trx,
            personalData().lookupHash('resident_id', parsed.id.value),
          );
          if (!live) {
            throw invalid([
              { field: 'residentId', message: '没有找到此身份证号码的在册会员，请直接登记入会' },
            ]);
          }
          to = await receivingUnit(trx, body.toOrgUnitId, scope);
          ({ id: memberId, orgUnitId: fromOrgUnitId } = live);
          initiatedBy = 'receiver';
        }
        if (to.id === fromOrgUnitId)
          throw invalid([{ field: 'toOrgUnitId', message: '接收工会与会员现在所在的工会相同' }]);
        const employer = await receivingEmployer(trx, body.toEmployerId);
        const [id] = await transferRepository.insertMany(trx, [
          {
            memberId,
            fromOrgUnitId,
            toOrgUnitId: to.id,
            toEmployerId: employer?.id ?? null,
            initiatedBy,
            reason: body.reason,
            requestedOn: today(),
            createdBy: actor.userId,
          },
        ]);
        // The transfer just written, read back for its answer (one side of it is the caller's).
        const created = (await transferRepository.findVisible(trx, id, Scope.everywhere))!;
        await audit(trx, actor, {
          action: 'transfer.start',
          entityType: 'member_transfer',
          entityId: id,
          scopePath: created.fromPath,
          after: { memberId, fromOrgUnitId, toOrgUnitId: to.id, initiatedBy, reason: body.reason },
        });
        return presentTransfer(created);
      });
    } catch (e) {
      if (isPendingViolation(e)) throw pendingExists();
      throw e;
    }
  },

  /** Many members of one union at once, e.g. all those of a village joint union who work at one enterprise. */
  async startBulk(db: Kysely<Database>, actor: Actor, body: BulkTransferBody) {
    const scope = await scopeOf(db, actor);
    try {
      return await db.transaction().execute(async (trx) => {
        const from = await orgRepository.findAt(trx, body.fromOrgUnitId, today(), scope);
        if (!from) throw notFound('转出工会');
        // The receiving union may lie in any area: a transfer crosses districts by design.
        const to = await receivingUnit(trx, body.toOrgUnitId, Scope.everywhere);
        if (to.id === from.id) throw invalid([{ field: 'toOrgUnitId', message: '接收工会与转出工会相同' }]);
        const employer = await receivingEmployer(trx, body.toEmployerId);
        let ids = await memberRepository.activeIdsAt(trx, from.id, body.employerId ?? null);
        if (body.memberIds) {
          const wanted = new Set(body.memberIds);
          const missing = body.memberIds.filter((id) => !ids.includes(id));
          if (missing.length > 0) {
            throw invalid([
              {
                field: 'memberIds',
                message: `${missing.length} 名会员不是「${from.name}」的在册会员：${missing.slice(0, 5).map(registryNumber).join('、')}`,
              },
            ]);
          }
          ids = ids.filter((id) => wanted.has(id));
        }
        if (ids.length === 0) throw invalid([{ field: 'memberIds', message: '没有符合条件的在册会员' }]);
        const pending = await transferRepository.pendingMemberIds(trx, ids);
        if (pending.length > 0) {
          throw conflict(
            `${pending.length} 名会员已有待接收的接转申请：${pending
              .slice(0, 5)
              .map((p) => p.name)
              .join('、')}${pending.length > 5 ? ' 等' : ''}；请先处理后再批量接转`,
          );
        }
        const transferIds = await transferRepository.insertMany(
          trx,
          ids.map((memberId) => ({
            memberId,
            fromOrgUnitId: from.id,
            toOrgUnitId: to.id,
            toEmployerId: employer?.id ?? null,
            initiatedBy: 'sender' as const,
            reason: body.reason,
            requestedOn: today(),
            createdBy: actor.userId,
          })),
        );
        const batchId = Math.min(...transferIds);
        await transferRepository.setBatch(trx, transferIds, batchId);
        await audit(trx, actor, {
          action: 'transfer.start_bulk',
          entityType: 'member_transfer',
          entityId: batchId,
          scopePath: from.path,
          after: {
            fromOrgUnitId: from.id,
            toOrgUnitId: to.id,
            employerId: body.employerId ?? null,
            count: ids.length,
          },
        });
        return { batchId, count: ids.length };
      });
    } catch (e) {
      if (isPendingViolation(e)) throw pendingExists();
      throw e;
    }
  },

  /** The receiving union accepts (the membership moves) or rejects with a reason. */
  async decide(db: Kysely<Database>, actor: Actor, id: number, body: DecideTransferBody): Promise<Transfer> {
    const scope = await scopeOf(db, actor);
    if (!body.accept && (body.reason ?? '').trim().length < 2) {
      throw invalid([{ field: 'reason', message: '退回须填写原因（至少 2 个字）' }]);
    }
    return db.transaction().execute(async (trx) => {
      const visible = await transferRepository.findVisible(trx, id, scope);
      if (!visible) throw notFound('接转申请');
      if (!scopeContains(scope, decidingPath(visible))) throw notTheirs(visible);
      // The row lock makes a second decision wait, then see the first one's outcome.
      const t = (await transferRepository.lock(trx, id))!;
      if (t.created_by !== null && t.created_by === actor.userId)
        throw new AppError('FORBIDDEN', '发起接转的人不能自己接收或退回，请由对方工会处理');
      if (t.status !== 'pending')
        throw conflict(`该接转申请已处理（${transferStatusLabels[t.status]}），不能再次处理`);
      const on = today();
      if (body.accept) {
        const member = await trx
          .selectFrom('member')
          .select(['status', 'employer_id'])
          .where('id', '=', t.member_id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const employerId = t.to_employer_id ?? (t.initiated_by === 'sender' ? null : member.employer_id);
        const moved = await transferRepository.moveMember(
          trx,
          t.member_id,
          t.from_org_unit_id,
          t.to_org_unit_id,
          employerId,
        );
        if (!moved) throw conflict('会员的会籍在此期间已发生变化（已转走或已终止），本次接转未能完成');
        await memberRepository.recordSpan(trx, t.member_id, {
          orgUnitId: t.to_org_unit_id,
          employerId,
          status: member.status,
          from: on,
          change: 'transfer',
          transferId: t.id,
          note: t.reason,
        });
        await tallyRepository.rebuildForEmployers(trx, [member.employer_id, employerId]);
      }
      await transferRepository.decide(trx, id, {
        status: body.accept ? 'accepted' : 'rejected',
        reason: body.reason?.trim() || null,
        on,
        by: actor.userId,
      });
      await audit(trx, actor, {
        action: body.accept ? 'transfer.accept' : 'transfer.reject',
        entityType: 'member_transfer',
        entityId: id,
        scopePath: visible.toPath,
        before: { status: 'pending' },
        after: { status: body.accept ? 'accepted' : 'rejected', reason: body.reason ?? null },
      });
      // Read back after the change; the caller was checked to be one of its sides above.
      return presentTransfer((await transferRepository.findVisible(trx, id, Scope.everywhere))!);
    });
  },

  /** Decides many at once; each one stands or fails on its own, and failures are listed. */
  async decideMany(db: Kysely<Database>, actor: Actor, ids: number[], body: DecideTransferBody) {
    const scope = await scopeOf(db, actor);
    // A transfer the caller does not receive answers "not found" for the whole call, as a single one would.
    for (const id of new Set(ids)) {
      const visible = await transferRepository.findVisible(db, id, scope);
      if (!visible || !scopeContains(scope, decidingPath(visible))) throw notFound('接转申请');
    }
    const failed: Array<{ transferId: number; message: string }> = [];
    let decided = 0;
    for (const id of new Set(ids)) {
      try {
        await transferService.decide(db, actor, id, body);
        decided++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        failed.push({ transferId: id, message: e.message });
      }
    }
    return { decided, failed };
  },

  /** The sending side withdraws a transfer that is still waiting. */
  async cancel(db: Kysely<Database>, actor: Actor, id: number): Promise<Transfer> {
    const scope = await scopeOf(db, actor);
    return db.transaction().execute(async (trx) => {
      const visible = await transferRepository.findVisible(trx, id, scope);
      if (!visible) throw notFound('接转申请');
      const initiatorPath = visible.initiatedBy === 'sender' ? visible.fromPath : visible.toPath;
      if (!scopeContains(scope, initiatorPath)) throw new AppError('FORBIDDEN', '只有发起接转的工会可以撤回');
      const t = (await transferRepository.lock(trx, id))!;
      if (t.status !== 'pending')
        throw conflict(`该接转申请已处理（${transferStatusLabels[t.status]}），不能撤回`);
      await transferRepository.decide(trx, id, {
        status: 'cancelled',
        reason: '发起方撤回',
        on: today(),
        by: actor.userId,
      });
      await audit(trx, actor, {
        action: 'transfer.cancel',
        entityType: 'member_transfer',
        entityId: id,
        scopePath: visible.fromPath,
        before: { status: 'pending' },
        after: { status: 'cancelled' },
      });
      // Read back after the change; the caller was checked to be one of its sides above.
      return presentTransfer((await transferRepository.findVisible(trx, id, Scope.everywhere))!);
    });
  },
};
