import {
  maskPhone,
  maskResidentId,
  memberStatuses,
  registryNumber,
  type Member,
  type MemberStatus,
} from '@gonghui/contracts';
import type { PersonalDataCipher } from '../../../platform/personal-data/personal-data.ts';
import type { MemberRow } from './member.repository.ts';

const asStatus = (s: string): MemberStatus =>
  (memberStatuses as readonly string[]).includes(s) ? (s as MemberStatus) : 'active';

/** Row to API shape: personal fields only masked. */
export function presentMember(row: MemberRow, cipher: PersonalDataCipher): Member {
  return {
    id: row.id,
    registryNo: registryNumber(row.id),
    name: row.name,
    residentIdMasked: maskResidentId(cipher.decrypt(row.residentIdCipher)),
    phoneMasked: row.phoneCipher ? maskPhone(cipher.decrypt(row.phoneCipher)) : null,
    gender: row.gender,
    birthDate: row.birthDate,
    ethnicity: row.ethnicity,
    education: row.education,
    householdType: row.householdType,
    migrantWorker: row.migrantWorker,
    newEmploymentForm: row.newEmploymentForm,
    employerId: row.employerId,
    employerName: row.employerName,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    status: asStatus(row.status),
    statusSince: row.statusSince,
    joinedOn: row.joinedOn,
  };
}

/** What an audit record keeps of a member: never the clear ID or phone. */
export function auditView(m: Member) {
  return {
    name: m.name,
    residentId: m.residentIdMasked,
    phone: m.phoneMasked,
    orgUnitId: m.orgUnitId,
    employerId: m.employerId,
    status: m.status,
    ethnicity: m.ethnicity,
    education: m.education,
    householdType: m.householdType,
    migrantWorker: m.migrantWorker,
    newEmploymentForm: m.newEmploymentForm,
    joinedOn: m.joinedOn,
  };
}
