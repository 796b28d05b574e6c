import {
  maskPhone,
  maskResidentId,
  type JobCategory,
  type Placement,
  type Recommendation,
  type Seeker,
  type SeekerStatusChange,
} from '@gonghui/contracts';
import type { PersonalDataCipher } from '../../../platform/personal-data/personal-data.ts';
import type { SeekerRow } from './seeker.repository.ts';

/** A seeker as the API shows them: the resident ID and phone only masked. */
export function presentSeeker(r: SeekerRow, cipher: PersonalDataCipher): Seeker {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    residentIdMasked: maskResidentId(cipher.decrypt(r.residentIdCipher)),
    phoneMasked: r.phoneCipher ? maskPhone(cipher.decrypt(r.phoneCipher)) : null,
    isMember: r.isMember,
    situation: r.situation,
    skills: r.skills,
    wishedCategories: r.wishedCategories as JobCategory[],
    wishedPayMinFen: r.wishedPayMinFen,
    wishes: r.wishes,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    registeredVia: r.registeredVia,
    fairId: r.fairId,
    fairTitle: r.fairTitle,
    registeredOn: r.registeredOn,
    status: r.status,
    statusSince: r.statusSince,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

export const presentStatusChange = (c: SeekerStatusChange): SeekerStatusChange => ({ ...c });
export const presentRecommendation = (r: Recommendation): Recommendation => ({ ...r });
export const presentPlacement = (p: Placement): Placement => ({ ...p });
