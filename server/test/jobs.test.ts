import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.ts';
import { jobQueue } from '../src/platform/jobs/job.queue.ts';
import { JobInterrupted, JobRunner } from '../src/platform/jobs/job.runner.ts';
import { createTestDatabase } from './database.ts';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDatabase();
});
afterAll(() => h.close());

describe('the job queue in the database', () => {
  it('gives each job to exactly one of several workers claiming at once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => jobQueue.enqueue(h.db, 'count', { i })),
    );
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, w) => jobQueue.claim(h.db, `worker-${w % 3}`, ['count'])),
    );
    const claimed = claims.filter((c) => c !== undefined).map((c) => c!.id);
    expect(claimed.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(await jobQueue.claim(h.db, 'late', ['count'])).toBeUndefined();
  });

  it('gives the rest of the server a turn whenever a running job reports its progress', async () => {
    const steps = 20;
    let finished = false;
    await jobQueue.enqueue(h.db, 'busy', {});
    const runner = new JobRunner(h.db, {
      busy: async (_job, ctx) => {
        for (let i = 1; i <= steps; i++) await ctx.progress(i, steps);
      },
    });
    const draining = runner.drain().then(() => (finished = true));
    // A timer stands for a request waiting on the event loop: it must not wait for the whole job.
    const firedWhileRunning = await new Promise<boolean>((resolve) =>
      setTimeout(() => resolve(!finished), 0),
    );
    await draining;
    expect(firedWhileRunning).toBe(true);
  });

  it('claims a named queued job once, and never one already running', async () => {
    const id = await jobQueue.enqueue(h.db, 'named', {});
    const job = await jobQueue.claimById(h.db, id, 'cli');
    expect(job).toMatchObject({ id, status: 'running', locked_by: 'cli', attempts: 1 });
    expect(job!.locked_at).toBeInstanceOf(Date);
    expect(await jobQueue.claimById(h.db, id, 'other')).toBeUndefined();
    expect(await jobQueue.get(h.db, id)).toMatchObject({ status: 'running', locked_by: 'cli', attempts: 1 });

    const taken = await jobQueue.enqueue(h.db, 'named-elsewhere', {});
    expect((await jobQueue.claim(h.db, 'runner', ['named-elsewhere']))?.id).toBe(taken);
    expect(await jobQueue.claimById(h.db, taken, 'cli')).toBeUndefined();
    expect(await jobQueue.get(h.db, taken)).toMatchObject({ locked_by: 'runner', attempts: 1 });
  });

  it('gives a named job to exactly one of several claiming it at once', async () => {
    const id = await jobQueue.enqueue(h.db, 'named-race', {});
    const claims = await Promise.all(
      Array.from({ length: 5 }, (_, w) => jobQueue.claimById(h.db, id, `worker-${w}`)),
    );
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
  });

  it('runs jobs with their handler, records progress and result, and retries a failure later', async () => {
    const ok = await jobQueue.enqueue(h.db, 'sum', { numbers: [1, 2, 3] });
    const bad = await jobQueue.enqueue(h.db, 'explode', {});
    const runner = new JobRunner(h.db, {
      sum: async (job, ctx) => {
        const { numbers } = job.payload as { numbers: number[] };
        await ctx.progress(numbers.length, numbers.length);
        return numbers.reduce((a, b) => a + b, 0);
      },
      explode: async () => {
        throw new Error('文件格式有误');
      },
    });
    await runner.drain();
    expect(await jobQueue.get(h.db, ok)).toMatchObject({ status: 'done', result: 6, progress: 3, total: 3 });
    const failed = await jobQueue.get(h.db, bad);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, error: '文件格式有误' });
    expect(failed!.run_after.getTime()).toBeGreaterThan(Date.now());
  });

  it('stops a long job that can resume between two steps, and queues it again as it was', async () => {
    const id = await jobQueue.enqueue(h.db, 'resumable', {});
    let steps = 0;
    let stopping: Promise<void> | null = null;
    const runner = new JobRunner(h.db, {
      resumable: async (_job, ctx) => {
        for (;;) {
          if (ctx.stopping) throw new JobInterrupted();
          steps++;
          // The server is told to stop while the job is under way.
          if (steps === 3) stopping = runner.stop();
          await ctx.progress(steps, null);
        }
      },
    });
    await runner.drain();
    await stopping;
    expect(steps).toBe(3);
    expect(await jobQueue.get(h.db, id)).toMatchObject({
      status: 'queued',
      locked_by: null,
      attempts: 0,
      error: null,
    });
  });
});
