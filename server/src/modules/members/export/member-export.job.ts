import type { Kysely } from 'kysely';
import type { StartMemberExportBody } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { scopeOf, type Scope } from '../../../platform/scope.ts';
import { memberRosterSheet } from './member-export.writer.ts';
import { memberRepository, type MemberFilter, type MemberRow } from '../registry/member.repository.ts';
import { memberService } from '../registry/member.service.ts';

export const MEMBER_EXPORT_JOB = 'member.export';

/** The list's filter for an export's stored filters, narrowed to the subtree the caller saw. */
export async function exportFilter(
  db: Kysely<Database>,
  scope: Scope,
  f: StartMemberExportBody,
): Promise<MemberFilter> {
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'true' : 'false');
  return memberService.filterOf(db, scope, {
    ...f,
    migrantWorker: yesNo(f.migrantWorker),
    newEmploymentForm: yesNo(f.newEmploymentForm),
  });
}

/** The roster export: the member list's filtered rows, IDs and phones masked, in the import's columns. */
export const memberExport = listExport<StartMemberExportBody, MemberRow>({
  kind: MEMBER_EXPORT_JOB,
  permission: 'member:read',
  audit: { export: 'member.export', download: 'member.export_download' },
  fileName: () => `会员名册-${today()}.xlsx`,
  async count(db, actor, body) {
    const scope = await scopeOf(db, actor);
    const filter = await exportFilter(db, scope, body);
    return (await memberRepository.list(db, scope, filter, 'id', 'asc', { limit: 0, offset: 0 })).total;
  },
  async *rows(db, actor, body) {
    const scope = await scopeOf(db, actor);
    yield* memberRepository.each(db, scope, await exportFilter(db, scope, body));
  },
  sheet: (_db, batches) => memberRosterSheet(batches),
});

/**
 * Writes a roster export's .xlsx into the database in chunks, reporting rows written against rows
 * matched. A retried job starts the file over.
 */
export const runMemberExport = memberExport.registration.job;
