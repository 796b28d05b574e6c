import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database, JobRow } from '../../db/schema.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import type { JobContext } from '../jobs/job.runner.ts';
import { exportFileRepository as repo } from './export-file.repository.ts';

type Db = Kysely<Database>;
/** The size of the parts a job's file is stored in. */
export const EXPORT_CHUNK_BYTES = 1024 * 1024;

export interface ExportWriter<Filter, Row> {
  count(db: Db, actor: Actor, filter: Filter): Promise<number>;
  rows(db: Db, actor: Actor, filter: Filter): AsyncIterable<Row[]>;
  sheet(db: Db, batches: AsyncIterable<Row[]>): Readable;
}

/**
 * Who the job reads the rows as: the user who asked, anchored at the unit they were at, so the file
 * holds the rows they would have seen in the list.
 */
async function askedBy(
  db: Db,
  exp: { created_by: number | null; actor_unit_id: number | null },
): Promise<Actor> {
  if (exp.actor_unit_id === null) throw new Error('导出记录缺少发起单位，请重新导出');
  const user = exp.created_by
    ? await db
        .selectFrom('app_user')
        .select(['id', 'username', 'display_name', 'role'])
        .where('id', '=', exp.created_by)
        .executeTakeFirst()
    : undefined;
  const actor = systemActor(exp.actor_unit_id, user?.username ?? 'system');
  return user ? { ...actor, userId: user.id, displayName: user.display_name, role: user.role } : actor;
}

/**
 * The job handler that writes an export's .xlsx into the database in chunks of `chunkBytes` or a little
 * more, reporting rows written against rows matched. A retried job starts the file over.
 */
export function runExportJob<Filter, Row>(w: ExportWriter<Filter, Row>, chunkBytes = EXPORT_CHUNK_BYTES) {
  return async (job: JobRow, ctx: JobContext): Promise<{ rows: number; bytes: number }> => {
    const { db } = ctx;
    const { exportId } = job.payload as { exportId: number };
    const exp = await repo.find(db, exportId);
    if (!exp) return { rows: 0, bytes: 0 };
    await repo.restart(db, exportId);
    const actor = await askedBy(db, exp);
    // Stored as the request's parsed filter, so it reads back as one.
    const filter = exp.filters as Filter;
    const total = await w.count(db, actor, filter);
    await ctx.progress(0, total);

    let rows = 0;
    const counted = async function* () {
      for await (const batch of w.rows(db, actor, filter)) {
        yield batch;
        // The writer asks for the next batch once it has written this one.
        rows += batch.length;
        await ctx.progress(rows, Math.max(total, rows));
      }
    };
    let seq = 0;
    let bytes = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await repo.addChunk(db, exportId, seq++, Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of w.sheet(db, counted()) as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      bytes += chunk.length;
      if (pendingBytes >= chunkBytes) await flush();
    }
    await flush();
    await repo.finish(db, exportId, rows, bytes);
    return { rows, bytes };
  };
}
