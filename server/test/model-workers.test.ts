import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ModelWorker, Page } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, TEST_PASSWORD } from './factories.ts';
import { buildModelWorker } from './factories/model-workers.ts';
import { nextResidentId } from './members-fixtures.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;

const body = (over: Record<string, unknown> = {}) => ({
  name: '测试劳模甲',
  residentId: nextResidentId(),
  orgUnitId: world.a1.id,
  level: 'provincial',
  title: '江苏省劳动模范',
  awardedYear: 2016,
  status: 'retired',
  hardship: true,
  hardshipEvidence: '患重病，家庭收入低于当地最低生活保障标准',
  bankName: '测试银行',
  bankAccount: '6222 0210 0100 2233 445',
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('the model-worker registry', () => {
  it('registers a person once, the ID and the account sealed and masked', async () => {
    const residentId = nextResidentId();
    const res = await districtA.post('/api/model-workers', body({ residentId }));
    expect(res.statusCode).toBe(200);
    const w = res.json() as ModelWorker;
    expect(w).toMatchObject({
      level: 'provincial',
      status: 'retired',
      hardship: true,
      orgUnitName: world.a1.name,
    });
    expect(w.residentIdMasked).toBe(`${residentId.slice(0, 4)}**********${residentId.slice(-4)}`);
    expect(w.bankAccountMasked).toBe('6222***********3445');
    const stored = await t.handle.db
      .selectFrom('model_worker' as never)
      .select(['resident_id_cipher as c'] as never)
      .executeTakeFirstOrThrow();
    expect(Buffer.from((stored as { c: Buffer }).c).toString('latin1')).not.toContain(residentId);

    const again = await districtA.post('/api/model-workers', body({ residentId, name: '测试劳模乙' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('测试劳模甲');
    // Another district learns only that the person is registered elsewhere, not where or as whom.
    const elsewhere = await districtB.post(
      '/api/model-workers',
      body({ residentId, orgUnitId: world.b1.id }),
    );
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.message).not.toContain('测试劳模甲');
    expect(elsewhere.json().error.message).not.toContain(world.a1.name);
  });

  it('refuses bad input with a Chinese message naming the field, and changes nothing', async () => {
    const count = async () => ((await districtA.get('/api/model-workers')).json() as Page<ModelWorker>).total;
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '测试\u0000劳模' }, 'name'],
      [{ title: '劳'.repeat(41) }, '荣誉称号最多 40 个字'],
      [{ awardedYear: 2999 }, '授予年份'],
      [{ residentId: '110105197001011234' }, '身份证'],
      [{ hardshipEvidence: null }, '困难情况说明'],
      [{ bankAccount: '12ab' }, '银行账号'],
      [{ orgUnitId: world.b1.id }, '所属工会'],
    ];
    for (const [over, words] of cases) {
      const res = await districtA.post('/api/model-workers', body(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toContain(words);
    }
    expect(await count()).toBe(before);
  });

  it('links an employer of the register only within the scope', async () => {
    const employer = await buildEmployer(t.handle.db, { orgUnitId: world.a1.id });
    const other = await buildEmployer(t.handle.db, { orgUnitId: world.b1.id });
    const ok = await districtA.post('/api/model-workers', body({ employerId: employer.id }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().employerName).toBe(employer.name);
    const refused = await districtA.post('/api/model-workers', body({ employerId: other.id }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe('employerId');
  });

  it('lists, filters and exports within the scope; another district’s record answers 404', async () => {
    const mine = await buildModelWorker(t.handle.db, {
      orgUnitId: world.a2.id,
      level: 'national',
      title: '全国劳动模范',
      status: 'working',
    });
    const theirs = await buildModelWorker(t.handle.db, { orgUnitId: world.b1.id });
    const list = (await districtA.get('/api/model-workers?level=national')).json() as Page<ModelWorker>;
    expect(list.items.map((w) => w.id)).toEqual([mine.id]);
    const all = (await districtA.get('/api/model-workers?pageSize=200')).json() as Page<ModelWorker>;
    expect(all.items.some((w) => w.id === theirs.id)).toBe(false);
    expect((await districtA.get(`/api/model-workers/${theirs.id}`)).statusCode).toBe(404);
    expect((await districtA.get('/api/model-workers/999999')).json()).toEqual(
      (await districtA.get(`/api/model-workers/${theirs.id}`)).json(),
    );
    const patched = await districtA.patch(`/api/model-workers/${theirs.id}`, { status: 'deceased' });
    expect(patched.statusCode).toBe(404);
    expect((await districtA.get(`/api/model-workers?orgUnitId=${world.b1.id}`)).statusCode).toBe(404);

    const file = await districtA.get('/api/model-workers/export?level=national');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(mine.name);
    expect(String(sheet.getRow(2).getCell(4).value)).toContain('*');
  });

  it('changes a record with before and after in the audit log, and reveals the ID only with a reason', async () => {
    const w = await buildModelWorker(t.handle.db, { orgUnitId: world.a1.id, status: 'working' });
    const res = await districtA.patch(`/api/model-workers/${w.id}`, {
      status: 'retired',
      hardship: true,
      hardshipEvidence: '配偶长期卧床，医疗支出大',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'retired', hardship: true });
    const noReason = await districtA.post(`/api/model-workers/${w.id}/reveal`, {
      field: 'residentId',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const shown = await districtA.post(`/api/model-workers/${w.id}/reveal`, {
      field: 'bankAccount',
      reason: '核对发放账户',
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().value).toMatch(/^62220210\d{8}$/);
    const entries = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'model_worker')
      .where('entity_id', '=', String(w.id))
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual([
      'model_worker.create',
      'model_worker.update',
      'personal_data.reveal',
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/62220210\d{8}/);
    expect(
      (await districtB.post(`/api/model-workers/${w.id}/reveal`, { field: 'residentId', reason: '核对' }))
        .statusCode,
    ).toBe(404);
  });
});
