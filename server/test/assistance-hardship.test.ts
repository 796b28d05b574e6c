import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type {
  AssistanceDashboard,
  HardshipArchive,
  HardshipArchiveDetail,
  ImportStatus,
  Page,
  WorkerTimeline,
} from '@gonghui/contracts';
import { hardshipCategory } from '../src/modules/assistance/hardship/hardship.definitions.ts';
import { assistanceLookups } from '../src/modules/assistance/lookups/lookup.service.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { personalData } from '../src/platform/personal-data/personal-data.ts';
import { archiveColumns } from '../src/modules/assistance/hardship/archive-import.sheet.ts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { today } from '../src/platform/orgs/dates.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, TEST_PASSWORD } from './factories.ts';
import { buildCase } from './factories/assistance.ts';
import { nextResidentId } from './members-fixtures.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;
const year = Number(today().slice(0, 4));
const LINE = 109500; // 1,095.00 yuan a month
const json = <T>(r: { json(): unknown }) => r.json() as T;

const member = (relation: string, annualIncomeFen: number) => ({
  name: relation === 'head' ? '测试户主' : '测试家属',
  relation,
  residentId: nextResidentId(),
  health: 'healthy',
  annualIncomeFen,
  occupation: null,
});
const archiveBody = (over: Record<string, unknown> = {}) => ({
  orgUnitId: world.a2.id,
  members: [member('head', 3_000_000), member('spouse', 0), member('child', 0)],
  unavoidableExpenseFen: 600_000,
  reviewDueOn: `${year + 1}-01-15`,
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('the category rule', () => {
  it('divides (income − expenses) by 12 and by the household, and compares with the line and twice it', () => {
    const at = (incomes: number[], expenses = 0, cause: 'illness' | null = null) =>
      hardshipCategory({
        memberIncomesFen: incomes,
        unavoidableExpenseFen: expenses,
        suddenCause: cause,
        lineMonthlyFen: LINE,
      });
    // 3 people, (30,000 − 6,000) ÷ 12 ÷ 3 = 666.67 yuan a month: below 1,095.
    expect(at([3_000_000, 0, 0], 600_000)).toMatchObject({
      category: 'deep',
      perCapitaMonthlyFen: 66667,
      householdSize: 3,
    });
    // Exactly at the line is not below it.
    expect(at([LINE * 12 * 2, 0]).category).toBe('relative');
    expect(at([LINE * 12 * 2 - 1, 0]).category).toBe('deep');
    expect(at([LINE * 12 * 4, 0]).category).toBe('none');
    expect(at([LINE * 12 * 4 - 1, 0]).category).toBe('relative');
    expect(at([LINE * 12 * 4, 0], 0, 'illness').category).toBe('sudden');
  });
});

describe('hardship archives', () => {
  it('refuses an archive before the district has set its minimum-living line', async () => {
    const res = await districtA.post('/api/hardship/archives', archiveBody());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(`尚未设置 ${year} 年最低生活保障标准`);
  });

  it('lets a district set its own line, not another district’s', async () => {
    const put = (c: Client, orgUnitId: number) =>
      c.request({
        method: 'PUT',
        url: '/api/hardship/lines',
        payload: { orgUnitId, year, monthlyFen: LINE },
      });
    expect((await put(districtB, world.a.id)).statusCode).toBe(400);
    expect((await put(districtA, world.a2.id)).statusCode).toBe(400);
    expect((await put(districtA, world.a.id)).statusCode).toBe(200);
    const lines = json<Array<{ year: number; monthlyFen: number }>>(
      await districtA.get('/api/hardship/lines'),
    );
    expect(lines).toEqual([expect.objectContaining({ year, monthlyFen: LINE })]);
  });

  it('computes the category from the stored inputs, keeps the rule and the line, and follows an income change', async () => {
    const res = await districtA.post('/api/hardship/archives', archiveBody());
    expect(res.statusCode).toBe(200);
    const a = json<HardshipArchive>(res);
    expect(a.category).toBe('deep');
    expect(a.arithmetic).toEqual({
      annualIncomeFen: 3_000_000,
      unavoidableExpenseFen: 600_000,
      householdSize: 3,
      perCapitaMonthlyFen: 66667,
      lineMonthlyFen: LINE,
      lineYear: year,
      lineUnitName: world.a.name,
      ruleVersion: '2026-1',
    });
    expect(a.headResidentIdMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    const detail = json<HardshipArchiveDetail>(await districtA.get(`/api/hardship/archives/${a.id}`));
    const head = detail.members.find((m) => m.relation === 'head')!;
    const edit = (fen: number) =>
      districtA.patch(`/api/hardship/archives/${a.id}/members/${head.id}`, { annualIncomeFen: fen });
    expect(json<HardshipArchive>(await edit(6_000_000)).category).toBe('relative');
    expect(json<HardshipArchive>(await edit(20_000_000)).category).toBe('none');
    const sudden = await districtA.patch(`/api/hardship/archives/${a.id}`, { suddenCause: 'illness' });
    expect(json<HardshipArchive>(sudden).category).toBe('sudden');
    const bad = await edit(-1);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('年收入不能为负');
    expect((await districtB.get(`/api/hardship/archives/${a.id}`)).statusCode).toBe(404);
    expect(
      (await districtB.patch(`/api/hardship/archives/${a.id}/members/${head.id}`, { annualIncomeFen: 0 }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a household without exactly one head or with a bad ID, naming the member', async () => {
    const twoHeads = await districtA.post(
      '/api/hardship/archives',
      archiveBody({ members: [member('head', 0), member('head', 0)] }),
    );
    expect(twoHeads.statusCode).toBe(400);
    expect(twoHeads.json().error.message).toContain('有且只有一位户主');
    const badId = await districtA.post(
      '/api/hardship/archives',
      archiveBody({ members: [member('head', 0), { ...member('child', 0), residentId: '123' }] }),
    );
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toContain('第 2 位家庭成员的身份证号');
    expect((await districtB.post('/api/hardship/archives', archiveBody())).statusCode).toBe(400);
  });

  it('exits and cancels with a reason, lists by category and overdue review, and exports the list', async () => {
    const late = json<HardshipArchive>(
      await districtA.post('/api/hardship/archives', archiveBody({ reviewDueOn: `${year - 1}-06-30` })),
    );
    const overdue = json<Page<HardshipArchive>>(
      await districtA.get('/api/hardship/archives?reviewOverdue=true'),
    );
    expect(overdue.items.map((x) => x.id)).toEqual([late.id]);
    const deep = json<Page<HardshipArchive>>(await districtA.get('/api/hardship/archives?category=deep'));
    expect(deep.items.every((x) => x.category === 'deep')).toBe(true);
    expect(
      (await districtA.post(`/api/hardship/archives/${late.id}/status`, { status: 'exited' })).statusCode,
    ).toBe(400);
    const exited = await districtA.post(`/api/hardship/archives/${late.id}/status`, {
      status: 'exited',
      reason: '再就业，收入稳定',
    });
    expect(json<HardshipArchive>(exited)).toMatchObject({
      status: 'exited',
      statusReason: '再就业，收入稳定',
    });
    expect(
      (await districtA.patch(`/api/hardship/archives/${late.id}`, { unavoidableExpenseFen: 0 })).statusCode,
    ).toBe(409);
    const res = await districtA.get('/api/hardship/archives/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const all = json<Page<HardshipArchive>>(await districtA.get('/api/hardship/archives'));
    expect(sheet.rowCount - 1).toBe(all.total);
    expect(sheet.getRow(1).getCell(10).value).toBe('月人均收入（元）');
    expect(json<Page<HardshipArchive>>(await districtB.get('/api/hardship/archives')).total).toBe(0);
  });

  it('records help all year against the archive, in fen and from a named fund, and finds households never helped', async () => {
    const a = json<HardshipArchive>(await districtA.post('/api/hardship/archives', archiveBody()));
    const never = json<Page<HardshipArchive>>(
      await districtA.get('/api/hardship/archives?neverAssisted=true'),
    );
    expect(never.items.map((x) => x.id)).toContain(a.id);
    const url = `/api/hardship/archives/${a.id}/assistance`;
    const noAmount = await districtA.post(url, { kind: 'money', fund: '帮扶资金', givenOn: `${year}-03-01` });
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json().error.message).toContain('资金帮扶请填写金额');
    const goods = await districtA.post(url, { kind: 'goods', fund: '送温暖物资', givenOn: `${year}-01-20` });
    expect(goods.statusCode).toBe(400);
    expect(goods.json().error.message).toContain('请填写帮扶内容');
    const future = await districtA.post(url, {
      kind: 'money',
      amountFen: 100,
      fund: '帮扶资金',
      givenOn: `${year + 1}-12-31`,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('帮扶日期不能晚于今天');
    const money = await districtA.post(url, {
      kind: 'money',
      amountFen: 150_050,
      fund: '帮扶资金',
      givenOn: `${year}-03-01`,
    });
    expect(json<HardshipArchive>(money).assistedFen).toBe(150_050);
    await districtA.post(url, {
      kind: 'service',
      description: '联系医院减免部分住院费',
      fund: '医疗互助',
      givenOn: `${year}-05-10`,
    });
    const detail = json<HardshipArchiveDetail>(await districtA.get(`/api/hardship/archives/${a.id}`));
    expect(detail.assistance.map((g) => [g.kind, g.amountFen, g.givenOn])).toEqual([
      ['service', null, `${year}-05-10`],
      ['money', 150_050, `${year}-03-01`],
    ]);
    const figures = json<AssistanceDashboard>(await districtA.get('/api/assistance/dashboard'));
    expect(figures.paidByFundMonth).toContainEqual({
      fund: '帮扶资金',
      month: `${year}-03`,
      amountFen: 150_050,
    });
    expect(
      json<AssistanceDashboard>(await districtB.get('/api/assistance/dashboard')).paidByFundMonth,
    ).toEqual([]);
    const stillNever = json<Page<HardshipArchive>>(
      await districtA.get('/api/hardship/archives?neverAssisted=true'),
    );
    expect(stillNever.items.map((x) => x.id)).not.toContain(a.id);
    expect(
      (
        await districtB.post(url, {
          kind: 'money',
          amountFen: 100,
          fund: '帮扶资金',
          givenOn: `${year}-03-01`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('shows help given for a case on the worker’s timeline, with the case', async () => {
    const a = json<HardshipArchive>(await districtA.post('/api/hardship/archives', archiveBody()));
    const c = await buildCase(t.handle.db, { unitId: world.a2.id, type: 'living_aid' });
    const given = await districtA.post(`/api/hardship/archives/${a.id}/assistance`, {
      kind: 'money',
      amountFen: 80_000,
      fund: '帮扶资金',
      givenOn: `${year}-02-01`,
      caseId: c.id,
    });
    expect(given.statusCode).toBe(200);
    const timeline = json<WorkerTimeline>(await districtA.get(`/api/assistance/workers/${c.workerId}/cases`));
    expect(timeline.cases.map((x) => x.id)).toEqual([c.id]);
    expect(timeline.assistance.map((g) => [g.amountFen, g.caseNumber])).toEqual([[80_000, c.number]]);
    expect((await districtB.get(`/api/assistance/workers/${c.workerId}/cases`)).statusCode).toBe(404);
  });
});

describe('the lookups other modules read', () => {
  it('answers a person’s cases, help and archive by ID hash, and whether a case is visible, only in scope', async () => {
    const residentId = nextResidentId();
    const hash = personalData().lookupHash('resident_id', residentId);
    const a = json<HardshipArchive>(
      await districtA.post(
        '/api/hardship/archives',
        archiveBody({ members: [{ ...member('head', 0), residentId }, member('child', 0)] }),
      ),
    );
    const c = await buildCase(t.handle.db, {
      unitId: world.a2.id,
      type: 'living_aid',
      worker: { name: '测试户主', residentId },
    });
    const url = `/api/hardship/archives/${a.id}/assistance`;
    await districtA.post(url, {
      kind: 'money',
      amountFen: 50_000,
      fund: '帮扶资金',
      givenOn: `${year}-02-01`,
    });
    await districtA.post(url, {
      kind: 'money',
      amountFen: 70_000,
      fund: '帮扶资金',
      givenOn: `${year}-03-01`,
      caseId: c.id,
    });
    const db = t.handle.db;
    const inA = systemActor(world.a.id, 'test');
    const inB = systemActor(world.b.id, 'test');
    const village = systemActor(world.aVillages[0].id, 'test');

    const seen = await assistanceLookups.ofPerson(db, inA, hash);
    expect(seen.cases.map((x) => x.id)).toEqual([c.id]);
    expect(seen.assistance.map((g) => [g.amountFen, g.caseNumber])).toEqual([
      [70_000, c.number],
      [50_000, null],
    ]);
    expect(await assistanceLookups.ofPerson(db, inB, hash)).toEqual({ cases: [], assistance: [] });
    // A village below the handling unit is not on the chain: it sees neither the case nor the archive.
    expect(await assistanceLookups.ofPerson(db, village, hash)).toEqual({ cases: [], assistance: [] });
    const unknown = personalData().lookupHash('resident_id', nextResidentId());
    expect(await assistanceLookups.ofPerson(db, inA, unknown)).toEqual({ cases: [], assistance: [] });

    expect(await assistanceLookups.caseVisible(db, inA, c.id)).toBe(true);
    expect(await assistanceLookups.caseVisible(db, systemActor(world.a2.id, 'test'), c.id)).toBe(true);
    expect(await assistanceLookups.caseVisible(db, inB, c.id)).toBe(false);
    expect(await assistanceLookups.caseVisible(db, village, c.id)).toBe(false);
    expect(await assistanceLookups.caseVisible(db, inA, 987_654)).toBe(false);

    expect(await assistanceLookups.archiveOfPerson(db, inA, hash)).toMatchObject({
      id: a.id,
      category: 'deep',
      headResidentIdMasked: expect.stringMatching(/\*/),
    });
    expect(await assistanceLookups.archiveOfPerson(db, inB, hash)).toBeNull();
    expect(await assistanceLookups.archiveOfPerson(db, inA, unknown)).toBeNull();
  });
});

describe('archive import', () => {
  const cells = (o: Partial<Record<(typeof archiveColumns)[number]['key'], string>>) =>
    archiveColumns.map((c) => o[c.key] ?? '');
  async function workbook(rows: string[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('困难职工家庭');
    ws.addRow(archiveColumns.map((c) => c.header));
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  async function importFile(c: Client, body: Buffer, fileName = '困难职工.xlsx') {
    const res = await c.request({
      method: 'POST',
      url: `/api/hardship/archive-imports?fileName=${encodeURIComponent(fileName)}&mode=valid_only`,
      payload: body,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const queued = json<ImportStatus>(res);
    await new JobRunner(t.handle.db, jobHandlers).drain();
    return json<ImportStatus>(await c.get(`/api/hardship/archive-imports/${queued.id}`));
  }
  const archives = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('hardship_archive' as 'org_unit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('groups a head and the rows below into one archive, reports every faulty row by row and column, and changes nothing the second time', async () => {
    const headId = nextResidentId();
    const head = {
      unit: world.a2.name,
      relation: '户主',
      health: '慢性病',
      expense: '6000',
      reviewDueOn: `${year + 1}-02-01`,
    };
    const rows = [
      cells({ ...head, name: '示例户主', residentId: nextResidentId(), income: '1' }),
      cells({ ...head, name: '导入户主', residentId: headId, income: '24000.50', occupation: '个体' }),
      cells({
        relation: '配偶',
        name: '导入配偶',
        residentId: nextResidentId(),
        health: '重病',
        income: '0',
      }),
      cells({
        relation: '子女',
        name: '导入子女',
        residentId: nextResidentId(),
        health: '健康',
        occupation: '小学',
      }),
      cells({ ...head, name: '错误户主', residentId: '12345', income: '3万', reviewDueOn: `${year}-02-30` }),
      cells({ relation: '子女', name: '错误子女', residentId: nextResidentId(), health: '很好' }),
      cells({ ...head, unit: world.b1.name, name: '外区户主', residentId: nextResidentId(), income: '0' }),
      cells({ ...head, name: '控制\t字符', residentId: nextResidentId() }),
    ];
    const before = await archives();
    const done = await importFile(districtA, await workbook(rows));
    expect(done).toMatchObject({ status: 'done', hasReport: true });
    expect(done.result).toMatchObject({ rows: 7, created: 1, unchanged: 0, invalid: 3, applied: true });
    expect(await archives()).toBe(before + 1);

    const report = await districtA.get(`/api/hardship/archive-imports/${done.id}/report`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const lines: string[][] = [];
    wb.worksheets[0].eachRow((r) => lines.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const note = (rowNo: number) =>
      lines.find((l) => l[archiveColumns.length] === String(rowNo))?.[archiveColumns.length + 1];
    expect(lines[0].slice(-2)).toEqual(['原行号', '错误说明']);
    expect(note(6)).toContain('第 6 行「身份证号」');
    expect(note(6)).toContain('第 6 行「年收入（元）」');
    expect(note(6)).toContain('第 6 行「下次复核日期」');
    expect(note(7)).toContain('第 7 行「健康状况」');
    expect(note(8)).toBe('第 8 行「建档单位」：找不到该单位，或该单位不在您的管理范围内');
    expect(lines.flat().join()).not.toContain(world.b.name);
    expect(note(9)).toContain('第 9 行「姓名」：含有不可见的控制字符');
    expect(note(3)).toBeUndefined();

    const list = json<Page<HardshipArchive>>(await districtA.get('/api/hardship/archives?q=导入户主'));
    expect(list.items).toHaveLength(1);
    const detail = json<HardshipArchiveDetail>(
      await districtA.get(`/api/hardship/archives/${list.items[0].id}`),
    );
    expect(detail.members.map((m) => [m.relation, m.annualIncomeFen])).toEqual([
      ['head', 2_400_050],
      ['spouse', 0],
      ['child', 0],
    ]);
    expect(detail).toMatchObject({
      orgUnitId: world.a2.id,
      category: 'deep',
      reviewDueOn: `${year + 1}-02-01`,
    });
    const entries = await t.handle.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'parent_id as parentId', 'entity_id as entityId'])
      .where('action', 'in', ['hardship_archive.import', 'hardship_archive.create'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(entries.map((e) => e.action).sort()).toEqual([
      'hardship_archive.create',
      'hardship_archive.import',
    ]);
    const own = entries.find((e) => e.action === 'hardship_archive.import')!;
    expect(entries.find((e) => e.action === 'hardship_archive.create')).toMatchObject({
      parentId: own.id,
      entityId: String(detail.id),
    });

    const again = await importFile(districtA, await workbook(rows));
    expect(again.result).toMatchObject({ created: 0, unchanged: 1, invalid: 3, applied: true });
    expect(await archives()).toBe(before + 1);
    const changed = rows.map((r) => [...r]);
    changed[1][archiveColumns.findIndex((c) => c.key === 'income')] = '99999';
    const edited = await importFile(districtA, await workbook(changed.slice(0, 4)));
    expect(edited.result).toMatchObject({ created: 0, invalid: 1 });
    expect(await archives()).toBe(before + 1);

    expect((await districtB.get(`/api/hardship/archive-imports/${done.id}`)).statusCode).toBe(404);
    expect((await districtB.get(`/api/hardship/archive-imports/${done.id}/report`)).statusCode).toBe(404);
    const csv = await districtA.request({
      method: 'POST',
      url: `/api/hardship/archive-imports?fileName=a.csv&mode=valid_only`,
      payload: Buffer.from('a,b'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.message).toContain('.xlsx');
    const notSheet = await importFile(districtA, Buffer.from('not a workbook'));
    expect(notSheet.result).toMatchObject({ applied: false, created: 0 });
    expect(notSheet.error).toContain('无法读取');
    expect((await districtA.get('/api/hardship/archive-template')).statusCode).toBe(200);
  });
});
