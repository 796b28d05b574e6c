import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Member, MemberImport } from '@gonghui/contracts';
import { nextResidentId } from './members-fixtures.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, TEST_PASSWORD } from './factories.ts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { runMemberImport } from '../src/modules/members/import/member-import.job.ts';

let t: TestApp;
/** District A's and district B's administrators. */
let districtA: Client;
let districtB: Client;
/** The three villages of district A, and one of district B. */
let cs: number[];
let tc: number[];

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  const world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  cs = world.aVillages.map((v) => v.id);
  tc = [world.bVillages[0].id];
});
afterAll(() => t.close());

const HEADER =
  '会员编号,姓名,身份证号码,手机号码,民族,文化程度,户籍类型,农民工,新就业形态,工作单位统一社会信用代码,所属工会编号,入会日期';
function csvOf(rows: Array<{ name: string; id: string; phone?: string }>): Buffer {
  const lines = rows.map(
    (r, i) => `,${r.name},${r.id},${r.phone ?? ''},汉族,初中,农村户籍,是,否,,,2011-0${(i % 9) + 1}-15`,
  );
  return Buffer.from(`\uFEFF${HEADER}\n${lines.join('\n')}\n`, 'utf8');
}
const people = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({
    name: `${prefix}${String.fromCharCode(0x4e00 + i)}（演示）`,
    id: nextResidentId(),
  }));

async function upload(client: Client, unit: number, fileName: string, body: Buffer): Promise<MemberImport> {
  const res = await client.request({
    method: 'POST',
    url: `/api/member-imports?orgUnitId=${unit}&fileName=${encodeURIComponent(fileName)}`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as MemberImport;
}
async function runJobs() {
  await new JobRunner(t.handle.db, jobHandlers).drain();
}
async function importFile(client: Client, unit: number, fileName: string, body: Buffer) {
  const queued = await upload(client, unit, fileName, body);
  expect(queued.status).toBe('queued');
  await runJobs();
  return (await client.get(`/api/member-imports/${queued.id}`)).json() as MemberImport;
}
async function search(client: Client, q: string) {
  return (
    (await client.get(`/api/members?q=${encodeURIComponent(q)}&pageSize=200`)).json() as { items: Member[] }
  ).items;
}

describe('roster import', () => {
  const roster = people(30, '导入');

  it('imports a CSV in a job, and a re-import of the same file changes nothing', async () => {
    const first = await importFile(districtA, cs[0], '名册.csv', csvOf(roster));
    expect(first.status).toBe('done');
    expect(first.summary).toEqual({
      created: 30,
      updated: 0,
      unchanged: 0,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    expect(first.progress).toBe(first.total);
    expect((await search(districtA, roster[3].id)).map((m) => m.name)).toEqual([roster[3].name]);
    const again = await importFile(districtA, cs[0], '名册.csv', csvOf(roster));
    expect(again.summary).toEqual({
      created: 0,
      updated: 0,
      unchanged: 30,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    const chunks = await t.handle.db.selectFrom('member_import_chunk').select('import_id').execute();
    expect(chunks).toEqual([]);
    expect((await districtB.get(`/api/member-imports/${first.id}`)).statusCode).toBe(404);
    expect((await districtB.get(`/api/member-imports/${first.id}/report`)).statusCode).toBe(404);
  });

  it('rejects a file with any bad row, listing duplicates and bad IDs, and imports nothing', async () => {
    const elsewhere = nextResidentId();
    const enrolled = await districtB.post('/api/members', {
      name: '别处会员（演示）',
      residentId: elsewhere,
      orgUnitId: tc[0],
      joinedOn: '2010-01-01',
    });
    expect(enrolled.statusCode).toBe(200);
    const fresh = people(3, '拒收');
    const rows = [
      ...fresh,
      { name: '重复（演示）', id: fresh[0].id },
      { name: '他处（演示）', id: elsewhere },
      { name: '错号（演示）', id: '320581199001011230' },
    ];
    const result = await importFile(districtA, cs[1], '有错.csv', csvOf(rows));
    expect(result.status).toBe('rejected');
    // The member of another union is no error: it would have been held apart.
    expect(result.summary?.errors).toBe(2);
    expect(result.hasReport).toBe(true);
    expect(await search(districtA, fresh[1].id)).toEqual([]);
    const report = await districtA.get(`/api/member-imports/${result.id}/report`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const lines = wb.worksheets[0]
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).map(String).join('|'));
    expect(lines.join('\n')).toMatch(/与第 2 行重复/);
    expect(lines.join('\n')).not.toMatch(/会员关系接转/);
    expect(lines.join('\n')).toMatch(/校验位/);
    expect(lines.join('\n')).not.toContain(elsewhere);
  });

  it('leaves nothing half-imported when the job dies midway, and finishes on the next run', async () => {
    const many = people(2500, '断点');
    const queued = await upload(districtA, cs[1], '大名册.csv', csvOf(many));
    const job = await t.handle.db
      .selectFrom('job')
      .selectAll()
      .where(
        'id',
        '=',
        (
          await t.handle.db
            .selectFrom('member_import')
            .select('job_id')
            .where('id', '=', queued.id)
            .executeTakeFirstOrThrow()
        ).job_id!,
      )
      .executeTakeFirstOrThrow();
    let calls = 0;
    await expect(
      runMemberImport(job, {
        db: t.handle.db,
        progress: async () => {
          if (++calls === 2) throw new Error('进程中断');
        },
      }),
    ).rejects.toThrow('进程中断');
    expect(await search(districtA, many[0].id)).toEqual([]);
    expect(await search(districtA, many[1500].id)).toEqual([]);
    const summary = await runMemberImport(job, { db: t.handle.db, progress: async () => {} });
    expect(summary).toEqual({
      created: 2500,
      updated: 0,
      unchanged: 0,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 0,
    });
    expect(await search(districtA, many[2499].id)).toHaveLength(1);
  });

  it('answers what it did when its job runs again after the import committed', async () => {
    const few = people(5, '重跑');
    const done = await importFile(districtA, cs[2], '重跑.csv', csvOf(few));
    expect(done.summary).toMatchObject({ created: 5 });
    // As after a crash between the commit and marking the job done: the same job runs once more.
    const { job_id } = await t.handle.db
      .selectFrom('member_import')
      .select('job_id')
      .where('id', '=', done.id)
      .executeTakeFirstOrThrow();
    const job = await t.handle.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job_id!)
      .executeTakeFirstOrThrow();
    const again = await runMemberImport(job, { db: t.handle.db, progress: async () => {} });
    expect(again).toEqual(done.summary);
    const after = (await districtA.get(`/api/member-imports/${done.id}`)).json() as MemberImport;
    expect(after).toMatchObject({ status: 'done', summary: done.summary });
    expect(await search(districtA, few[0].id)).toHaveLength(1);
  });

  it('refuses a non-roster upload with a Chinese message', async () => {
    const res = await districtA.request({
      method: 'POST',
      url: `/api/member-imports?orgUnitId=${cs[0]}&fileName=x.xls`,
      payload: Buffer.from('abc'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/xlsx/);
    const json = await districtA.post(`/api/member-imports?orgUnitId=${cs[0]}&fileName=x.csv`, { a: 1 });
    expect(json.statusCode).toBe(415);
    const foreign = await districtB.request({
      method: 'POST',
      url: `/api/member-imports?orgUnitId=${cs[0]}&fileName=x.csv`,
      payload: csvOf(people(1, '越权')),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(foreign.statusCode).toBe(400);
  });
});
