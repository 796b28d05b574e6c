import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import {
  genderLabels,
  householdTypeLabels,
  maskPhone,
  maskResidentId,
  memberStatusLabels,
  registryNumber,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { memberRepository, type MemberFilter, type MemberRow } from '../registry/member.repository.ts';
import { exportInfoColumns, rosterWriter } from '../import/member.sheet.ts';
import type { Scope } from '../../../platform/scope.ts';

export interface RosterExportOptions {
  /** IDs and phones in clear (the CLI with a recorded reason); masked otherwise. */
  reveal?: boolean;
  /** Told after each batch how many rows are written, for a progress bar. */
  onRows?: (written: number) => Promise<void>;
}

/**
 * The filtered members as a streaming .xlsx in the import template's columns, registry number first, so
 * an edited file imports back; union, employer, gender, birth date and status follow for reading only.
 */
export function memberRosterExport(
  db: Kysely<Database>,
  scope: Scope,
  filter: MemberFilter,
  options: RosterExportOptions = {},
): Readable {
  return memberRosterSheet(memberRepository.each(db, scope, filter), options);
}

/** Writes batches of members into the roster .xlsx stream (see `memberRosterExport`). */
export function memberRosterSheet(
  batches: AsyncIterable<MemberRow[]>,
  options: RosterExportOptions = {},
): Readable {
  const cipher = personalData();
  const w = rosterWriter('会员名册', exportInfoColumns);
  void (async () => {
    try {
      let written = 0;
      for await (const rows of batches) {
        if (w.stream.destroyed) return;
        for (const m of rows) {
          const id = cipher.decrypt(m.residentIdCipher);
          const phone = m.phoneCipher ? cipher.decrypt(m.phoneCipher) : '';
          w.add(
            {
              registryNo: registryNumber(m.id),
              name: m.name,
              residentId: options.reveal ? id : maskResidentId(id),
              phone: options.reveal || !phone ? phone : maskPhone(phone),
              ethnicity: m.ethnicity ?? '',
              education: m.education ?? '',
              householdType: m.householdType ? householdTypeLabels[m.householdType] : '',
              migrantWorker: m.migrantWorker ? '是' : '否',
              newEmploymentForm: m.newEmploymentForm ? '是' : '否',
              employerCreditCode: m.employerCreditCode ?? '',
              orgUnitId: String(m.orgUnitId),
              joinedOn: m.joinedOn,
            },
            [
              m.orgUnitName,
              m.employerName ?? '',
              genderLabels[m.gender],
              m.birthDate,
              memberStatusLabels[m.status],
            ],
          );
        }
        written += rows.length;
        await options.onRows?.(written);
      }
      await w.finish();
    } catch (e) {
      w.stream.destroy(e as Error);
    }
  })();
  return w.stream;
}
