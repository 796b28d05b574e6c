import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import {
  EXPORT_INLINE_ROWS,
  type AuditAction,
  type ExportJob,
  type ExportStarted,
  type Permission,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/audit.ts';
import { controlCharacterAt } from '../http/control-characters.ts';
import { attachment, XLSX_TYPE } from '../http/download.ts';
import { invalid } from '../http/errors.ts';
import type { JobHandler } from '../jobs/job.runner.ts';
import { jobQueue } from '../jobs/job.queue.ts';
import { scopeOf } from '../scope.ts';
import { exportFileRepository as repo } from './export-file.repository.ts';
import { runExportJob } from './export-file.job.ts';

type Db = Kysely<Database>;

/** What a module gives to export exactly the rows of its list's filters. */
export interface ListExportDefinition<Filter, Row> {
  /** The job kind that writes a large file, e.g. `employer.export`. */
  kind: string;
  /** Who may read the file: the permission of the list it comes from. */
  permission: Permission;
  /** The audit actions of an export (asked for, or sent at once) and of a job's file downloaded. */
  audit: { export: AuditAction; download: AuditAction };
  /** The file's name, e.g. `单位名录-2026-12-01.xlsx`. */
  fileName(): string;
  /** How many rows the filter matches for the caller; refuses a unit outside their scope. */
  count(db: Db, actor: Actor, filter: Filter): Promise<number>;
  /** The rows themselves, in batches or all at once (the service's existing stream or list). */
  rows(db: Db, actor: Actor, filter: Filter): AsyncIterable<Row[]> | Promise<Row[]>;
  /** Writes batches of rows into an .xlsx stream. */
  sheet(db: Db, batches: AsyncIterable<Row[]>): Readable;
}

/** The answer to an export request: the file itself, or the job that writes it. */
export type ExportAnswer =
  { kind: 'file'; fileName: string; content: Buffer } | { kind: 'job'; job: ExportJob };

/** A list export as the app uses it: its answer to a request, its job, and how its files are read. */
export interface ListExport {
  kind: string;
  permission: Permission;
  downloadAction: AuditAction;
  job: JobHandler;
}

/**
 * The largest export answered at once; the README names it. `GONGHUI_EXPORT_INLINE_ROWS` lowers it, for
 * the tests that need a job without writing thousands of rows.
 */
export function exportInlineRows(env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.GONGHUI_EXPORT_INLINE_ROWS);
  return Number.isInteger(set) && set >= 0 ? set : EXPORT_INLINE_ROWS;
}

const BATCH = 1000;

/** A row source as batches, whether it yields them or gives the whole list at once. */
export async function* batchesOf<Row>(source: AsyncIterable<Row[]> | Promise<Row[]>): AsyncIterable<Row[]> {
  if (Symbol.asyncIterator in source) {
    yield* source;
    return;
  }
  const all = await source;
  for (let i = 0; i < all.length; i += BATCH) yield all.slice(i, i + BATCH);
}

async function bufferOf(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

/** A filter stored or sent with a control character never reaches the database. */
function refuseControlCharacters(filter: unknown) {
  const field = controlCharacterAt(filter);
  if (field !== null) {
    throw invalid([
      { field: field || 'filters', message: `筛选条件 ${field} 含有不允许的控制字符（如 U+0000）` },
    ]);
  }
}

/**
 * Makes a module's list export: a request below the inline limit gets the file at once (written whole
 * before any header is sent, so a failure is a clean error answer); a larger one starts a background job
 * that keeps the file for download with its progress. Both are audited, and both count only the rows of
 * the caller's scope.
 */
export function listExport<Filter, Row>(def: ListExportDefinition<Filter, Row>) {
  const writeJob = runExportJob({
    count: def.count,
    rows: (db, actor, filter: Filter) => batchesOf(def.rows(db, actor, filter)),
    sheet: def.sheet,
  });

  /** Queues the job that writes the file of the filter's rows in the caller's scope. */
  async function start(
    db: Db,
    actor: Actor,
    filter: Filter,
    total: number | null = null,
  ): Promise<ExportJob> {
    refuseControlCharacters(filter);
    const scope = await scopeOf(db, actor);
    await repo.removeExpired(db);
    // The record, its job and its audit entry land together or not at all.
    const id = await db.transaction().execute(async (trx) => {
      const exportId = await repo.insert(trx, {
        kind: def.kind,
        scopePath: scope,
        actorUnitId: actor.orgUnitId,
        filters: filter,
        fileName: def.fileName(),
        createdBy: actor.userId || null,
      });
      const jobId = await jobQueue.enqueue(trx, def.kind, { exportId }, actor.userId || null);
      await repo.setJob(trx, exportId, jobId);
      if (total !== null) await jobQueue.progress(trx, jobId, 0, total);
      await audit(trx, actor, {
        action: def.audit.export,
        entityType: 'export_file',
        entityId: exportId,
        scopePath: scope,
        after: { filters: filter, rows: total },
      });
      return exportId;
    });
    return (await repo.present(db, id, scope, [def.kind]))!.job;
  }

  return {
    /** What the app registers: the job kind and its handler, and who may download its files. */
    registration: {
      kind: def.kind,
      permission: def.permission,
      downloadAction: def.audit.download,
      job: writeJob,
    } satisfies ListExport,
    start,

    /** Counts the filter's rows in the caller's scope, then sends the file or starts a job for it. */
    async answer(db: Db, actor: Actor, filter: Filter): Promise<ExportAnswer> {
      refuseControlCharacters(filter);
      const total = await def.count(db, actor, filter);
      if (total > exportInlineRows()) return { kind: 'job', job: await start(db, actor, filter, total) };
      const fileName = def.fileName();
      let rows = 0;
      const counted = async function* () {
        for await (const batch of batchesOf(def.rows(db, actor, filter))) {
          rows += batch.length;
          yield batch;
        }
      };
      const content = await bufferOf(def.sheet(db, counted()));
      await audit(db, actor, {
        action: def.audit.export,
        entityType: 'export_file',
        entityId: null,
        scopePath: await scopeOf(db, actor),
        after: { filters: filter, rows, fileName },
      });
      return { kind: 'file', fileName, content };
    },
  };
}

/** Sends an export's answer: the .xlsx with its UTF-8 file name, or 202 with the job to follow. */
export function sendExport(reply: FastifyReply, answer: ExportAnswer) {
  if (answer.kind === 'job') {
    const body: ExportStarted = { job: answer.job };
    return reply.code(202).send(body);
  }
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(answer.fileName))
    .send(answer.content);
}
