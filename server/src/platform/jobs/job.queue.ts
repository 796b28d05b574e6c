import { sql, type Kysely } from 'kysely';
import type { Database, JobRow } from '../../db/schema.ts';

const MAX_ATTEMPTS = 3;

/**
 * Background work kept in the database, so any app server may take it: a job is claimed with
 * `FOR UPDATE SKIP LOCKED`, and two workers never take the same one.
 */
export const jobQueue = {
  async enqueue(
    db: Kysely<Database>,
    kind: string,
    payload: unknown,
    createdBy: number | null = null,
  ): Promise<number> {
    const { id } = await db
      .insertInto('job')
      .values({ kind, payload: JSON.stringify(payload ?? {}), created_by: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** Takes the oldest queued job of the given kinds that is due, or undefined. */
  async claim(db: Kysely<Database>, workerId: string, kinds: string[]): Promise<JobRow | undefined> {
    if (kinds.length === 0) return undefined;
    const { rows } = await sql<JobRow>`
      update job set status = 'running', locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1
      where id = (
        select id from job
        where status = 'queued' and run_after <= now() and kind in (${sql.join(kinds)})
        order by id
        for update skip locked
        limit 1
      )
      returning *`.execute(db);
    return rows[0];
  },

  /**
   * Takes the named job if it is still queued, setting what `claim` sets, or returns undefined. For a
   * process that queued a job itself and runs it at once, so it ignores `run_after`.
   */
  async claimById(db: Kysely<Database>, id: number, workerId: string): Promise<JobRow | undefined> {
    // The status check in the update itself is what makes a second claimer (or a runner) miss it.
    return db
      .updateTable('job')
      .set((eb) => ({
        status: 'running',
        locked_by: workerId,
        locked_at: sql<Date>`now()`,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  },

  async progress(db: Kysely<Database>, id: number, done: number, total: number | null) {
    await db.updateTable('job').set({ progress: done, total }).where('id', '=', id).execute();
  },

  async complete(db: Kysely<Database>, id: number, result: unknown) {
    await db
      .updateTable('job')
      .set({
        status: 'done',
        result: JSON.stringify(result ?? null),
        finished_at: new Date(),
        locked_by: null,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Puts a failed job back in the queue with a back-off, or marks it failed after the last attempt. */
  async fail(db: Kysely<Database>, job: Pick<JobRow, 'id' | 'attempts'>, message: string) {
    const final = job.attempts >= MAX_ATTEMPTS;
    await db
      .updateTable('job')
      .set({
        status: final ? 'failed' : 'queued',
        error: message,
        locked_by: null,
        finished_at: final ? new Date() : null,
        run_after: sql<Date>`now() + make_interval(secs => ${5 * 2 ** job.attempts})`,
      })
      .where('id', '=', job.id)
      .execute();
  },

  /** Puts a job that stopped between steps back in the queue as it was, the attempt not counted. */
  async release(db: Kysely<Database>, id: number) {
    await db
      .updateTable('job')
      .set({
        status: 'queued',
        locked_by: null,
        locked_at: null,
        attempts: sql<number>`greatest(attempts - 1, 0)`,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Returns jobs whose worker vanished (no word for `minutes`) to the queue. */
  async requeueStale(db: Kysely<Database>, minutes: number): Promise<number> {
    const r = await db
      .updateTable('job')
      .set({ status: 'queued', locked_by: null })
      .where('status', '=', 'running')
      .where('locked_at', '<', sql<Date>`now() - make_interval(mins => ${minutes})`)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async get(db: Kysely<Database>, id: number) {
    return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  },
};
