import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Member, MemberExport, MemberImport } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { createTestDatabase } from './database.ts';
import { buildDistricts, buildEmployer, buildMember, buildTown, TEST_PASSWORD } from './factories.ts';
import { exportMembersFile } from '../src/cli/members-io.ts';
import { jobHandlers } from '../src/jobs.ts';
import { runMemberExport } from '../src/modules/members/export/member-export.job.ts';
import { memberService } from '../src/modules/members/registry/member.service.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { today } from '../src/platform/orgs/dates.ts';
import { personalData } from '../src/platform/personal-data/personal-data.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
/** District A's and district B's administrators. */
let districtA: Client;
let districtB: Client;
/** District A's villages, all in its town A2. */
let cs: number[];

/**
 * District A holds 15 members in the three villages of its town A2, two of whom have left; district B
 * holds 3. Files this small are written in one part: how a large one is cut into parts and read back
 * is the export-file job's test.
 */
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  const db = t.handle.db;
  world = await buildDistricts(db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  cs = world.aVillages.map((v) => v.id);
  const employer = await buildEmployer(db, { orgUnitId: cs[0] });
  for (let i = 0; i < 8; i++) await buildMember(db, { orgUnitId: cs[0], employerId: employer.id });
  for (let i = 0; i < 4; i++) {
    const m = await buildMember(db, { orgUnitId: cs[1], migrantWorker: i % 2 === 0 });
    if (i < 2) {
      await memberService.changeStatus(db, systemActor(cs[1], 'test'), m.id, {
        status: 'left',
        date: today(),
        note: '本人申请退会',
      });
    }
  }
  for (let i = 0; i < 3; i++) await buildMember(db, { orgUnitId: cs[2], phone: null });
  for (const v of world.bVillages) await buildMember(db, { orgUnitId: v.id });
});
afterAll(() => t.close());

const runJobs = () => new JobRunner(t.handle.db, jobHandlers).drain();

async function start(client: Client, filters: object = {}): Promise<MemberExport> {
  const res = await client.post('/api/member-exports', filters);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as MemberExport;
}
async function finished(client: Client, filters: object = {}): Promise<MemberExport> {
  const queued = await start(client, filters);
  expect(queued.status).toBe('queued');
  await runJobs();
  return (await client.get(`/api/member-exports/${queued.id}`)).json() as MemberExport;
}
async function workbookOf(client: Client, id: number) {
  const res = await client.get(`/api/member-exports/${id}/file`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-disposition']).toContain('.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
/** The member list's total for a query. */
async function listTotal(client: Client, query: string) {
  return ((await client.get(`/api/members?${query}`)).json() as { total: number }).total;
}

describe('member export as a background job', () => {
  it('writes the filtered rows with masked IDs in the template columns, and an edited file imports back', async () => {
    // District A's members on the roll, in its three villages.
    const done = await finished(districtA, { status: 'active' });
    expect(done.status).toBe('done');
    const total = await listTotal(districtA, 'status=active&pageSize=1');
    expect(total).toBe(13);
    expect(done).toMatchObject({ progress: total, total, error: null });
    expect(done.sizeBytes).toBeGreaterThan(0);
    expect(done.fileName).toMatch(/^会员名册-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const wb = await workbookOf(districtA, done.id);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount - 1).toBe(total);
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('会员编号');
    expect(String(sheet.getRow(1).getCell(3).value)).toBe('身份证号码');
    const row = sheet.getRow(2);
    const id = String(row.getCell(3).value);
    expect(id).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    const registryNo = String(row.getCell(1).value);
    row.getCell(2).value = '导出改名（演示）';
    row.commit();
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await districtA.request({
      method: 'POST',
      url: `/api/member-imports?orgUnitId=${cs[0]}&fileName=${encodeURIComponent('导出修改.xlsx')}`,
      payload: edited,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(up.statusCode, up.body).toBe(200);
    await runJobs();
    const result = (
      await districtA.get(`/api/member-imports/${(up.json() as MemberImport).id}`)
    ).json() as MemberImport;
    // The edited name is held as a name change until the uploader confirms it.
    expect(result.summary).toEqual({
      created: 0,
      updated: 0,
      unchanged: total - 1,
      errors: 0,
      heldElsewhere: 0,
      nameChanges: 1,
    });
    const confirmed = await districtA.post(`/api/member-imports/${result.id}/name-changes`, { rowNos: [2] });
    expect(confirmed.json()).toEqual({ applied: 1, dropped: 0 });
    const found = (
      (await districtA.get(`/api/members?q=${encodeURIComponent('导出改名')}`)).json() as { items: Member[] }
    ).items;
    expect(found.map((m) => m.registryNo)).toEqual([registryNo]);
    const raw = await t.handle.db
      .selectFrom('member')
      .select('resident_id_cipher')
      .where('id', '=', found[0].id)
      .executeTakeFirstOrThrow();
    expect(personalData().decrypt(raw.resident_id_cipher)).not.toContain('*');
    expect(personalData().decrypt(raw.resident_id_cipher).slice(-4)).toBe(id.slice(-4));
  });

  it('exports exactly the rows of the list filters', async () => {
    const filters = { orgUnitId: world.a2.id, status: 'active' };
    const total = await listTotal(districtA, `orgUnitId=${world.a2.id}&status=active&pageSize=1`);
    expect(total).toBe(13);
    const done = await finished(districtA, filters);
    expect(done.total).toBe(total);
    const sheet = (await workbookOf(districtA, done.id)).worksheets[0];
    expect(sheet.rowCount - 1).toBe(total);
    const statuses = new Set<string>();
    sheet.eachRow((r, n) => {
      if (n > 1) statuses.add(String(r.getCell(17).value));
    });
    expect([...statuses]).toEqual(['在册']);
  });

  it('reports progress in rows as the job runs', async () => {
    const queued = await start(districtA, { status: 'active' });
    const exp = await t.handle.db
      .selectFrom('export_file')
      .select('job_id')
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    const job = await t.handle.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', exp.job_id!)
      .executeTakeFirstOrThrow();
    const seen: Array<[number, number | null]> = [];
    const result = await runMemberExport(job, {
      db: t.handle.db,
      progress: async (done, total) => void seen.push([done, total]),
    });
    const total = await listTotal(districtA, 'status=active&pageSize=1');
    expect(result.rows).toBe(total);
    expect(seen[0]).toEqual([0, total]);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
  });

  it('hides another district’s export exactly like a missing one, and audits each download', async () => {
    const theirs = await finished(districtB);
    expect(theirs.status).toBe('done');
    for (const url of [`/api/member-exports/${theirs.id}`, `/api/member-exports/${theirs.id}/file`]) {
      const res = await districtA.get(url);
      const missing = await districtA.get(url.replace(String(theirs.id), '99999999'));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json());
    }
    await workbookOf(districtB, theirs.id);
    const downloads = await t.handle.db
      .selectFrom('audit_log')
      .select(['username', 'entity_id as entityId'])
      .where('action', '=', 'member.export_download')
      .execute();
    expect(downloads).toContainEqual({ username: districtB.username, entityId: String(theirs.id) });
    expect(
      downloads.filter((d) => d.username === districtA.username && d.entityId === String(theirs.id)),
    ).toEqual([]);
  });

  it('refuses a download before the file is ready, and a union outside the scope', async () => {
    // One village's members: the file is not ready until the job has run, however small it is.
    const queued = await start(districtA, { orgUnitId: cs[0] });
    const early = await districtA.get(`/api/member-exports/${queued.id}/file`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未完成');
    await runJobs();
    const foreign = await districtA.post('/api/member-exports', { orgUnitId: world.b.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details).toEqual([
      { field: 'orgUnitId', message: '所属工会不存在或不在您的管辖范围内' },
    ]);
    const bad = await districtA.post('/api/member-exports', { status: 'x', q: 'a'.repeat(41) });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps the CLI export working on the same writer', async () => {
    // The command exports the whole database: one of its own, with nothing but three members.
    const small = await createTestDatabase('empty');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-export-'));
    try {
      const { villages } = await buildTown(small.db);
      const employer = await buildEmployer(small.db, { orgUnitId: villages[0].id });
      const members = [
        await buildMember(small.db, { orgUnitId: villages[0].id, employerId: employer.id }),
        await buildMember(small.db, { orgUnitId: villages[1].id }),
        await buildMember(small.db, { orgUnitId: villages[1].id, phone: null }),
      ];
      const file = path.join(dir, '会员.xlsx');
      await exportMembersFile(small.db, file, null);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const sheet = wb.worksheets[0];
      expect(sheet.rowCount - 1).toBe(members.length);
      expect(String(sheet.getRow(2).getCell(1).value)).toBe(members[0].registryNo);
      for (let row = 2; row <= members.length + 1; row++)
        expect(String(sheet.getRow(row).getCell(3).value)).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    } finally {
      await small.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the member list's export", () => {
  afterEach(() => {
    delete process.env.GONGHUI_EXPORT_INLINE_ROWS;
  });

  it('sends a small list at once, with exactly its rows, and audits it', async () => {
    const res = await districtA.get(`/api/members/export?orgUnitId=${cs[1]}&status=active`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount - 1).toBe(2);
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .select(['username', 'after'])
      .where('action', '=', 'member.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.username).toBe(districtA.username);
    expect(entry.after).toMatchObject({ filters: { orgUnitId: cs[1], status: 'active' }, rows: 2 });
  });

  it('starts a job above the inline limit, read back through the exports of every list', async () => {
    process.env.GONGHUI_EXPORT_INLINE_ROWS = '1';
    const res = await districtA.get('/api/members/export?migrantWorker=true');
    expect(res.statusCode, res.body).toBe(202);
    const { job } = res.json() as { job: { id: number } };
    await runJobs();
    const done = (await districtA.get(`/api/exports/${job.id}`)).json() as { status: string; total: number };
    expect(done).toMatchObject({ status: 'done', total: await listTotal(districtA, 'migrantWorker=true') });
    expect((await districtB.get(`/api/exports/${job.id}`)).statusCode).toBe(404);
  });

  it('refuses bad filters and a union outside the scope before any file is sent', async () => {
    for (const query of ['status=x', `q=${'a'.repeat(41)}`, 'q=a%00b', 'migrantWorker=yes']) {
      const res = await districtA.get(`/api/members/export?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
    }
    const foreign = await districtA.get(`/api/members/export?orgUnitId=${world.b.id}`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details).toEqual([
      { field: 'orgUnitId', message: '所属工会不存在或不在您的管辖范围内' },
    ]);
  });
});
