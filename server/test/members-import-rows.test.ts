import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import fc from 'fast-check';
import type { DatabaseHandle } from '../src/db/database.ts';
import { arrayLiteral } from '../src/modules/members/import/member-import.rows.ts';
import { StagingWriter } from '../src/modules/members/import/member-import.stage.ts';
import { importThreads } from '../src/modules/members/import/member-import.checkers.ts';
import type { CheckedBatch } from '../src/modules/members/import/member-import.rows.ts';
import { createTestDatabase } from './database.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function roundTrip<T>(
  values: T[],
  type: 'text' | 'bytea' | 'int' | 'bool' | 'date',
): Promise<unknown[]> {
  const { rows } = await sql<{ v: unknown }>`
    select v from unnest(${arrayLiteral(values, type)}::${sql.raw(type)}[]) with ordinality as u(v, n)
    order by n`.execute(handle.db);
  return rows.map((r) => r.v);
}

describe('array literals for a batch of rows', () => {
  it('carry any text, NULL among it, through the database unchanged', async () => {
    const tricky = [
      '',
      'NULL',
      'null',
      '"',
      '\\',
      '\\\\"',
      'a,b',
      '{x}',
      ' 空格 ',
      '张三（演示）',
      '行\n换\r',
      'é·ğ',
    ];
    expect(await roundTrip([...tricky, null], 'text')).toEqual([...tricky, null]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')))),
        async (values) => {
          expect(await roundTrip(values, 'text')).toEqual(values);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('carry bytes given as buffers or as hex, integers, flags and dates', async () => {
    const bytes = await roundTrip([Buffer.from([0, 1, 0xff]), 'deadbeef', null], 'bytea');
    expect(bytes.map((b) => (b === null ? null : Buffer.from(b as Uint8Array).toString('hex')))).toEqual([
      '0001ff',
      'deadbeef',
      null,
    ]);
    expect(await roundTrip([1, -7, 2_000_000_000, null], 'int')).toEqual([1, -7, 2_000_000_000, null]);
    expect(await roundTrip([true, false, null], 'bool')).toEqual([true, false, null]);
    expect(await roundTrip(['2011-09-30', null], 'date')).toEqual(['2011-09-30', null]);
  });
});

const batch = (rows: number): CheckedBatch => ({
  rows,
  errors: 0,
  problems: [],
  fresh: { count: rows, columns: [] },
  existing: { count: 0, columns: [] },
  freshEmployers: [],
  held: [],
  rejoins: [],
});

describe('staging writer', () => {
  it('stores batches in order, one at a time, and holds back a writer when enough are queued', async () => {
    const stored: number[] = [];
    let running = 0;
    let release: (() => void) | null = null;
    const writer = new StagingWriter(async (b) => {
      running++;
      expect(running).toBe(1);
      if (b.rows === 1) await new Promise<void>((r) => (release = r));
      stored.push(b.rows);
      running--;
    }, 2);
    await writer.write(batch(1));
    await writer.write(batch(2));
    let third = false;
    const writing = writer.write(batch(3)).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    release!();
    await writing;
    await writer.flush();
    expect(stored).toEqual([1, 2, 3]);
  });

  it('rethrows a failed write and stores nothing after it', async () => {
    const stored: number[] = [];
    const writer = new StagingWriter(async (b) => {
      if (b.rows === 2) throw new Error('磁盘已满');
      stored.push(b.rows);
    }, 4);
    await writer.write(batch(1));
    await writer.write(batch(2));
    await writer.write(batch(3));
    await expect(writer.flush()).rejects.toThrow('磁盘已满');
    await expect(writer.write(batch(4))).rejects.toThrow('磁盘已满');
    await writer.settle();
    expect(stored).toEqual([1]);
  });
});

describe('checking threads of an import', () => {
  it('come from GONGHUI_IMPORT_THREADS, else from the processors, and a wrong setting is refused', () => {
    expect(importThreads({ GONGHUI_IMPORT_THREADS: '0' })).toBe(0);
    expect(importThreads({ GONGHUI_IMPORT_THREADS: '3' })).toBe(3);
    expect(() => importThreads({ GONGHUI_IMPORT_THREADS: 'many' })).toThrow(/GONGHUI_IMPORT_THREADS 应为/);
    expect(() => importThreads({ GONGHUI_IMPORT_THREADS: '-1' })).toThrow(/GONGHUI_IMPORT_THREADS 应为/);
    const auto = importThreads({});
    expect(auto).toBeGreaterThanOrEqual(0);
    expect(auto).toBeLessThanOrEqual(4);
  });
});
