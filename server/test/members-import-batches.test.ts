import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { MemberImport } from '@gonghui/contracts';
import { nextResidentId } from './members-fixtures.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployerWithUnion, TEST_PASSWORD } from './factories.ts';
import { onPostgres } from './database.ts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { MEMBER_IMPORT_JOB, runMemberImport } from '../src/modules/members/import/member-import.job.ts';
import { tallyRepository } from '../src/modules/indicators/tally.repository.ts';
import { today } from '../src/platform/orgs/dates.ts';
import { personalData } from '../src/platform/personal-data/personal-data.ts';

/** A small batch, so that a file of a few hundred rows crosses several batch boundaries. */
const BATCH = 40;
const small = { batchSize: BATCH };
/** The app's job handlers, with the roster import in small batches. */
const handlers = {
  ...jobHandlers,
  [MEMBER_IMPORT_JOB]: (
    job: Parameters<typeof runMemberImport>[0],
    ctx: Parameters<typeof runMemberImport>[1],
  ) => runMemberImport(job, ctx, small),
};

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
/** District A's administrator, who imports into two of its villages. */
let districtA: Client;
let cs: number[];

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  cs = world.aVillages.slice(0, 2).map((v) => v.id);
});
afterAll(() => t.close());

interface Person {
  name: string;
  id: string;
  phone?: string;
  employer?: string;
}
const HEADER = '姓名,身份证号码,手机号码,工作单位统一社会信用代码,入会日期';
const csvOf = (rows: Person[]) =>
  Buffer.from(
    `${HEADER}\n${rows.map((r) => `${r.name},${r.id},${r.phone ?? ''},${r.employer ?? ''},2011-03-15`).join('\n')}\n`,
  );
const people = (n: number, prefix: string): Person[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `${prefix}${String.fromCharCode(0x4e00 + (i % 500))}${String.fromCharCode(0x4e00 + Math.floor(i / 500))}（演示）`,
    id: nextResidentId(),
  }));

async function upload(unit: number, body: Buffer): Promise<number> {
  const res = await districtA.request({
    method: 'POST',
    url: `/api/member-imports?orgUnitId=${unit}&fileName=roster.csv`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as MemberImport).id;
}
async function importFile(unit: number, body: Buffer): Promise<MemberImport> {
  const id = await upload(unit, body);
  await new JobRunner(t.handle.db, handlers).drain();
  return (await districtA.get(`/api/member-imports/${id}`)).json() as MemberImport;
}
async function jobOf(importId: number) {
  const { job_id } = await t.handle.db
    .selectFrom('member_import')
    .select('job_id')
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  return t.handle.db.selectFrom('job').selectAll().where('id', '=', job_id!).executeTakeFirstOrThrow();
}
async function membersWith(ids: string[]) {
  const hashes = ids.map((id) => personalData().lookupHash('resident_id', id));
  const { rows } = await sql<{
    id: number;
    hash: Buffer;
    phone_cipher: Buffer | null;
    employer_id: number | null;
  }>`
    select id, resident_id_hash as hash, phone_cipher, employer_id from member
    where resident_id_hash = any(${hashes}::bytea[]) order by id`.execute(t.handle.db);
  const order = new Map(hashes.map((h, i) => [h.toString('hex'), i]));
  return rows.map((r) => ({ ...r, row: order.get(Buffer.from(r.hash).toString('hex'))! }));
}

const quiet = {
  get db() {
    return t.handle.db;
  },
  progress: async () => {},
};

/** The error report of an import, one line per row: its cells joined by |. */
async function reportText(importId: number): Promise<string> {
  const report = await districtA.get(`/api/member-imports/${importId}/report`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]
    .getSheetValues()
    .map((r) => (Array.isArray(r) ? r.slice(1).map(String).join('|') : ''))
    .join('\n');
}

describe('roster import over several batches', () => {
  it('rolls back every batch when the job dies between batches, and the rerun numbers members in file order', async () => {
    const many = people(BATCH * 3 + 7, '分批');
    const importId = await upload(cs[0], csvOf(many));
    const job = await jobOf(importId);
    let calls = 0;
    await expect(
      runMemberImport(
        job,
        {
          db: t.handle.db,
          progress: async () => {
            if (++calls === 1) throw new Error('进程中断');
          },
        },
        small,
      ),
    ).rejects.toThrow('进程中断');
    expect(await membersWith([many[0].id, many[BATCH - 1].id])).toEqual([]);
    const summary = await runMemberImport(job, { db: t.handle.db, progress: async () => {} }, small);
    expect(summary).toEqual({
      created: many.length,
      updated: 0,
      unchanged: 0,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    const created = await membersWith(many.map((p) => p.id));
    expect(created.map((m) => m.row)).toEqual(many.map((_, i) => i));
    const history = await sql<{ n: number }>`
      select count(*)::int as n from member_history where member_id = any(${created.map((m) => m.id)}::int[])`.execute(
      t.handle.db,
    );
    expect(history.rows[0].n).toBe(many.length);
    const left = await t.handle.db.selectFrom('member_import_row').select('row_no').execute();
    expect(left).toEqual([]);
  });

  it('writes nothing when a row in a later batch is bad, though earlier batches were fine', async () => {
    const rows = [...people(BATCH + 5, '后错'), { name: '后错（演示）', id: '110105199001011230' }];
    const result = await importFile(cs[1], csvOf(rows));
    expect(result.status).toBe('rejected');
    expect(result.summary).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: 1,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    expect(await membersWith([rows[0].id, rows[BATCH + 4].id])).toEqual([]);
  });

  it('still reports the bad rows read before a malformed line that ends the file', async () => {
    const rows = people(BATCH + 2, '断行');
    rows[2] = { ...rows[2], id: '110105199001011230' };
    const body = Buffer.concat([csvOf(rows), Buffer.from('引号（演示）,"110105\n')]);
    const result = await importFile(cs[1], body);
    expect(result.status).toBe('rejected');
    expect(result.summary?.errors).toBe(2);
    const text = await reportText(result.id);
    expect(text).toMatch(/校验位/);
    expect(text).toMatch(/引号没有成对/);
    expect(await membersWith([rows[0].id])).toEqual([]);
  });

  it('keeps the membership tallies of the employers it enrols into and moves members between', async () => {
    const date = today();
    // Two employers of two villages with unions of their own, whose members count towards 入会率.
    const employers = [];
    for (const orgUnitId of cs) {
      const e = await buildEmployerWithUnion(t.handle.db, { orgUnitId });
      employers.push({ id: e.id, code: e.creditCode, unit: e.orgUnitId });
    }
    const [a, b] = employers;
    const counts = async (unit: number) => {
      const kept = Object.fromEntries(await tallyRepository.childCountsAt(t.handle.db, unit, date));
      expect(kept).toEqual(
        Object.fromEntries(await tallyRepository.childCountsNaive(t.handle.db, unit, date)),
      );
      return Object.values(kept).reduce((s, c) => s + c.unionised_members, 0);
    };
    const beforeA = await counts(a.unit);
    const staff = people(6, '计数').map((p) => ({ ...p, employer: a.code }));
    expect((await importFile(cs[0], csvOf(staff))).summary?.created).toBe(6);
    expect(await counts(a.unit)).toBe(beforeA + 6);
    const beforeB = await counts(b.unit);
    const moved = staff.slice(0, 2).map((p) => ({ ...p, employer: b.code }));
    expect((await importFile(cs[0], csvOf(moved))).summary).toEqual({
      created: 0,
      updated: 2,
      unchanged: 0,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    expect(await counts(a.unit)).toBe(beforeA + 4);
    expect(await counts(b.unit)).toBe(beforeB + 2);
    expect((await membersWith(moved.map((p) => p.id))).map((m) => m.employer_id)).toEqual([b.id, b.id]);
  });

  it('keeps a stored phone when it is unchanged and seals a new one when it changed', async () => {
    const [p, q] = people(2, '电话').map((x, i) => ({ ...x, phone: `1391234000${i}` }));
    await importFile(cs[0], csvOf([p, q]));
    const [before1, before2] = await membersWith([p.id, q.id]);
    const again = await importFile(cs[0], csvOf([p, { ...q, phone: '13998765432' }]));
    expect(again.summary).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    const [after1, after2] = await membersWith([p.id, q.id]);
    expect(Buffer.from(after1.phone_cipher!).equals(Buffer.from(before1.phone_cipher!))).toBe(true);
    expect(Buffer.from(after2.phone_cipher!).equals(Buffer.from(before2.phone_cipher!))).toBe(false);
    expect(personalData().decrypt(after2.phone_cipher!)).toBe('13998765432');
  });

  it('checks on threads of its own like on its own thread: repeats across batches, order, sealing', async () => {
    const rows = people(BATCH + 40, '线程').map((p, i) => ({
      ...p,
      phone: i % 3 === 0 ? `1371234${String(i).padStart(4, '0')}` : undefined,
    }));
    // A repeat whose first occurrence lies in the batch before it, and a bad ID: reported, nothing written.
    const faulty = [
      ...rows,
      { ...rows[3], name: '线程重复（演示）' },
      { name: '线程（演示）', id: '110105199001011230' },
    ];
    const threaded = { threads: 2, ...small };
    const rejectedId = await upload(cs[1], csvOf(faulty));
    const rejected = await runMemberImport(await jobOf(rejectedId), quiet, threaded);
    expect(rejected).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: 2,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    const report = await reportText(rejectedId);
    expect(report).toContain(`${BATCH + 42}|`);
    expect(report).toMatch(/与第 5 行重复/);
    expect(report).toMatch(/校验位/);
    expect(await membersWith([rows[0].id])).toEqual([]);

    const summary = await runMemberImport(await jobOf(await upload(cs[1], csvOf(rows))), quiet, threaded);
    expect(summary).toEqual({
      created: rows.length,
      updated: 0,
      unchanged: 0,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    const created = await membersWith(rows.map((p) => p.id));
    expect(created.map((m) => m.row)).toEqual(rows.map((_, i) => i));
    const stored = await t.handle.db
      .selectFrom('member')
      .select(['resident_id_cipher', 'phone_cipher', 'name_pinyin'])
      .where('id', '=', created[3].id)
      .executeTakeFirstOrThrow();
    expect(personalData().decrypt(stored.resident_id_cipher)).toBe(rows[3].id);
    expect(personalData().decrypt(stored.phone_cipher!)).toBe(rows[3].phone);
    expect(stored.name_pinyin).toMatch(/^xiancheng/);
    const again = await runMemberImport(await jobOf(await upload(cs[1], csvOf(rows))), quiet, threaded);
    expect(again).toEqual({
      created: 0,
      updated: 0,
      unchanged: rows.length,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
  });

  it('leaves the server free for other requests while it runs', async () => {
    const rows = people(BATCH * 2 + 5, '让行');
    const importId = await upload(cs[0], csvOf(rows));
    let finished = false;
    const draining = new JobRunner(t.handle.db, handlers).drain().then(() => (finished = true));
    // A timer stands for a request waiting on the event loop: it must not wait for the whole file.
    const firedWhileRunning = await new Promise<boolean>((resolve) =>
      setTimeout(() => resolve(!finished), 0),
    );
    await draining;
    expect(firedWhileRunning).toBe(true);
    expect((await districtA.get(`/api/member-imports/${importId}`)).json()).toMatchObject({
      status: 'done',
      summary: { created: rows.length },
    });
  });

  it.skipIf(onPostgres())(
    'rejects the whole file when someone in it was enrolled elsewhere while it was read',
    async () => {
      const rows = people(BATCH + 3, '抢先');
      const importId = await upload(cs[1], csvOf(rows));
      const districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
      const tc = world.bVillages[0].id;
      let enrolled = false;
      const summary = await runMemberImport(
        await jobOf(importId),
        {
          db: t.handle.db,
          progress: async () => {
            if (enrolled) return;
            enrolled = true;
            const res = await districtB.post('/api/members', {
              name: '抢先（演示）',
              residentId: rows[0].id,
              orgUnitId: tc,
              joinedOn: '2010-01-01',
            });
            expect(res.statusCode).toBe(200);
          },
        },
        small,
      );
      expect(summary).toEqual({
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: 1,
        heldElsewhere: 0,
        nameChanges: 0,
      });
      expect((await membersWith([rows[1].id, rows[BATCH + 2].id])).length).toBe(0);
      const status = await districtA.get(`/api/member-imports/${importId}`);
      expect((status.json() as MemberImport).status).toBe('rejected');
    },
  );
});
