import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type {
  ModelWorker,
  Page,
  RollLine,
  RollTotal,
  SubsidyRoll,
  SubsidyRule,
  Visit,
  VisitCycle,
} from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, TEST_PASSWORD } from './factories.ts';
import { buildModelWorker, buildSubsidyRule } from './factories/model-workers.ts';
import { nextResidentId } from './members-fixtures.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;
let rule: SubsidyRule;

async function workbook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb;
}
async function bytes(wb: ExcelJS.Workbook) {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (c: Client, rollId: number, content: Buffer) =>
  c.request({
    method: 'POST',
    url: `/api/model-workers/rolls/${rollId}/bank-return?fileName=${encodeURIComponent('回单.xlsx')}&paidOn=2011-02-10`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: content,
  });

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
  rule = await buildSubsidyRule(t.handle.db, { orgUnitId: world.a.id, per: 'year', amountFen: 240000 });
  await buildSubsidyRule(t.handle.db, {
    orgUnitId: world.a.id,
    name: '退休劳模节日慰问金',
    condition: 'retired',
    per: 'year',
    amountFen: 50000,
  });
  const hardship = { hardship: true, hardshipEvidence: '家庭人均收入低于最低生活保障标准' };
  await buildModelWorker(t.handle.db, { orgUnitId: world.a1.id, ...hardship });
  await buildModelWorker(t.handle.db, { orgUnitId: world.a2.id, ...hardship });
  await buildModelWorker(t.handle.db, { orgUnitId: world.a2.id }); // retired, not in hardship
  await buildModelWorker(t.handle.db, { orgUnitId: world.a2.id, status: 'working', ...hardship });
  await buildModelWorker(t.handle.db, { orgUnitId: world.a2.id, status: 'deceased' });
  await buildModelWorker(t.handle.db, { orgUnitId: world.b1.id, ...hardship }); // another district
});
afterAll(() => t.close());

describe('subsidy rules', () => {
  it('keeps every version: a revision is a new version, the old one stays', async () => {
    const extra = await buildSubsidyRule(t.handle.db, {
      orgUnitId: world.a.id,
      name: '试行标准',
      level: 'national',
    });
    const res = await districtA.post(`/api/model-workers/subsidy-rules/${extra.id}/versions`, {
      level: 'national',
      condition: 'retired_hardship',
      amountFen: 30000,
      per: 'month',
      validFrom: '2011-01-01',
      reason: '按新文件调整',
    });
    expect(res.statusCode).toBe(200);
    const revised = res.json() as SubsidyRule;
    expect(revised.versions.map((v) => [v.version, v.amountFen])).toEqual([
      [2, 30000],
      [1, 20000],
    ]);
    expect(revised.current.version).toBe(2);
    const bad = await districtA.post(`/api/model-workers/subsidy-rules/${extra.id}/versions`, {
      level: 'national',
      condition: 'retired_hardship',
      amountFen: 30000,
      per: 'month',
      validFrom: '2011-02-30',
      reason: '按新文件调整',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('生效日期');
    expect(
      (
        await districtB.post(`/api/model-workers/subsidy-rules/${extra.id}/versions`, {
          ...res.json().current,
          reason: '越权修改',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('a subsidy roll', () => {
  let roll: SubsidyRoll;

  it('previews the recipients from the rules: one line each, the best-paid rule, no one deceased', async () => {
    const res = await districtA.post('/api/model-workers/rolls', {
      orgUnitId: world.a.id,
      period: '2011',
      title: '2011 年度劳模补助',
    });
    expect(res.statusCode).toBe(200);
    roll = res.json() as SubsidyRoll;
    // Two retired in hardship at 2,400 yuan, one retired at 500 yuan; working and deceased get nothing.
    expect(roll).toMatchObject({ status: 'preview', recipients: 3, totalFen: 530000, paidFen: 0 });
    const lines = (await districtA.get(`/api/model-workers/rolls/${roll.id}/lines`)).json() as Page<RollLine>;
    expect(lines.items.every((l) => l.paidStatus === null)).toBe(true);
    const again = await districtA.post('/api/model-workers/rolls', {
      orgUnitId: world.a.id,
      period: '2011',
      title: '重复',
    });
    expect(again.statusCode).toBe(409);
    expect((await districtB.get(`/api/model-workers/rolls/${roll.id}`)).statusCode).toBe(404);
    // Nothing can be paid or sent to the bank before approval.
    expect(
      (
        await districtA.get(
          `/api/model-workers/rolls/${roll.id}/bank-file?reason=${encodeURIComponent('发放')}`,
        )
      ).statusCode,
    ).toBe(409);
    expect((await districtA.get(`/api/model-workers/rolls/${roll.id}/sign-off`)).statusCode).toBe(409);
  });

  it('approves once, even when asked twice at once, re-checking who qualifies and naming who changed', async () => {
    const late = await buildModelWorker(t.handle.db, {
      orgUnitId: world.a1.id,
      hardship: true,
      hardshipEvidence: '突发重病',
    });
    const [first, second] = await Promise.all([
      districtA.post(`/api/model-workers/rolls/${roll.id}/approve`),
      districtA.post(`/api/model-workers/rolls/${roll.id}/approve`),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const approved = (first.statusCode === 200 ? first : second).json() as SubsidyRoll;
    expect(approved).toMatchObject({ status: 'approved', recipients: 4, totalFen: 770000 });
    expect(approved.changes).toEqual([
      { workerId: late.id, name: late.name, change: 'added', before: null, after: 240000 },
    ]);
    const lines = await t.handle.db
      .selectFrom('subsidy_roll_line' as never)
      .select(['worker_id'] as never)
      .where('roll_id' as never, '=', roll.id as never)
      .execute();
    expect(lines).toHaveLength(4);
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'subsidy_roll')
      .where('entity_id', '=', String(roll.id))
      .execute();
    expect(audits.map((a) => a.action).filter((a) => a === 'subsidy_roll.approve')).toHaveLength(1);
  });

  it('keeps what was approved when a rule changes afterwards', async () => {
    const res = await districtA.post(`/api/model-workers/subsidy-rules/${rule.id}/versions`, {
      level: 'city',
      condition: 'retired_hardship',
      amountFen: 360000,
      per: 'year',
      validFrom: '2011-01-01',
      reason: '提高补助标准',
    });
    expect(res.statusCode).toBe(200);
    const after = (await districtA.get(`/api/model-workers/rolls/${roll.id}`)).json() as SubsidyRoll;
    expect(after.totalFen).toBe(770000);
    const lines = (
      await districtA.get(`/api/model-workers/rolls/${roll.id}/lines?pageSize=50`)
    ).json() as Page<RollLine>;
    expect(lines.items.filter((l) => l.amountFen === 240000).every((l) => l.ruleVersion === 1)).toBe(true);
  });

  it('exports the bank file with full accounts, audited, and records paid from the returned file', async () => {
    const res = await districtA.get(
      `/api/model-workers/rolls/${roll.id}/bank-file?reason=${encodeURIComponent('交银行代发')}`,
    );
    expect(res.statusCode).toBe(200);
    const wb = await workbook(res.rawPayload);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(5);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => header.indexOf(h) + 1;
    expect(String(sheet.getRow(2).getCell(col('银行账号')).value)).toMatch(/^62220210\d{8}$/);
    const screen = (
      await districtA.get(`/api/model-workers/rolls/${roll.id}/lines`)
    ).json() as Page<RollLine>;
    expect(screen.items[0].bankAccountMasked).toContain('*');

    // A row whose amount was altered: the whole file is refused, naming the row, nothing recorded.
    sheet.getRow(2).getCell(col('发放结果')).value = '成功';
    sheet.getRow(3).getCell(col('发放结果')).value = '成功';
    sheet.getRow(4).getCell(col('发放结果')).value = '成功';
    sheet.getRow(5).getCell(col('发放结果')).value = '失败';
    sheet.getRow(5).getCell(col('备注')).value = '账户已销户';
    const amount = sheet.getRow(3).getCell(col('金额（元）'));
    const kept = amount.value;
    amount.value = 1;
    const refused = await upload(districtA, roll.id, await bytes(wb));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('第 3 行');
    expect(((await districtA.get(`/api/model-workers/rolls/${roll.id}`)).json() as SubsidyRoll).paidFen).toBe(
      0,
    );

    amount.value = kept;
    const ok = await upload(districtA, roll.id, await bytes(wb));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ paid: 3, failed: 1, unchanged: 0 });
    const paid = (await districtA.get(`/api/model-workers/rolls/${roll.id}`)).json() as SubsidyRoll;
    expect(paid.paidFen).toBe(770000 - Number(sheet.getRow(5).getCell(col('金额（元）')).value) * 100);
    const failed = (
      await districtA.get(`/api/model-workers/rolls/${roll.id}/lines?paidStatus=failed`)
    ).json() as Page<RollLine>;
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0].paidNote).toBe('账户已销户');
    expect((await upload(districtB, roll.id, await bytes(wb))).statusCode).toBe(404);

    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'subsidy_roll.bank_export')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ reason: '交银行代发', lines: 4 });
  });

  it('prints a sign-off sheet on A4 and totals the money per unit and period', async () => {
    const res = await districtA.get(`/api/model-workers/rolls/${roll.id}/sign-off`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('size: A4');
    expect(res.body).toContain('本人签字');
    expect(res.body).toContain('合计：4 人，7,700.00 元');
    const totals = (await districtA.get('/api/model-workers/roll-totals?year=2011')).json() as RollTotal[];
    const byUnit = Object.fromEntries(totals.map((r) => [r.orgUnitName, r.totalFen]));
    expect(byUnit).toEqual({ [world.a1.name]: 480000, [world.a2.name]: 290000 });
    expect((await districtB.get('/api/model-workers/roll-totals?year=2011')).json()).toEqual([]);
  });
});

describe('a visit cycle', () => {
  let cycle: VisitCycle;

  it('draws its recipients from the registry by filter, never the deceased or another district', async () => {
    const res = await districtA.post('/api/model-workers/visit-cycles', {
      orgUnitId: world.a.id,
      title: '2011 年重阳节走访慰问退休劳模',
      occasion: '重阳节',
      startsOn: '2011-09-25',
      endsOn: '2011-10-05',
      gift: '慰问品一份',
      amountFen: 50000,
      draw: { status: 'retired' },
    });
    expect(res.statusCode).toBe(200);
    cycle = res.json() as VisitCycle;
    // Four retired in district A (three from the start, one added before approval); the deceased is left out.
    expect(cycle).toMatchObject({ recipients: 4, done: 0, gift: '慰问品一份', amountFen: 50000 });
    const bad = await districtA.post('/api/model-workers/visit-cycles', {
      orgUnitId: world.b.id,
      title: '越权慰问',
      occasion: '春节',
      startsOn: '2011-01-20',
      endsOn: '2011-01-10',
      gift: '慰问品',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('结束日期');
    expect((await districtB.get(`/api/model-workers/visit-cycles/${cycle.id}`)).statusCode).toBe(404);
  });

  it('records who visited and when; the figure of retired model workers visited is a query', async () => {
    const list = (
      await districtA.get(`/api/model-workers/visit-cycles/${cycle.id}/visits`)
    ).json() as Page<Visit>;
    expect(list.total).toBe(4);
    const [first, second] = list.items;
    const put = (workerId: number, payload: Record<string, unknown>, c = districtA) =>
      c.request({
        method: 'PUT',
        url: `/api/model-workers/visit-cycles/${cycle.id}/visits/${workerId}`,
        payload,
      });
    const early = await put(first.workerId, {
      done: true,
      visitedBy: '区总工会主席',
      visitedOn: '2011-09-01',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('慰问日期不能早于活动开始日期');
    expect(
      (await put(first.workerId, { done: true, visitedBy: '区总工会主席', visitedOn: '2011-09-28' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await put(second.workerId, { done: true, visitedBy: '街道工会', visitedOn: '2011-09-30' })).statusCode,
    ).toBe(200);
    expect(
      (await put(second.workerId, { done: true, visitedBy: '越权', visitedOn: '2011-09-30' }, districtB))
        .statusCode,
    ).toBe(404);

    const figures = await districtA.get(
      '/api/model-workers/visit-figures?from=2011-09-01&to=2011-10-31&status=retired',
    );
    expect(figures.json()).toMatchObject({ visited: 2, pending: 2, cycles: 1 });
    expect(figures.json().sentence).toContain('退休劳动模范 2 人');
    expect((await districtB.get('/api/model-workers/visit-figures?status=retired')).json()).toMatchObject({
      visited: 0,
    });

    const file = await districtA.get(`/api/model-workers/visit-cycles/${cycle.id}/visits/export?done=true`);
    expect(file.statusCode).toBe(200);
    expect((await workbook(file.rawPayload)).worksheets[0].rowCount).toBe(3);
  });
});

// The registry's own cases run last: the workers they add change no roll or visit counted above.
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
      .execute();
    const clear = (stored as Array<{ c: Buffer }>).map((r) => Buffer.from(r.c).toString('latin1'));
    expect(clear.some((c) => c.includes(residentId))).toBe(false);

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
