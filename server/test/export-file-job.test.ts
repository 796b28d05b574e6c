import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { exportFileRepository } from '../src/platform/exports/export-file.repository.ts';
import { runExportJob, type ExportWriter } from '../src/platform/exports/export-file.job.ts';
import { jobQueue } from '../src/platform/jobs/job.queue.ts';
import { scopeOf } from '../src/platform/scope.ts';
import { createTestDatabase } from './database.ts';
import { buildTown } from './factories.ts';

let handle: DatabaseHandle;
let unitId: number;

beforeAll(async () => {
  handle = await createTestDatabase('empty');
  unitId = (await buildTown(handle.db)).town.id;
});
afterAll(() => handle.close());

const ROWS = 25;
const BATCH = 10;
const ROW_BYTES = 100;
/** Each row's bytes in the file: random, so a part read twice or out of order shows. */
const rowBytes = Array.from({ length: ROWS }, () => crypto.randomBytes(ROW_BYTES));

/** A writer of ROWS rows in batches of BATCH, each row written as its own bytes. */
const writer: ExportWriter<object, number> = {
  count: async () => ROWS,
  async *rows() {
    for (let first = 0; first < ROWS; first += BATCH) {
      yield Array.from({ length: Math.min(BATCH, ROWS - first) }, (_, i) => first + i);
    }
  },
  sheet: (_db, batches) =>
    Readable.from(
      (async function* () {
        for await (const batch of batches) for (const row of batch) yield rowBytes[row];
      })(),
    ),
};

async function queuedExport() {
  const actor = systemActor(unitId, 'test');
  const exportId = await exportFileRepository.insert(handle.db, {
    kind: 'test.export',
    scopePath: await scopeOf(handle.db, actor),
    actorUnitId: unitId,
    filters: {},
    fileName: '测试.xlsx',
    createdBy: null,
  });
  const jobId = await jobQueue.enqueue(handle.db, 'test.export', { exportId });
  await exportFileRepository.setJob(handle.db, exportId, jobId);
  const job = await handle.db.selectFrom('job').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  return { exportId, job };
}

async function contentOf(exportId: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of exportFileRepository.content(handle.db, exportId)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('an export job keeps its file in parts', () => {
  it('cuts the file into parts of the chunk size, reads it back whole, and reports rows as it goes', async () => {
    const { exportId, job } = await queuedExport();
    const seen: Array<[number, number | null]> = [];
    const chunkBytes = 3 * ROW_BYTES + 1;
    const result = await runExportJob(writer, chunkBytes)(job, {
      db: handle.db,
      progress: async (done, total) => void seen.push([done, total]),
    });
    expect(result).toEqual({ rows: ROWS, bytes: ROWS * ROW_BYTES });
    expect(seen).toEqual([
      [0, ROWS],
      [10, ROWS],
      [20, ROWS],
      [25, ROWS],
    ]);
    const parts = await handle.db
      .selectFrom('export_file_chunk')
      .select(['seq', 'content'])
      .where('export_id', '=', exportId)
      .orderBy('seq')
      .execute();
    expect(parts.map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parts.slice(0, -1).every((p) => p.content.length >= chunkBytes)).toBe(true);
    expect(await contentOf(exportId)).toEqual(Buffer.concat(rowBytes));
    const stored = await exportFileRepository.find(handle.db, exportId);
    expect(stored).toMatchObject({ status: 'done', row_count: ROWS, size_bytes: ROWS * ROW_BYTES });
  });

  it('writes the file over when its job runs again, with no part left from the first run', async () => {
    const { exportId, job } = await queuedExport();
    const ctx = { db: handle.db, progress: async () => {} };
    await runExportJob(writer, 250)(job, ctx);
    await runExportJob(writer, 250)(job, ctx);
    expect(await contentOf(exportId)).toEqual(Buffer.concat(rowBytes));
  });
});
