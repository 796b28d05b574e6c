import { maskResidentId, type ModelWorker } from '@gonghui/contracts';
import type { PersonalDataCipher } from '../../../platform/personal-data/personal-data.ts';
import type { WorkerRow } from './model-worker.repository.ts';

/** 6222****1234: a bank account with its first and last four digits shown. */
export function maskAccount(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** A model worker as the API shows them: the resident ID and the bank account only masked. */
export function presentWorker(r: WorkerRow, cipher: PersonalDataCipher): ModelWorker {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    residentIdMasked: maskResidentId(cipher.decrypt(r.residentIdCipher)),
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    level: r.level,
    title: r.title,
    equivalent: r.equivalent,
    awardedYear: r.awardedYear,
    employerId: r.employerId,
    employerName: r.employerName,
    workUnit: r.workUnit,
    status: r.status,
    hardship: r.hardship,
    hardshipEvidence: r.hardshipEvidence,
    bankName: r.bankName,
    bankAccountMasked: r.bankAccountCipher ? maskAccount(cipher.decrypt(r.bankAccountCipher)) : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
