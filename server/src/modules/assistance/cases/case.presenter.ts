import { maskResidentId, type AssistanceCase } from '@gonghui/contracts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { isDueSoon, isOverdue } from '../clocks/clock.definitions.ts';
import type { CaseRow } from './case.repository.ts';

/** A case as lists and the audit log show it: the worker's ID masked, the narrative left out. */
export function presentCase(r: CaseRow, today: string): AssistanceCase {
  const running = r.pausedSince === null;
  const clock = { dueOn: running ? r.dueOn : null, warnOn: running ? r.warnOn : null };
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    status: r.status,
    subject: r.subject,
    workerId: r.workerId,
    workerName: r.workerName ?? '',
    workerResidentIdMasked: r.workerResidentIdCipher
      ? maskResidentId(personalData().decrypt(r.workerResidentIdCipher))
      : '',
    workerIsMember: r.workerIsMember ?? false,
    employerId: r.employerId,
    employerName: r.employerName ?? null,
    intakeUnitId: r.intakeUnitId,
    intakeUnitName: r.intakeUnitName,
    handlingUnitId: r.handlingUnitId,
    handlingUnitName: r.handlingUnitName,
    handlerId: r.handlerId,
    handlerName: r.handlerName ?? null,
    receivedOn: r.receivedOn,
    acceptedOn: r.acceptedOn,
    closedOn: r.closedOn,
    outcome: r.outcome,
    deadlineKind: r.deadlineKind,
    dueOn: r.dueOn,
    warnOn: r.warnOn,
    dueProvisional: r.dueProvisional,
    paused: !running,
    overdue: isOverdue(clock, today),
    dueSoon: isDueSoon(clock, today),
    extendedDays: r.extendedDays,
    aidAmountFen: r.aidAmountFen,
    aidApprovedOn: r.aidApprovedOn,
    aidApprovedByName: r.aidApprovedOn ? (r.aidApprovedByName ?? null) : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** The personal details shown once a reason is given: the ID and phone in clear, and the narrative. */
export function revealCase(r: CaseRow) {
  const cipher = personalData();
  return {
    residentId: r.workerResidentIdCipher ? cipher.decrypt(r.workerResidentIdCipher) : '',
    phone: r.workerPhoneCipher ? cipher.decrypt(r.workerPhoneCipher) : null,
    narrative: cipher.decrypt(r.narrativeCipher),
  };
}
