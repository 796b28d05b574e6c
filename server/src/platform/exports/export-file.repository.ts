import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { EXPORT_KEEP_DAYS, type ExportJob } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import { inScope, type Scope } from '../scope.ts';

type Db = Kysely<Database>;

export interface NewExportFile {
  kind: string;
  scopePath: Scope;
  actorUnitId: number;
  filters: unknown;
  fileName: string;
  createdBy: number | null;
}

/** Export files kept by background jobs, and their content in chunks. */
export const exportFileRepository = {
  async insert(db: Db, f: NewExportFile): Promise<number> {
    const { id } = await db
      .insertInto('export_file')
      .values({
        kind: f.kind,
        scope_path: f.scopePath,
        actor_unit_id: f.actorUnitId,
        filters: JSON.stringify(f.filters ?? {}),
        file_name: f.fileName,
        created_by: f.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async setJob(db: Db, id: number, jobId: number) {
    await db.updateTable('export_file').set({ job_id: jobId }).where('id', '=', id).execute();
  },

  /** Removes the exports older than the keeping period, with their files. */
  async removeExpired(db: Db) {
    await db
      .deleteFrom('export_file')
      .where('created_at', '<', sql<Date>`now() - make_interval(days => ${EXPORT_KEEP_DAYS})`)
      .execute();
  },

  /** The stored record, for the job that writes it. */
  async find(db: Db, id: number) {
    return db.selectFrom('export_file').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** An export of one of `kinds` in the scope, as the API shows it, with its scope path; else undefined. */
  async present(db: Db, id: number, scope: Scope, kinds: string[]) {
    if (kinds.length === 0) return undefined;
    const r = await db
      .selectFrom('export_file as x')
      .leftJoin('job as j', 'j.id', 'x.job_id')
      .select([
        'x.id',
        'x.kind',
        'x.scope_path as scopePath',
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
      .where('x.kind', 'in', kinds)
      .where(inScope('x.scope_path', scope))
      .executeTakeFirst();
    if (!r) return undefined;
    const done = r.status === 'done';
    const status =
      r.jobStatus === 'failed' ? 'failed' : done ? 'done' : r.jobStatus === 'queued' ? 'queued' : r.status;
    const job: ExportJob = {
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
    return { job, kind: r.kind, scopePath: r.scopePath };
  },

  /** Starts the file over: a retried job writes it again from the first row. */
  async restart(db: Db, id: number) {
    await db.deleteFrom('export_file_chunk').where('export_id', '=', id).execute();
    await db
      .updateTable('export_file')
      .set({ status: 'running', row_count: 0, size_bytes: null, finished_at: null })
      .where('id', '=', id)
      .execute();
  },

  async addChunk(db: Db, id: number, seq: number, content: Buffer) {
    await db.insertInto('export_file_chunk').values({ export_id: id, seq, content }).execute();
  },

  async finish(db: Db, id: number, rows: number, bytes: number) {
    await db
      .updateTable('export_file')
      .set({ status: 'done', row_count: rows, size_bytes: bytes, finished_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  /** The stored file, read back chunk by chunk as the response asks for it. */
  content(db: Db, id: number): Readable {
    let seq = 0;
    return new Readable({
      async read() {
        try {
          const chunk = await db
            .selectFrom('export_file_chunk')
            .select('content')
            .where('export_id', '=', id)
            .where('seq', '=', seq++)
            .executeTakeFirst();
          this.push(chunk ? Buffer.from(chunk.content) : null);
        } catch (e) {
          this.destroy(e as Error);
        }
      },
    });
  },
};
