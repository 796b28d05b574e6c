import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportMode } from '@gonghui/contracts';
import type { Database } from '../src/db/schema.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import {
  runRecordImport,
  type CheckedRecord,
  type ImportLine,
  type Planned,
  type RecordChecker,
} from '../src/platform/imports/import.pipeline.ts';
import { ImportFileError } from '../src/platform/imports/import.upload.ts';
import { createTestDatabase } from './database.ts';

// A tiny module of the kind the next imports are: a household register whose file has one line per person,
// 户号, 关系 (户主 or 成员), 姓名; the lines of one household form one record.
interface Household {
  no: string;
  head: string;
  members: string[];
}
type Problem = { rowNo: number; message: string };
type Plan = { kind: 'create' | 'update' | 'unchanged'; household: Household };
type Item = CheckedRecord<ImportLine, Household, Problem>;

let handle: DatabaseHandle;
const db = () => handle.db;

beforeAll(async () => {
  handle = await createTestDatabase();
  await sql`create table household_example (no text primary key, head text not null, members text not null)`.execute(
    handle.db,
  );
});
afterAll(() => handle.close());

const lines = (text: string): ImportLine[] =>
  text
    .trim()
    .split('\n')
    .map((l, i) => ({ rowNo: i + 2, cells: l.split(',') }));

const checker: RecordChecker<ImportLine, Household, Problem> = {
  skip: (line) => line.cells[0] === '示例',
  group: (all) => {
    const groups: ImportLine[][] = [];
    for (const line of all) {
      const last = groups.at(-1);
      if (last && last[0].cells[0] === line.cells[0]) last.push(line);
      else groups.push([line]);
    }
    return groups;
  },
  check: (group) => {
    const problems: Problem[] = [];
    const heads = group.filter((l) => l.cells[1] === '户主');
    if (heads.length !== 1)
      problems.push({ rowNo: group[0].rowNo, message: `户号 ${group[0].cells[0]} 应有且只有一位户主` });
    for (const l of group)
      if (!l.cells[2]) problems.push({ rowNo: l.rowNo, message: `第 ${l.rowNo} 行「姓名」：不能为空` });
    if (problems.length > 0) return { problems };
    return {
      record: {
        no: group[0].cells[0],
        head: heads[0].cells[2],
        members: group.filter((l) => l !== heads[0]).map((l) => l.cells[2]),
      },
    };
  },
  key: (h) => h.no,
  repeated: (first) => ({ rowNo: first, message: `与第 ${first} 行的户号重复` }),
};

/** Households whose number starts with W are registered by another union: skipped and listed apart. */
async function plan(
  d: Kysely<Database> | Transaction<Database>,
  batch: Item[],
): Promise<Array<Planned<ImportLine, Household, Problem, Plan>>> {
  const stored = await sql<{ no: string; head: string; members: string }>`
    select * from household_example`.execute(d);
  const byNo = new Map(stored.rows.map((r) => [r.no, r]));
  return batch.flatMap((item) => {
    const h = item.record!;
    if (h.no.startsWith('W')) {
      item.held = '该户由其他工会登记';
      return [];
    }
    const s = byNo.get(h.no);
    const kind: Plan['kind'] = !s
      ? 'create'
      : s.head === h.head && s.members === h.members.join('、')
        ? 'unchanged'
        : 'update';
    return [{ item, plan: { kind, household: h } satisfies Plan }];
  });
}

async function run(text: string, mode: ImportMode, o: { failOnBatch?: number; fileError?: string } = {}) {
  const progress: Array<[number, number | null]> = [];
  const result = await runRecordImport({
    db: db(),
    ctx: { db: db(), progress: async (done, total) => void progress.push([done, total]) },
    mode,
    read: async function* () {
      if (o.fileError) throw new ImportFileError(o.fileError);
      yield* lines(text);
    },
    checker,
    plan,
    batchSize: 2,
    apply: (trx) => {
      let batches = 0;
      const counts = { created: 0, updated: 0, unchanged: 0 };
      return {
        async write(planned: Array<Planned<ImportLine, Household, Problem, Plan>>) {
          if (++batches === o.failOnBatch) throw new Error('the process died');
          for (const { plan: p } of planned) {
            counts[p.kind === 'create' ? 'created' : p.kind === 'update' ? 'updated' : 'unchanged']++;
            if (p.kind === 'unchanged') continue;
            const { no, head, members } = p.household;
            await sql`insert into household_example values (${no}, ${head}, ${members.join('、')})
              on conflict (no) do update set head = excluded.head, members = excluded.members`.execute(trx);
          }
        },
        finish: async () => counts,
      };
    },
  });
  return { result, progress };
}

const stored = async () =>
  (
    await sql<{
      no: string;
      head: string;
      members: string;
    }>`select * from household_example order by no`.execute(handle.db)
  ).rows;

const FILE = `
示例,户主,示例
H1,户主,张一
H1,成员,张二
H1,成员,张三
H2,户主,李一
W3,户主,王一
W3,成员,王二
H4,成员,赵二
H4,成员,
H5,户主,钱一
`;

describe('the platform import pipeline', () => {
  it('forms one record of the lines of a household, and reports a faulty household with every line', async () => {
    const { result, progress } = await run(FILE, 'valid_only');
    if (result.kind !== 'checked') throw new Error(result.kind);
    expect(result.lines).toBe(9);
    expect(result.records.map((r) => r.lines.map((l) => l.rowNo))).toEqual([
      [3, 4, 5],
      [6],
      [7, 8],
      [9, 10],
      [11],
    ]);
    expect(result.faulty.map((f) => f.problems.map((p) => p.message))).toEqual([
      ['户号 H4 应有且只有一位户主', '第 10 行「姓名」：不能为空'],
    ]);
    // Held elsewhere: listed apart, not applied, and not an error.
    expect(result.held.map((h) => [h.record!.no, h.held])).toEqual([['W3', '该户由其他工会登记']]);
    expect(result.outcome).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await stored()).toEqual([
      { no: 'H1', head: '张一', members: '张二、张三' },
      { no: 'H2', head: '李一', members: '' },
      { no: 'H5', head: '钱一', members: '' },
    ]);
    expect(progress[0]).toEqual([0, 9]);
    expect(progress.at(-1)).toEqual([9, 9]);
  });

  it('changes nothing when the same file comes again', async () => {
    const { result } = await run(FILE, 'valid_only');
    expect(result.kind === 'checked' && result.outcome).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('applies nothing of an all-or-nothing file with a faulty record, though a held one does not stop it', async () => {
    const faulty = await run('H6,户主,孙一\nH1,户主,张一改\nH7,成员,周二', 'all_or_nothing');
    expect(faulty.result.kind === 'checked' && faulty.result.outcome).toBe(null);
    expect((await stored()).map((s) => s.no)).toEqual(['H1', 'H2', 'H5']);
    const held = await run('H6,户主,孙一\nW8,户主,吴一', 'all_or_nothing');
    if (held.result.kind !== 'checked') throw new Error(held.result.kind);
    expect(held.result.outcome).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(held.result.held).toHaveLength(1);
  });

  it('refuses a household number used twice, naming the first row', async () => {
    const { result } = await run('H9,户主,郑一\nH10,户主,冯一\nH9,户主,郑二', 'valid_only');
    if (result.kind !== 'checked') throw new Error(result.kind);
    expect(result.faulty.map((f) => [f.lines[0].rowNo, f.problems[0].message])).toEqual([
      [4, '与第 2 行的户号重复'],
    ]);
  });

  it('leaves nothing behind when the job dies while applying, and its rerun gives the clean result', async () => {
    const before = await stored();
    const file = 'H11,户主,陈一\nH12,户主,褚一\nH13,户主,卫一\nH1,户主,张一\nH1X,户主,蒋一';
    await expect(run(file, 'valid_only', { failOnBatch: 2 })).rejects.toThrow('the process died');
    expect(await stored()).toEqual(before);
    const { result } = await run(file, 'valid_only');
    expect(result.kind === 'checked' && result.outcome).toEqual({ created: 4, updated: 1, unchanged: 0 });
  });

  it('makes a file it cannot read one report line', async () => {
    expect((await run('', 'valid_only', { fileError: '第 1 行应为导入模板的表头' })).result).toEqual({
      kind: 'file',
      message: '第 1 行应为导入模板的表头',
    });
    expect((await run('示例,户主,示例', 'valid_only')).result).toEqual({
      kind: 'file',
      message: '文件中没有数据行',
    });
  });
});
