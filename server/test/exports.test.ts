import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ExportJob, ExportStarted, MemberExport } from '@gonghui/contracts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';
import { jobHandlers } from '../src/jobs.ts';
import { employerExport } from '../src/modules/employers/export/employer.export.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { exportInlineRows } from '../src/platform/exports/list-export.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';

let t: TestApp;
let changshu: Client;
let dongbang: Client;
let taicang: Client;

beforeAll(async () => {
  t = await buildTestApp();
  changshu = await login(t.app, 'changshu');
  dongbang = await login(t.app, 'dongbang');
  taicang = await login(t.app, 'taicang');
});
afterAll(() => t.close());
afterEach(() => {
  delete process.env.GONGHUI_EXPORT_INLINE_ROWS;
});

/** Lowers the size above which an export becomes a job, so a few demo rows cross it. */
const inlineUpTo = (rows: number) => {
  process.env.GONGHUI_EXPORT_INLINE_ROWS = String(rows);
};
const runJobs = () => new JobRunner(t.handle.db, jobHandlers).drain();

async function sheetOf(payload: Buffer, name: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book.getWorksheet(name)!;
}
const totalOf = async (client: Client, url: string) =>
  ((await client.get(url)).json() as { total: number }).total;

async function startJob(client: Client, url: string): Promise<ExportJob> {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.headers['content-type']).toContain('application/json');
  return (res.json() as ExportStarted).job;
}

async function auditOf(action: string) {
  return t.handle.db
    .selectFrom('audit_log')
    .select(['username', 'entity_id as entityId', 'after'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe('list exports: the file at once up to the limit, a background job above it', () => {
  it('names 2,000 rows as the limit unless the tests lower it', () => {
    expect(exportInlineRows({})).toBe(2000);
    expect(exportInlineRows({ GONGHUI_EXPORT_INLINE_ROWS: '5' })).toBe(5);
    expect(exportInlineRows({ GONGHUI_EXPORT_INLINE_ROWS: 'x' })).toBe(2000);
  });

  it('sends the employers at the limit at once and starts a job one row above it, with the same rows', async () => {
    const total = await totalOf(dongbang, '/api/employers?unionStatus=own&pageSize=1');
    expect(total).toBeGreaterThan(1);
    inlineUpTo(total);
    const inline = await dongbang.get('/api/employers/export?unionStatus=own');
    expect(inline.statusCode, inline.body).toBe(200);
    expect(inline.headers['content-type']).toContain('spreadsheetml');
    expect(inline.headers['content-disposition']).toContain(encodeURIComponent('单位名录'));
    const inlineSheet = await sheetOf(inline.rawPayload, '单位');
    expect(inlineSheet.actualRowCount - 1).toBe(total);

    inlineUpTo(total - 1);
    const job = await startJob(dongbang, '/api/employers/export?unionStatus=own');
    expect(job).toMatchObject({ status: 'queued', progress: 0, total });
    expect(job.fileName).toMatch(/^单位名录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const early = await dongbang.get(`/api/exports/${job.id}/file`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未完成');

    await runJobs();
    const done = (await dongbang.get(`/api/exports/${job.id}`)).json() as ExportJob;
    expect(done).toMatchObject({ status: 'done', progress: total, total, error: null });
    expect(done.sizeBytes).toBeGreaterThan(0);
    const file = await dongbang.get(`/api/exports/${job.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent(job.fileName));
    const jobSheet = await sheetOf(file.rawPayload, '单位');
    expect(jobSheet.actualRowCount - 1).toBe(total);
    const column = (s: ExcelJS.Worksheet) => (s.getColumn(1).values as unknown[]).map(String);
    expect(column(jobSheet)).toEqual(column(inlineSheet));

    const exports = (await auditOf('employer.export')).filter((a) => a.username === 'dongbang');
    expect(exports.map((a) => [a.entityId, (a.after as { rows: number }).rows])).toEqual([
      [null, total],
      [String(job.id), total],
    ]);
    expect(await auditOf('employer.export_download')).toEqual([
      expect.objectContaining({ username: 'dongbang', entityId: String(job.id) }),
    ]);
  });

  it('writes a large agreements export as a job with its progress, in the list’s rows', async () => {
    const total = await totalOf(changshu, '/api/agreements?pageSize=1');
    expect(total).toBeGreaterThan(2);
    inlineUpTo(1);
    const job = await startJob(changshu, '/api/agreements/export');
    expect(job.total).toBe(total);
    await runJobs();
    const done = (await changshu.get(`/api/exports/${job.id}`)).json() as ExportJob;
    expect(done).toMatchObject({ status: 'done', progress: total, total });
    const file = await changshu.get(`/api/exports/${job.id}/file`);
    const sheet = await sheetOf(file.rawPayload, '集体合同');
    expect(sheet.actualRowCount - 1).toBe(total);
    const list = (await changshu.get(`/api/agreements?pageSize=${Math.min(total, 200)}`)).json() as {
      items: Array<{ title: string }>;
    };
    expect(String(sheet.getRow(2).getCell(1).value)).toBe(list.items[0].title);
    expect((await auditOf('agreement.export_download')).map((a) => a.username)).toEqual(['changshu']);
  });

  it('refuses a bad filter with 400 and a union outside the scope with 404, before any file is sent', async () => {
    const kept = async () => (await t.handle.db.selectFrom('export_file').select('id').execute()).length;
    const before = await kept();
    for (const rows of [2000, 0]) {
      inlineUpTo(rows);
      for (const path of ['/api/employers/export', '/api/agreements/export']) {
        const bad = await changshu.get(`${path}?q=a%00b`);
        expect(bad.statusCode).toBe(400);
        expect(bad.headers['content-type']).toContain('application/json');
        expect(bad.json().error.message).toContain('q');
        expect(bad.headers['content-disposition']).toBeUndefined();

        const foreign = await changshu.get(`${path}?orgUnitId=${await unitIdByCode(t.handle, '320585')}`);
        const missing = await changshu.get(`${path}?orgUnitId=2147483647`);
        expect(foreign.statusCode).toBe(404);
        expect(foreign.headers['content-disposition']).toBeUndefined();
        expect(foreign.json()).toEqual(missing.json());
      }
    }
    // The helper refuses it itself too, whoever calls it.
    const actor = systemActor(changshu.orgUnitId, 'changshu');
    await expect(
      employerExport.answer(t.handle.db, actor, { q: 'a\u0000b', sort: 'name', order: 'asc' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await kept()).toBe(before);
  });

  it('hides another district’s export exactly like a missing one, and a roster export keeps its routes', async () => {
    inlineUpTo(0);
    const theirs = await startJob(taicang, '/api/employers/export');
    await runJobs();
    for (const url of [`/api/exports/${theirs.id}`, `/api/exports/${theirs.id}/file`]) {
      const res = await changshu.get(url);
      const missing = await changshu.get(url.replace(String(theirs.id), '99999999'));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json());
    }
    // An employer export is not a roster export, even for the union that made it.
    expect((await taicang.get(`/api/member-exports/${theirs.id}`)).statusCode).toBe(404);
    expect((await taicang.get(`/api/exports/${theirs.id}`)).json()).toMatchObject({ status: 'done' });
    expect((await auditOf('employer.export_download')).map((a) => a.username)).not.toContain('changshu');

    const village = await t.handle.db
      .selectFrom('member as m')
      .innerJoin('org_unit as u', 'u.id', 'm.org_unit_id')
      .select('m.org_unit_id as id')
      .where('u.division_code', 'like', '320585%')
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const roster = await taicang.post('/api/member-exports', { orgUnitId: village.id });
    expect(roster.statusCode, roster.body).toBe(200);
    const started = roster.json() as MemberExport;
    await runJobs();
    expect((await taicang.get(`/api/member-exports/${started.id}`)).json()).toMatchObject({ status: 'done' });
    expect((await taicang.get(`/api/exports/${started.id}`)).json()).toMatchObject({ status: 'done' });
    expect((await changshu.get(`/api/exports/${started.id}`)).statusCode).toBe(404);
  });
});
