import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { MemberImport } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { jobQueue } from '../../../platform/jobs/job.queue.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { MEMBER_IMPORT_JOB } from './member-import.job.ts';
import { requireSheetFormat, storeUpload } from '../../../platform/imports/import.upload.ts';
import { inScope, type Scope, scopeOf } from '../../../platform/scope.ts';

/** Largest roster accepted: a city-wide CSV of a million rows is about 120 MB. */
export const MAX_ROSTER_BYTES = 512 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

const LIMIT = {
  maxBytes: MAX_ROSTER_BYTES,
  tooLarge: '文件过大：名册文件最大 512 MB，请分成几个文件导入',
  chunkBytes: CHUNK_BYTES,
};

/** Summaries written before rows were held apart. */
const HELD_NONE = { heldElsewhere: 0, nameChanges: 0 };

async function present(db: Kysely<Database>, id: number, scope: Scope): Promise<MemberImport | null> {
  const r = await db
    .selectFrom('member_import as i')
    .leftJoin('job as j', 'j.id', 'i.job_id')
    .select([
      'i.id',
      'i.file_name as fileName',
      'i.org_unit_id as orgUnitId',
      'i.status',
      'i.rows_read as rowsRead',
      'i.summary',
      'i.created_at as createdAt',
      'j.progress',
      'j.total',
      'j.error',
      'j.status as jobStatus',
      (eb) => eb('i.report', 'is not', null).as('hasReport'),
    ])
    .where('i.id', '=', id)
    .where(inScope('i.scope_path', scope))
    .executeTakeFirst();
  if (!r) return null;
  const failed = r.jobStatus === 'failed';
  return {
    id: r.id,
    fileName: r.fileName,
    orgUnitId: r.orgUnitId,
    status: failed ? 'failed' : r.status,
    progress: r.progress ?? 0,
    total: r.total ?? null,
    rowsRead: r.rowsRead,
    summary: r.summary ? { ...HELD_NONE, ...(r.summary as NonNullable<MemberImport['summary']>) } : null,
    hasReport: !!r.hasReport,
    error: r.jobStatus === 'queued' || failed ? (r.error ?? null) : null,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

export const memberImportService = {
  /**
   * Takes an uploaded roster as a stream, seals it into the database chunk by chunk (it holds clear IDs)
   * and queues the import job, so any app server's runner can do it.
   */
  async upload(
    db: Kysely<Database>,
    actor: Actor,
    q: { orgUnitId: number; fileName: string },
    body: unknown,
    options: { acceptNameChanges?: boolean } = {},
  ): Promise<MemberImport> {
    const format = requireSheetFormat(q.fileName, 'file');
    const scope = await scopeOf(db, actor);
    const unit = await orgRepository.findAt(db, q.orgUnitId, today(), scope);
    if (!unit || unit.closedOn)
      throw invalid([{ field: 'orgUnitId', message: '所属工会不存在、已撤销或不在您的管辖范围内' }]);
    if (!(body instanceof Readable)) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        '请直接上传文件内容（Content-Type: application/octet-stream）',
      );
    }
    const cipher = personalData();
    const { id } = await db
      .insertInto('member_import')
      .values({
        file_name: q.fileName,
        format,
        size_bytes: 0,
        org_unit_id: unit.id,
        scope_path: scope,
        created_by: actor.userId,
        accept_name_changes: options.acceptNameChanges ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let size: number;
    try {
      // Sealed chunk by chunk: the file holds clear IDs.
      size = await storeUpload(body as AsyncIterable<Buffer>, LIMIT, async (seq, content) => {
        await db
          .insertInto('member_import_chunk')
          .values({ import_id: id, seq, content: cipher.seal(content) })
          .execute();
      });
    } catch (e) {
      await db.deleteFrom('member_import').where('id', '=', id).execute();
      throw e;
    }
    const jobId = await jobQueue.enqueue(db, MEMBER_IMPORT_JOB, { importId: id }, actor.userId);
    await db
      .updateTable('member_import')
      .set({ job_id: jobId, size_bytes: size })
      .where('id', '=', id)
      .execute();
    await audit(db, actor, {
      action: 'member.import_upload',
      entityType: 'member_import',
      entityId: id,
      scopePath: unit.path,
      after: { fileName: q.fileName, bytes: size, orgUnitId: unit.id },
    });
    return (await present(db, id, scope))!;
  },

  async get(db: Kysely<Database>, actor: Actor, id: number): Promise<MemberImport> {
    const found = await present(db, id, await scopeOf(db, actor));
    if (!found) throw notFound('导入记录');
    return found;
  },

  async report(db: Kysely<Database>, actor: Actor, id: number): Promise<Buffer> {
    const scope = await scopeOf(db, actor);
    const r = await db
      .selectFrom('member_import')
      .select('report')
      .where('id', '=', id)
      .where(inScope('scope_path', scope))
      .executeTakeFirst();
    if (!r?.report) throw notFound('错误报告');
    return Buffer.from(r.report);
  },
};
