import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { MEMBER_EXPORT_KEEP_DAYS, type MemberExport, type StartMemberExportBody } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import { jobQueue } from '../../platform/jobs/job.queue.ts';
import { today } from '../../platform/orgs/dates.ts';
import { orgRepository } from '../../platform/orgs/org.repository.ts';
import { MEMBER_EXPORT_JOB } from './member-export.job.ts';
import { inScope, scopeOf, type Scope } from '../../platform/scope.ts';

async function present(db: Kysely<Database>, id: number, scope: Scope): Promise<MemberExport | null> {
  const r = await db
    .selectFrom('member_export as x')
    .leftJoin('job as j', 'j.id', 'x.job_id')
    .select([
      'x.id',
      'x.status',
      'x.file_name as fileName',
      'x.row_count as rowCount',
      'x.size_bytes as sizeBytes',
      'x.created_at as createdAt',
      'x.finished_at as finishedAt',
      'j.progress',
      'j.total',
      'j.error',
      'j.status as jobStatus',
    ])
    .where('x.id', '=', id)
    .where(inScope('x.scope_path', scope))
    .executeTakeFirst();
  if (!r) return null;
  const done = r.status === 'done';
  const status =
    r.jobStatus === 'failed' ? 'failed' : done ? 'done' : r.jobStatus === 'queued' ? 'queued' : r.status;
  return {
    id: r.id,
    status,
    progress: done ? r.rowCount : (r.progress ?? 0),
    total: done ? r.rowCount : (r.total ?? null),
    fileName: r.fileName,
    sizeBytes: done ? r.sizeBytes : null,
    error: status === 'failed' || status === 'queued' ? (r.error ?? null) : null,
    createdAt: new Date(r.createdAt).toISOString(),
    finishedAt: done && r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
  };
}

/** The stored file, read back chunk by chunk as the response asks for it. */
function fileStream(db: Kysely<Database>, exportId: number): Readable {
  let seq = 0;
  return new Readable({
    async read() {
      try {
        const chunk = await db
          .selectFrom('member_export_chunk')
          .select('content')
          .where('export_id', '=', exportId)
          .where('seq', '=', seq++)
          .executeTakeFirst();
        this.push(chunk ? Buffer.from(chunk.content) : null);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
  });
}

export const memberExportService = {
  /**
   * Queues an export of the member list's filters over the caller's subtree; IDs and phones are masked.
   * Exports older than the keeping period are removed first.
   */
  async start(db: Kysely<Database>, actor: Actor, body: StartMemberExportBody): Promise<MemberExport> {
    const scope = await scopeOf(db, actor);
    if (body.orgUnitId !== undefined && !(await orgRepository.findAt(db, body.orgUnitId, today(), scope))) {
      throw invalid([{ field: 'orgUnitId', message: '所属工会不存在或不在您的管辖范围内' }]);
    }
    await db
      .deleteFrom('member_export')
      .where('created_at', '<', sql<Date>`now() - make_interval(days => ${MEMBER_EXPORT_KEEP_DAYS})`)
      .execute();
    const filters: StartMemberExportBody = {
      q: body.q || undefined,
      orgUnitId: body.orgUnitId,
      employerId: body.employerId,
      status: body.status,
      migrantWorker: body.migrantWorker,
    };
    const { id } = await db
      .insertInto('member_export')
      .values({
        scope_path: scope,
        filters: JSON.stringify(filters),
        file_name: `会员名册-${today()}.xlsx`,
        created_by: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const jobId = await jobQueue.enqueue(db, MEMBER_EXPORT_JOB, { exportId: id }, actor.userId || null);
    await db.updateTable('member_export').set({ job_id: jobId }).where('id', '=', id).execute();
    await audit(db, actor, {
      action: 'member.export',
      entityType: 'member_export',
      entityId: id,
      scopePath: scope,
      after: { filters },
    });
    return (await present(db, id, scope))!;
  },

  async get(db: Kysely<Database>, actor: Actor, id: number): Promise<MemberExport> {
    const found = await present(db, id, await scopeOf(db, actor));
    if (!found) throw notFound('导出记录');
    return found;
  },

  /** The finished file of an export in the caller's subtree; every download is audited. */
  async file(
    db: Kysely<Database>,
    actor: Actor,
    id: number,
  ): Promise<{ fileName: string; stream: Readable }> {
    const scope = await scopeOf(db, actor);
    const exp = await present(db, id, scope);
    if (!exp) throw notFound('导出记录');
    if (exp.status !== 'done') {
      throw conflict(exp.status === 'failed' ? '导出失败，请重新导出' : '导出尚未完成，请稍候再下载');
    }
    const { scopePath } = await db
      .selectFrom('member_export')
      .select('scope_path as scopePath')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await audit(db, actor, {
      action: 'member.export_download',
      entityType: 'member_export',
      entityId: id,
      scopePath,
      after: { fileName: exp.fileName, rows: exp.total, bytes: exp.sizeBytes },
    });
    return { fileName: exp.fileName, stream: fileStream(db, id) };
  },
};
