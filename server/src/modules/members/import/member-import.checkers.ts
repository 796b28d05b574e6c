import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { personalData, personalDataSecret } from '../../../platform/personal-data/personal-data.ts';
import { checkBatch, type BatchToCheck, type CheckedBatch } from './member-import.rows.ts';
import { RowChecker } from './member-import.check.ts';

/** What every checker of one import shares. */
export interface CheckerSetup {
  defaultUnionId: number;
  today: string;
  /** Open unions in the importer's scope. */
  unions: Map<number, string>;
  /** Problems listed per batch at most. */
  maxProblems: number;
}

/** Checks batches of one import; results come back in the order batches were sent. */
export interface BatchCheckers {
  /** Batches that may be in flight before the oldest is awaited: more keeps every thread busy. */
  readonly depth: number;
  check(batch: BatchToCheck): Promise<CheckedBatch>;
  close(): Promise<void>;
}

/**
 * Threads for checking and sealing, from `GONGHUI_IMPORT_THREADS` (0: the import's own thread), else the
 * processors less two, at most four: one is kept for the import's own thread, which reads the file and
 * talks to the database, and one for a database server on the same machine. A thread costs about a
 * fifth more processor time per row than checking in place (rows are copied to it and back) and a few
 * seconds to start, so it pays only where processors would otherwise idle.
 */
export function importThreads(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.GONGHUI_IMPORT_THREADS;
  if (set !== undefined && set !== '') {
    const n = Number(set);
    if (!Number.isInteger(n) || n < 0 || n > 64)
      throw new Error(`GONGHUI_IMPORT_THREADS 应为 0 到 64 的整数，现为“${set}”`);
    return n;
  }
  return Math.min(4, Math.max(0, os.availableParallelism() - 2));
}

/** Checks on the import's own thread: for small files, where starting threads costs more than it saves. */
function inThread(setup: CheckerSetup): BatchCheckers {
  const checker = new RowChecker(personalData(), setup.defaultUnionId, setup.today, setup.unions);
  return {
    depth: 0,
    check: async (batch) => checkBatch(checker, batch, setup.maxProblems),
    close: async () => {},
  };
}

type Reply = { id: number; checked: CheckedBatch } | { id: number; error: string };

/** A pool of checking threads, batches handed out in turn. */
function threaded(threads: number, setup: CheckerSetup): BatchCheckers {
  const secret = personalDataSecret();
  const pending = new Map<number, { resolve: (c: CheckedBatch) => void; reject: (e: Error) => void }>();
  const owner = new Map<number, Worker>();
  const fail = (worker: Worker, error: Error) => {
    for (const [id, p] of pending)
      if (owner.get(id) === worker) {
        pending.delete(id);
        owner.delete(id);
        p.reject(error);
      }
  };
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(new URL('./member-import.thread.mjs', import.meta.url), {
      workerData: { ...setup, secret },
    });
    worker.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      owner.delete(reply.id);
      if ('error' in reply) p.reject(new Error(`名册校验线程出错：${reply.error}`));
      else p.resolve(reply.checked);
    });
    worker.on('error', (e) => fail(worker, e));
    worker.on('exit', (code) => fail(worker, new Error(`名册校验线程意外退出（${code}）`)));
    return worker;
  });
  secret.fill(0);
  let next = 0;
  return {
    depth: threads * 2,
    check(batch) {
      const id = next++;
      const worker = workers[id % workers.length];
      return new Promise<CheckedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        owner.set(id, worker);
        worker.postMessage({ id, batch });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Checkers for one import: threads for a large file, the import's own thread for a small one. */
export function batchCheckers(setup: CheckerSetup, threads: number): BatchCheckers {
  return threads > 0 ? threaded(threads, setup) : inThread(setup);
}
