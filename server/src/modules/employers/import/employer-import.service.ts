import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import {
  industryLabel,
  makeCreditCode,
  unitCategoryName,
  type ImportMode,
  type ImportStatus,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { jobQueue } from '../../../platform/jobs/job.queue.ts';
import { EMPLOYER_IMPORT_JOB, type EmployerImportPayload, type ImportResult } from './employer-import.job.ts';
import { EXAMPLE_MARK } from './employer-import.check.ts';
import { readUpload, requireSheetFormat } from '../../../platform/imports/import.upload.ts';
import { workbookBytes } from '../../../platform/imports/import.report.ts';
import { sheetWriter, YES } from './employer.sheet.ts';
import { inScope, scopeOf, type Scope } from '../../../platform/scope.ts';

/** Largest file accepted: a city's 300,000 employers take about 30 MB as .xlsx. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

type Db = Kysely<Database>;

const LIMIT = {
  maxBytes: MAX_IMPORT_BYTES,
  tooLarge: '文件过大：单位名录最大 100 MB，请分成几个文件导入',
};

async function present(db: Db, id: number, scope: Scope): Promise<ImportStatus | null> {
  const r = await db
    .selectFrom('employer_import as i')
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
      (eb) => eb('i.undone_at', 'is not', null).as('undone'),
    ])
    .where('i.id', '=', id)
    .where(inScope('i.scope_path', scope))
    .executeTakeFirst();
  if (!r) return null;
  const result = r.status === 'done' ? (r.result as ImportResult | null) : null;
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
    undone: !!r.undone,
  };
}

export const employerImportService = {
  /**
   * Stores an uploaded file in the database and queues its import, so any app server's job runner can
   * take it. The rows may touch only the uploader's scope (on the command line, the `--org` unit's).
   */
  async upload(
    db: Db,
    actor: Actor,
    q: { fileName: string; mode: ImportMode },
    body: AsyncIterable<Buffer> | Readable,
  ): Promise<ImportStatus> {
    requireSheetFormat(q.fileName, 'fileName');
    const scope = await scopeOf(db, actor);
    const content = await readUpload(body as AsyncIterable<Buffer>, LIMIT);
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('employer_import')
        .values({
          file_name: q.fileName,
          content,
          mode: q.mode,
          scope_path: scope,
          created_by: actor.userId || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const payload: EmployerImportPayload = {
        importId: row.id,
        actor: {
          userId: actor.userId,
          username: actor.username,
          orgUnitId: actor.orgUnitId,
          clientAddress: actor.clientAddress,
        },
      };
      const jobId = await jobQueue.enqueue(trx, EMPLOYER_IMPORT_JOB, payload, actor.userId || null);
      await trx.updateTable('employer_import').set({ job_id: jobId }).where('id', '=', row.id).execute();
      return row.id;
    });
    return (await present(db, id, scope))!;
  },

  async get(db: Db, actor: Actor, id: number): Promise<ImportStatus> {
    const found = await present(db, id, await scopeOf(db, actor));
    if (!found) throw notFound('导入记录');
    return found;
  },

  /** The error report of an import: its faulty rows with the row number and what is wrong. */
  async report(db: Db, actor: Actor, id: number): Promise<Buffer> {
    const r = await db
      .selectFrom('employer_import')
      .select('report')
      .where('id', '=', id)
      .where(inScope('scope_path', await scopeOf(db, actor)))
      .executeTakeFirst();
    if (!r) throw notFound('导入记录');
    if (!r.report) throw notFound('错误报告');
    return Buffer.from(r.report);
  },

  /** The import template: the header, one example row the import skips, and a sheet explaining the columns. */
  async template(): Promise<Buffer> {
    const writer = sheetWriter();
    return workbookBytes(writer.stream, async () => {
      writer.add(
        [
          makeCreditCode('9', '1', '320581', 20110501),
          `${EXAMPLE_MARK}苏州市示例电子有限公司（此行为示例，导入时跳过）`,
          '170',
          '39',
          '120',
          YES,
          '320581107',
          '董浜镇',
          '董浜镇示例路 1 号',
          '张三',
          '0512-50000000',
          '2010-05-01',
          '联合建会',
          '2011-04-20',
          '未建党组织',
          '',
          '',
          '',
        ],
        { italic: true, color: { argb: 'FF888888' } },
      );
      await writer.finish(true, [
        `名称以“${EXAMPLE_MARK}”开头的行是示例，导入时跳过；请从第 3 行起填写，或直接改写第 2 行`,
        `示例：单位类别 170 ${unitCategoryName('170')}；行业 39 ${industryLabel('39')}`,
      ]);
    });
  },
};
