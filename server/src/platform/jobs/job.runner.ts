import crypto from 'node:crypto';
import os from 'node:os';
import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database, JobRow } from '../../db/schema.ts';
import { jobQueue } from './job.queue.ts';

export interface JobContext {
  db: Kysely<Database>;
  /** Reports how far the job has come; the web app and the CLI show it as a progress bar. */
  progress(done: number, total: number | null): Promise<void>;
  /**
   * Whether the server is shutting down. A long job that can pick up where it stopped checks it between
   * steps and throws `JobInterrupted`: it goes back to the queue untouched, and the server stops at once.
   */
  readonly stopping?: boolean;
}

/** Thrown by a job that stopped between two steps because the server is shutting down. */
export class JobInterrupted extends Error {
  constructor() {
    super('服务正在停止，任务稍后继续');
  }
}
export type JobHandler = (job: JobRow, ctx: JobContext) => Promise<unknown>;

/** Polls the job table and runs each claimed job with the handler for its kind, one at a time. */
export class JobRunner {
  readonly workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handlers: Record<string, JobHandler>,
    private readonly pollMs = 1000,
  ) {}

  start() {
    this.#stopped = false;
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.drain().finally(() => {
        this.#running = null;
        if (!this.#stopped) this.#timer = setTimeout(tick, this.pollMs);
      });
    };
    tick();
  }

  async stop() {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** Runs queued jobs until none is due; returns how many ran. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      const job = await jobQueue.claim(this.db, this.workerId, Object.keys(this.handlers));
      if (!job) return;
      try {
        const isStopping = () => this.#stopped;
        const result = await this.handlers[job.kind](job, {
          db: this.db,
          get stopping() {
            return isStopping();
          },
          progress: async (done, total) => {
            // Jobs report progress between steps of their work: the server's other requests get their turn
            // here. The embedded database answers without ever leaving the microtask queue, so without
            // this a long job would hold every page of the server until it ended.
            await setImmediate();
            await jobQueue.progress(this.db, job.id, done, total);
          },
        });
        await jobQueue.complete(this.db, job.id, result);
      } catch (e) {
        if (e instanceof JobInterrupted) await jobQueue.release(this.db, job.id);
        else await jobQueue.fail(this.db, job, e instanceof Error ? e.message : String(e));
      }
    }
  }
}
