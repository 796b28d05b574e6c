import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { AuditActionOption, AuditEntry, Member, Page, Workbench } from '@gonghui/contracts';
import { maskName } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildMember, TEST_PASSWORD } from './factories.ts';
import { buildCase } from './factories/assistance.ts';
import { buildSeeker } from './factories/employment.ts';
import { buildModelWorker } from './factories/model-workers.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;
let member: Member;

/** District A's administrator exports its roster and reveals a member's ID; district B only signs in. */
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  member = await buildMember(t.handle.db, { orgUnitId: world.aVillages[0].id, name: '周建国（演示）' });
  expect((await districtA.get('/api/members/export')).statusCode).toBe(200);
  const revealed = await districtA.post(`/api/members/${member.id}/reveal`, {
    field: 'residentId',
    reason: '核对身份',
  });
  expect(revealed.statusCode, revealed.body).toBe(200);
});
afterAll(() => t.close());

const entries = async (c: Client, query = '') =>
  (await c.get(`/api/audit?pageSize=100${query}`)).json() as Page<AuditEntry>;

describe('audit log', () => {
  it('lists the actions its entries hold, exports and reveals first, each with its Chinese label', async () => {
    const res = await districtA.get('/api/audit/actions');
    expect(res.statusCode, res.body).toBe(200);
    const options = res.json() as AuditActionOption[];
    const byValue = new Map(options.map((o) => [o.value, o]));
    expect(byValue.get('member.export')).toMatchObject({ label: '导出会员名册', group: 'export', count: 1 });
    expect(byValue.get('personal_data.reveal')).toMatchObject({ label: '查看个人敏感信息', group: 'reveal' });
    expect(byValue.get('auth.login')).toMatchObject({ label: '登录', group: 'auth' });
    expect(options[0].group).toBe('export');
    // District B's log holds no export of district A's.
    const other = (await districtB.get('/api/audit/actions')).json() as AuditActionOption[];
    expect(other.map((o) => o.value)).not.toContain('member.export');
  });

  it('names a target by the record itself: an account by its display name, a member masked', async () => {
    const list = await entries(districtA);
    const login = list.items.find((e) => e.action === 'auth.login')!;
    expect(login.entityName).toBe(`测试用户${world.users.districtA.username}`);
    const reveal = list.items.find((e) => e.action === 'personal_data.reveal')!;
    expect(reveal.entityName).toBe(maskName('周建国（演示）'));
    expect(reveal.entityName).not.toContain('建国');
  });

  it("names the modules' records too: a case by its number, a seeker and a model worker masked", async () => {
    const unitId = world.aVillages[0].id;
    const taken = await buildCase(t.handle.db, { unitId });
    const seeker = await buildSeeker(t.handle.db, { orgUnitId: unitId, name: '钱秀英（演示）' });
    const worker = await buildModelWorker(t.handle.db, { orgUnitId: unitId, name: '孙志强（演示）' });
    const list = await entries(districtA);
    const nameOf = (entityType: string, id: number) =>
      list.items.find((e) => e.entityType === entityType && e.entityId === String(id))?.entityName;
    expect(nameOf('assistance_case', taken.id)).toBe(taken.number);
    expect(nameOf('job_seeker', seeker.id)).toBe(maskName('钱秀英（演示）'));
    expect(nameOf('model_worker', worker.id)).toBe(maskName('孙志强（演示）'));
  });

  it('exports the filtered entries to .xlsx with Chinese labels, and audits the export', async () => {
    const res = await districtA.get('/api/audit/export?action=personal_data.reveal');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    const cells = Array.from(sheet.getRow(2).values as unknown[], (v) => String(v ?? ''));
    expect(cells).toContain('查看个人敏感信息');
    expect(cells).toContain('会员');
    expect(cells).toContain(maskName('周建国（演示）'));
    const details = cells.find((c) => c.includes('查看的信息'))!;
    expect(details).toContain('身份证号码');
    expect(details).not.toMatch(/residentId|reason/);

    const exported = (await entries(districtA, '&action=audit.export')).items;
    expect(exported).toHaveLength(1);
    expect(exported[0].after).toMatchObject({ filters: { action: 'personal_data.reveal' }, rows: 1 });
    // The district next door neither sees the export nor gets district A's entries in its own file.
    expect((await entries(districtB, '&action=audit.export')).items).toHaveLength(0);
    const theirs = await districtB.get('/api/audit/export?action=personal_data.reveal');
    const theirBook = new ExcelJS.Workbook();
    await theirBook.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(theirBook.worksheets[0].rowCount).toBe(1);
  });

  it('refuses an export filter with a bad date or a control character, in Chinese', async () => {
    const bad = await districtA.get('/api/audit/export?from=2011-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/日期/);
    const control = await districtA.get('/api/audit/export?username=a%00b');
    expect(control.statusCode).toBe(400);
  });

  it('is read only by those who may audit', async () => {
    const viewerUnit = world.a;
    const { buildUser } = await import('./factories.ts');
    const viewer = await buildUser(t.handle.db, { unit: viewerUnit, role: 'viewer' });
    const client = await login(t.app, viewer.username, TEST_PASSWORD);
    expect((await client.get('/api/audit/actions')).statusCode).toBe(403);
    expect((await client.get('/api/audit/export')).statusCode).toBe(403);
  });
});

describe('workbench activity', () => {
  it('leaves out sign-ins unless asked, and names each target', async () => {
    const plain = (await districtA.get('/api/workbench')).json() as Workbench;
    expect(plain.recentAudit.length).toBeGreaterThan(0);
    expect(plain.recentAudit.some((e) => e.action.startsWith('auth.'))).toBe(false);
    expect(plain.recentAudit.find((e) => e.action === 'personal_data.reveal')?.entityName).toBe(
      maskName('周建国（演示）'),
    );
    const all = (await districtA.get('/api/workbench?logins=true')).json() as Workbench;
    expect(all.recentAudit.some((e) => e.action === 'auth.login')).toBe(true);
    expect((await districtA.get('/api/workbench?logins=maybe')).statusCode).toBe(400);
  });
});
