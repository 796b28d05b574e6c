import type { Kysely, Transaction } from 'kysely';
import {
  caseTransitions,
  type AssistanceCase,
  type CaseDetail,
  type CaseFilter,
  type IntakeCaseBody,
  type ListCasesQuery,
  type Page,
  type RevealedCase,
  type WorkerTimeline,
  type WorkerTimelineQuery,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { attachmentRepository } from '../../../platform/attachments/attachment.repository.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import { recordReveal } from '../../../platform/personal-data/reveal.ts';
import { createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { Scope, scopeContains, scopeOf } from '../../../platform/scope.ts';
import { memberRepository } from '../../members/index.ts';
import { clockOf } from '../clocks/clock.definitions.ts';
import { syncCaseClocks } from '../clocks/clock-reach.repository.ts';
import { clockRuleRepository } from '../clocks/clock.repository.ts';
import { refreshProvisionalClocks } from '../clocks/clock.service.ts';
import { visibleHandler } from '../handlers/handler.service.ts';
import { hardshipRepository } from '../hardship/hardship.repository.ts';
import type { AppDb } from './case.definitions.ts';
import { caseNumber, caseNumberRepository } from './case-number.repository.ts';
import { caseSpecifics } from './case-specifics.presenter.ts';
import { presentCase, revealCase } from './case.presenter.ts';
import { caseRepository, type CaseListFilter, type CaseRow } from './case.repository.ts';
import { caseHandlingRepository } from './case-handling.repository.ts';
import { workerRepository } from './worker.repository.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
export const CASE = '求助案件';

/** How a case is locked, read and audited in the caller's scope (the audit keeps the masked view). */
export function caseRecord(scope: Scope, now: string): ChangeableRecord<CaseRow, AssistanceCase> {
  return {
    entityType: 'assistance_case',
    label: CASE,
    lock: async (trx, id) => (await caseRepository.lock(trx, id, scope)) ?? null,
    reload: (trx, id) => caseRepository.reload(trx, id),
    present: (r) => presentCase(r, now),
    scopePath: (r) => r.handlingUnitPath,
  };
}

/** A note on the case's timeline, by the caller at their unit. */
export async function addEvent(db: AppDb, actor: Actor, caseId: number, kind: string, note: string | null) {
  await caseHandlingRepository.addEvent(db, {
    case_id: caseId,
    kind,
    actor_user_id: actor.userId > 0 ? actor.userId : null,
    actor_name: actor.displayName,
    org_unit_id: actor.orgUnitId,
    note,
  });
}

async function visible(db: AppDb, actor: Actor, id: number): Promise<{ row: CaseRow; scope: Scope }> {
  const scope = await scopeOf(db, actor);
  const row = await caseRepository.find(db, id, scope);
  if (!row) throw notFound(CASE);
  return { row, scope };
}

function listFilter(f: CaseFilter, handlingScope: Scope | null): CaseListFilter {
  const { orgUnitId: _unit, ...rest } = f;
  return { ...rest, handlingScope, today: today() };
}

/** The worker of an intake: a member of the caller's registry, or a person entered now (found again by ID). */
async function workerOf(trx: Trx, scope: Scope, body: IntakeCaseBody): Promise<number> {
  const cipher = personalData();
  if (body.memberId) {
    const m = await memberRepository.findInScope(trx, body.memberId, scope);
    if (!m) throw invalid([{ field: 'memberId', message: '会员不存在或不在您的管辖范围内' }]);
    const residentId = cipher.decrypt(m.residentIdCipher);
    return workerRepository.findOrCreate(trx, {
      name: m.name,
      residentIdCipher: cipher.encrypt(residentId),
      residentIdHash: cipher.lookupHash('resident_id', residentId),
      residentIdTail: residentId.slice(-4),
      phoneCipher: m.phoneCipher ? cipher.encrypt(cipher.decrypt(m.phoneCipher)) : null,
      memberId: m.id,
    });
  }
  const w = body.worker!;
  const parsed = checkResidentId(w.residentId);
  if (!parsed.ok) throw invalid([{ field: 'worker.residentId', message: `职工身份证号：${parsed.message}` }]);
  const id = parsed.id.value;
  const hash = cipher.lookupHash('resident_id', id);
  // A worker who is a member anywhere is linked to the registry; nothing of that membership is shown here.
  const member = await memberRepository.findLiveByHash(trx, hash);
  return workerRepository.findOrCreate(trx, {
    name: w.name,
    residentIdCipher: cipher.encrypt(id),
    residentIdHash: hash,
    residentIdTail: id.slice(-4),
    phoneCipher: w.phone ? cipher.encrypt(w.phone) : null,
    memberId: member?.id ?? null,
  });
}

/** The cases of the one-stop centre: intake, lists, the case page, the worker's timeline. */
export const caseService = {
  async list(db: Db, actor: Actor, q: ListCasesQuery): Promise<Page<AssistanceCase>> {
    await refreshProvisionalClocks(db);
    const scope = await scopeOf(db, actor);
    const handlingScope = q.orgUnitId ? await scopeUnderUnit(db, actor, q.orgUnitId) : null;
    const page = await caseRepository.list(db, scope, listFilter(q, handlingScope), q);
    const now = today();
    return { ...page, items: page.items.map((r) => presentCase(r, now)) };
  },

  async count(db: Db, actor: Actor, f: CaseFilter): Promise<number> {
    const scope = await scopeOf(db, actor);
    const handlingScope = f.orgUnitId ? await scopeUnderUnit(db, actor, f.orgUnitId) : null;
    return caseRepository.count(db, scope, listFilter(f, handlingScope));
  },

  /** Every row of a filtered list, for an export. */
  async all(db: Db, actor: Actor, f: CaseFilter): Promise<AssistanceCase[]> {
    const scope = await scopeOf(db, actor);
    const handlingScope = f.orgUnitId ? await scopeUnderUnit(db, actor, f.orgUnitId) : null;
    const now = today();
    return (await caseRepository.all(db, scope, listFilter(f, handlingScope))).map((r) =>
      presentCase(r, now),
    );
  },

  /** Open cases past their due date, in the caller's scope: the workbench figure. */
  async countOverdue(db: Db, scope: Scope): Promise<number> {
    await refreshProvisionalClocks(db);
    return caseRepository.countOverdue(db, scope, today());
  },

  async get(db: Db, actor: Actor, id: number): Promise<CaseDetail> {
    const { row, scope } = await visible(db, actor, id);
    const now = today();
    const canAct = scopeContains(scope, row.handlingUnitPath);
    const [events, assignments, chain, attachments, handling, specifics] = await Promise.all([
      caseHandlingRepository.events(db, id),
      caseHandlingRepository.assignments(db, id),
      caseHandlingRepository.chain(db, id),
      // The case is visible to the caller (checked above), and so are its files, wherever they were added.
      attachmentRepository.listOf(db, Scope.everywhere, 'assistance_case', id),
      orgRepository.currentVersion(db, row.handlingUnitId),
      caseSpecifics(db, row),
    ]);
    const parentId = handling?.parent_id ?? null;
    const parentName = parentId ? await orgRepository.nameAt(db, parentId, now) : undefined;
    const final = row.closedOn !== null;
    return {
      ...presentCase(row, now),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind as CaseDetail['events'][number]['kind'],
        at: new Date(e.at).toISOString(),
        actorName: e.actorName,
        unitName: e.unitName,
        note: e.note,
      })),
      assignments: assignments.map((a) => ({
        handlerId: a.handlerId,
        handlerName: a.handlerName,
        from: new Date(a.from).toISOString(),
        to: a.to ? new Date(a.to).toISOString() : null,
      })),
      chain,
      attachments: attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
        createdAt: new Date(a.createdAt).toISOString(),
      })),
      canAct,
      nextStatuses: canAct ? [...caseTransitions[row.status]] : [],
      escalatesTo: canAct && !final && parentId && parentName ? { id: parentId, name: parentName } : null,
      ...specifics,
    };
  },

  /**
   * A file of a case the caller sees, for download, audited: every unit on the handling chain and above it
   * reads the files, whichever unit added them.
   */
  async attachment(db: Db, actor: Actor, id: number, attachmentId: number) {
    return db.transaction().execute(async (trx) => {
      const { row } = await visible(trx, actor, id);
      // The case's visibility was checked on the line above; the file must belong to it.
      const file = await attachmentRepository.findWithContent(trx, Scope.everywhere, attachmentId);
      if (!file || file.ownerType !== 'assistance_case' || file.ownerId !== id) throw notFound('附件');
      await audit(trx, actor, {
        action: 'attachment.download',
        entityType: 'attachment',
        entityId: attachmentId,
        scopePath: row.handlingUnitPath,
        after: { ownerType: file.ownerType, ownerId: file.ownerId, fileName: file.fileName },
      });
      return { fileName: file.fileName, contentType: file.contentType, content: Buffer.from(file.content) };
    });
  },

  /** The worker's ID, phone and the narrative in clear, for a stated reason that the audit log keeps. */
  async reveal(db: Db, actor: Actor, id: number, reason: string): Promise<RevealedCase> {
    return db.transaction().execute(async (trx) => {
      const { row } = await visible(trx, actor, id);
      await recordReveal(trx, actor, {
        entityType: 'assistance_case',
        entityId: id,
        field: 'workerResidentId,workerPhone,narrative',
        reason,
        scopePath: row.handlingUnitPath,
      });
      return revealCase(row);
    });
  },

  /** All the cases of one worker the caller may see, oldest first. */
  async workerTimeline(
    db: Db,
    actor: Actor,
    personId: number,
    q: WorkerTimelineQuery,
  ): Promise<WorkerTimeline> {
    const scope = await scopeOf(db, actor);
    const all = await caseRepository.ofWorker(db, scope, personId, {});
    if (all.length === 0) throw notFound('职工');
    const rows = await caseRepository.ofWorker(db, scope, personId, {
      type: q.type,
      receivedFrom: q.from,
      receivedTo: q.to,
    });
    const now = today();
    return {
      workerId: personId,
      workerName: all[0].workerName ?? '',
      cases: rows.map((r) => presentCase(r, now)),
      assistance: await hardshipRepository.givenForCases(
        db,
        rows.map((r) => r.id),
      ),
    };
  },

  /** Takes a case in at the caller's own unit, numbered city-wide, its clock started. */
  async intake(db: Db, actor: Actor, body: IntakeCaseBody): Promise<AssistanceCase> {
    const now = today();
    const scope = await scopeOf(db, actor);
    return createRecord(db, actor, caseRecord(scope, now), 'assistance_case.intake', async (trx) => {
      const unit = await orgRepository.findAt(trx, actor.orgUnitId, now, scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '您所在的单位已撤销，不能登记案件' }]);
      const personId = await workerOf(trx, scope, body);
      const employerId = body.employerId ?? null;
      if (employerId !== null && !(await caseRepository.employerInScope(trx, employerId, scope)))
        throw invalid([{ field: 'employerId', message: '单位不存在或不在您的管辖范围内' }]);
      const handlerId = body.handlerId ?? null;
      if (handlerId !== null) await visibleHandler(trx, actor, handlerId);
      const parentName = unit.parentId
        ? ((await orgRepository.nameAt(trx, unit.parentId, now)) ?? null)
        : null;
      const code = await caseNumberRepository.unitCode(trx, unit, parentName);
      const year = Number(now.slice(0, 4));
      const seq = await caseNumberRepository.next(trx, year, unit.id, body.type);
      const rule = await clockRuleRepository.get(trx, body.type);
      const clock = clockOf(rule, {
        type: body.type,
        status: 'received',
        receivedOn: now,
        acceptedOn: null,
        extendedDays: null,
        pauses: [],
      });
      const id = await caseRepository.insert(trx, {
        number: caseNumber(year, code, body.type, seq),
        case_type: body.type,
        status: 'received',
        subject: body.subject,
        narrative_cipher: personalData().encrypt(body.narrative),
        person_id: personId,
        employer_id: employerId,
        intake_unit_id: unit.id,
        handling_unit_id: unit.id,
        handler_id: null,
        received_on: now,
        deadline_kind: clock.deadlineKind,
        due_on: clock.dueOn,
        warn_on: clock.warnOn,
        due_provisional: clock.provisional,
        created_by: actor.userId > 0 ? actor.userId : null,
        updated_at: new Date(),
      });
      await caseHandlingRepository.addToChain(trx, id, unit.id);
      await syncCaseClocks(trx, id);
      await addEvent(trx, actor, id, 'intake', body.subject);
      if (handlerId !== null) {
        await caseHandlingRepository.assign(trx, id, handlerId, actor.userId > 0 ? actor.userId : null);
        await addEvent(trx, actor, id, 'assign', null);
      }
      return id;
    });
  },
};
