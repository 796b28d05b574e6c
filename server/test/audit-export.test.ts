import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { EXPORT_INLINE_ROWS, type AuditEntry, type ExportJob, type Page } from '@gonghui/contracts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, TEST_PASSWORD } from './factories.ts';
import { buildAuditLog } from './factories/audit.ts';

let t: TestApp;
let districtA: Client;
let districtB: Client;
/** Entries of district A's log that the export's filter matches. */
let matching: number;

/** District A's log holds more sign-ins than one file is sent with at once. */
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  const world = await buildDistricts(t.handle.db);
  await buildAuditLog(t.handle.db, world.a, EXPORT_INLINE_ROWS + 150);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  const list = (await districtA.get('/api/audit?action=auth.login&pageSize=1')).json() as Page<AuditEntry>;
  matching = list.total;
});
afterAll(() => t.close());

const runJobs = () => new JobRunner(t.handle.db, jobHandlers).drain();
const logOf = async (c: Client, action: string) =>
  ((await c.get(`/api/audit?action=${action}&pageSize=100`)).json() as Page<AuditEntry>).items;

describe('the audit log export above the inline limit', () => {
  let job: ExportJob;

  it('starts a background job counting every matching entry, and audits the export', async () => {
    expect(matching).toBeGreaterThan(EXPORT_INLINE_ROWS);
    const res = await districtA.get('/api/audit/export?action=auth.login');
    expect(res.statusCode, res.body).toBe(202);
    job = (res.json() as { job: ExportJob }).job;
    expect(job).toMatchObject({ status: 'queued', total: matching });
    const [asked] = await logOf(districtA, 'audit.export');
    expect(asked.after).toMatchObject({ filters: { action: 'auth.login' }, rows: matching });
    expect(asked.username).toBe(districtA.username);
  });

  it('writes every entry with its progress; the file is read by its district only, and its download audited', async () => {
    await runJobs();
    const done = (await districtA.get(`/api/exports/${job.id}`)).json() as ExportJob;
    expect(done).toMatchObject({ status: 'done', progress: matching, total: matching });
    expect((await districtB.get(`/api/exports/${job.id}`)).statusCode).toBe(404);
    expect((await districtB.get(`/api/exports/${job.id}/file`)).statusCode).toBe(404);

    const file = await districtA.get(`/api/exports/${job.id}/file`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount - 1).toBe(matching);
    // Newest first: the oldest of the made-up sign-ins comes last.
    expect(String(sheet.getRow(sheet.rowCount).getCell(4).value)).toBe('登录');
    expect(String(sheet.getRow(sheet.rowCount).getCell(2).value)).toBe('log-filler');

    const [downloaded] = await logOf(districtA, 'audit.export_download');
    expect(downloaded.username).toBe(districtA.username);
    expect((await logOf(districtB, 'audit.export_download')).length).toBe(0);
  });
});
