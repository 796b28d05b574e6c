import type { Kysely } from 'kysely';
import type { StartMemberExportBody } from '@gonghui/contracts';
import type { Database, JobRow } from '../../db/schema.ts';
import type { JobContext } from '../../platform/jobs/job.runner.ts';
import { memberRosterExport } from './member-export.writer.ts';
import { memberRepository, type MemberFilter } from './member.repository.ts';
import { memberService } from './member.service.ts';
import { storedScope, type Scope } from '../../platform/scope.ts';

export const MEMBER_EXPORT_JOB = 'member.export';
const CHUNK_BYTES = 1024 * 1024;

/** The list's filter for an export's stored filters, narrowed to the subtree the caller saw. */
export async function exportFilter(
  db: Kysely<Database>,
  scope: Scope,
  f: StartMemberExportBody,
): Promise<MemberFilter> {
  return memberService.filterOf(db, scope, {
    q: f.q,
    orgUnitId: f.orgUnitId,
    employerId: f.employerId,
    status: f.status,
    migrantWorker: f.migrantWorker === undefined ? undefined : f.migrantWorker ? 'true' : 'false',
  });
}

/**
 * Writes an export's .xlsx into the database in chunks, reporting rows written against rows matched. A
 * retried job starts the file over.
 */
export async function runMemberExport(
  job: JobRow,
  ctx: JobContext,
): Promise<{ rows: number; bytes: number }> {
  const { db } = ctx;
  const { exportId } = job.payload as { exportId: number };
  const exp = await db.selectFrom('member_export').selectAll().where('id', '=', exportId).executeTakeFirst();
  if (!exp) return { rows: 0, bytes: 0 };
  await db.deleteFrom('member_export_chunk').where('export_id', '=', exportId).execute();
  await db
    .updateTable('member_export')
    .set({ status: 'running', row_count: 0, size_bytes: null, finished_at: null })
    .where('id', '=', exportId)
    .execute();
  const scope = storedScope(exp.scope_path);
  const filter = await exportFilter(db, scope, exp.filters as StartMemberExportBody);
  const { total } = await memberRepository.list(db, scope, filter, 'id', 'asc', {
    limit: 0,
    offset: 0,
  });
  await ctx.progress(0, total);
  let rows = 0;
  const stream = memberRosterExport(db, scope, filter, {
    onRows: async (written) => {
      rows = written;
      await ctx.progress(written, Math.max(total, written));
    },
  });

  let seq = 0;
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    await db
      .insertInto('member_export_chunk')
      .values({ export_id: exportId, seq: seq++, content: Buffer.concat(pending) })
      .execute();
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    bytes += chunk.length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  await db
    .updateTable('member_export')
    .set({ status: 'done', row_count: rows, size_bytes: bytes, finished_at: new Date() })
    .where('id', '=', exportId)
    .execute();
  return { rows, bytes };
}
