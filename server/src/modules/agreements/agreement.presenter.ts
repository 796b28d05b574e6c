import type { Agreement, AgreementEmployer } from '@gonghui/contracts';
import type { AgreementRow } from './agreement.repository.ts';

/** A stored agreement as the API shows it. */
export function presentAgreement(r: AgreementRow): Agreement {
  return {
    id: r.id,
    kind: r.kind,
    wageSpecific: r.wageSpecific,
    title: r.title,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    signedOn: r.signedOn,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    raiseBp: r.raiseBp,
    minimumWageFen: r.minimumWageFen,
    filedOn: r.filedOn,
    note: r.note,
    employerCount: r.employerCount,
    workersCovered: r.workersCovered,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** A covered employer without the agreement id it was fetched with. */
export function presentCoveredEmployer({
  agreementId: _agreementId,
  ...e
}: AgreementEmployer & { agreementId: number }): AgreementEmployer {
  return e;
}
