import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { ATTACHMENT_MAX_BYTES, type ImportMode, type ImportStatus } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { workbookBytes } from '../../../platform/imports/import.report.ts';
import { readUpload } from '../../../platform/imports/import.upload.ts';
import { jobQueue } from '../../../platform/jobs/job.queue.ts';
import { inScope, scopeOf, type Scope } from '../../../platform/scope.ts';
import { withAssistance } from '../cases/case.definitions.ts';
import {
  ARCHIVE_IMPORT_JOB,
  type ArchiveImportPayload,
  type ArchiveImportResult,
} from './archive-import.job.ts';
import { archiveSheetWriter, EXAMPLE_MARK } from './archive-import.sheet.ts';

type Db = Kysely<Database>;

const LIMIT = {
  maxBytes: ATTACHMENT_MAX_BYTES,
  tooLarge: '文件过大：困难职工档案导入文件最大 10 MB，请分成几个文件导入',
};

async function present(db: Db, id: number, scope: Scope): Promise<ImportStatus | null> {
  const r = await withAssistance(db)
    .selectFrom('hardship_import as i')
    .leftJoin('job as j', 'j.id', 'i.job_id')
    .select([
      'i.id',
      'i.file_name as fileName',
      'i.mode',
      'j.status',
      'j.progress',
      'j.total',
      'j.result',
      'j.error',
      (eb) => eb('i.report', 'is not', null).as('hasReport'),
    ])
    .where('i.id', '=', id)
    .where(inScope('i.scope_path', scope))
    .executeTakeFirst();
  if (!r) return null;
  const result = r.status === 'done' ? (r.result as ArchiveImportResult | null) : null;
  return {
    id: r.id,
    fileName: r.fileName,
    mode: r.mode,
    status: r.status ?? 'queued',
    progress: r.progress ?? 0,
    total: r.total ?? null,
    result: result
      ? {
          rows: result.rows,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          invalid: result.invalid,
          applied: result.applied,
        }
      : null,
    error: result?.message ?? (r.status === 'done' ? null : (r.error ?? null)),
    hasReport: !!r.hasReport,
    undone: false,
  };
}

/** Archive imports from .xlsx: upload, progress and result, error report, template. */
export const archiveImportService = {
  /** Stores the file and queues its import; the rows may touch only the uploader's scope. */
  async upload(
    db: Db,
    actor: Actor,
    q: { fileName: string; mode: ImportMode },
    body: AsyncIterable<Buffer> | Readable,
  ): Promise<ImportStatus> {
    if (!q.fileName.toLowerCase().endsWith('.xlsx'))
      throw invalid([{ field: 'fileName', message: '困难职工档案只能导入 .xlsx 文件，请按导入模板填写' }]);
    const scope = await scopeOf(db, actor);
    const content = await readUpload(body as AsyncIterable<Buffer>, LIMIT);
    const id = await db.transaction().execute(async (trx) => {
      const adb = withAssistance(trx);
      const row = await adb
        .insertInto('hardship_import')
        .values({
          file_name: q.fileName,
          content,
          mode: q.mode,
          scope_path: scope,
          created_by: actor.userId || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const payload: ArchiveImportPayload = {
        importId: row.id,
        actor: {
          userId: actor.userId,
          username: actor.username,
          orgUnitId: actor.orgUnitId,
          clientAddress: actor.clientAddress,
        },
      };
      const jobId = await jobQueue.enqueue(trx, ARCHIVE_IMPORT_JOB, payload, actor.userId || null);
      await adb.updateTable('hardship_import').set({ job_id: jobId }).where('id', '=', row.id).execute();
      return row.id;
    });
    return (await present(db, id, scope))!;
  },

  async get(db: Db, actor: Actor, id: number): Promise<ImportStatus> {
    const found = await present(db, id, await scopeOf(db, actor));
    if (!found) throw notFound('导入记录');
    return found;
  },

  /** The error report: the faulty households' rows with their row number and what is wrong. */
  async report(db: Db, actor: Actor, id: number): Promise<Buffer> {
    const r = await withAssistance(db)
      .selectFrom('hardship_import')
      .select('report')
      .where('id', '=', id)
      .where(inScope('scope_path', await scopeOf(db, actor)))
      .executeTakeFirst();
    if (!r) throw notFound('导入记录');
    if (!r.report) throw notFound('错误报告');
    return Buffer.from(r.report);
  },

  /** The template: the header, an example household the import skips, and the notes sheet. */
  async template(): Promise<Buffer> {
    const writer = archiveSheetWriter();
    return workbookBytes(writer.stream, async () => {
      const grey = { italic: true, color: { argb: 'FF888888' } };
      writer.add(
        [
          '董浜镇总工会',
          '户主',
          `${EXAMPLE_MARK}张三`,
          '320581198001011234',
          '慢性病',
          '24000',
          '个体经营',
          '6000',
          '重大疾病',
          '妻子住院治疗',
          '2027-01-15',
        ],
        grey,
      );
      writer.add(
        ['', '配偶', `${EXAMPLE_MARK}李四`, '320581198203041229', '重病', '0', '', '', '', '', ''],
        grey,
      );
      await writer.finish(true);
    });
  },
};
