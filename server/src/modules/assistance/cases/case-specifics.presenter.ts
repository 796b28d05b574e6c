import type { LegalAidDetail, MediationDetail } from '@gonghui/contracts';
import type { AppDb } from './case.definitions.ts';
import type { CaseRow } from './case.repository.ts';
import { caseSpecificsRepository as repo } from './case-specifics.repository.ts';

/** Legal aid's and mediation's own records, shown on the case page. */
export async function caseSpecifics(
  db: AppDb,
  row: Pick<CaseRow, 'id' | 'type'>,
): Promise<{ legalAid: LegalAidDetail | null; mediation: MediationDetail | null }> {
  if (row.type === 'legal_aid') {
    const d = await repo.legalAid(db, row.id);
    return {
      legalAid: d
        ? {
            ...d,
            recoveredFen: d.recoveredFen === null ? null : Number(d.recoveredFen),
          }
        : null,
      mediation: null,
    };
  }
  if (row.type !== 'mediation') return { legalAid: null, mediation: null };
  const [parties, sessions, agreement] = await Promise.all([
    repo.parties(db, row.id),
    repo.sessions(db, row.id),
    repo.agreement(db, row.id),
  ]);
  return {
    legalAid: null,
    mediation: {
      parties,
      sessions,
      agreement: agreement
        ? {
            ...agreement,
            complete:
              agreement.applicantSignedOn !== null &&
              agreement.respondentSignedOn !== null &&
              agreement.mediatorSignedOn !== null,
          }
        : null,
    },
  };
}
