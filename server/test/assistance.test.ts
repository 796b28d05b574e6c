import { syncCaseClocks } from '../src/modules/assistance/clocks/clock-reach.repository.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type {
  AssistanceCase,
  AuditEntry,
  CaseDetail,
  HandlerDetail,
  Page,
  WorkerTimeline,
} from '@gonghui/contracts';
import { today } from '../src/platform/orgs/dates.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildMember, buildUser, TEST_PASSWORD, type BuiltUnit } from './factories.ts';
import { buildCase, buildHandler } from './factories/assistance.ts';
import { nextResidentId } from './members-fixtures.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let village: BuiltUnit;
let otherVillage: BuiltUnit;
let villageUser: Client;
let otherVillageUser: Client;
let town: Client;
let districtA: Client;
let districtB: Client;
let admin: Client;

const year = today().slice(0, 4);
const body = (over: Record<string, unknown> = {}) => ({
  type: 'mediation',
  subject: '集体欠薪纠纷调处',
  narrative: '十二名职工反映企业拖欠两个月工资，要求工会出面协调。',
  worker: { name: '测试职工', residentId: nextResidentId(), phone: '13812345678' },
  ...over,
});
const json = <T>(r: { json(): unknown }) => r.json() as T;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  [village, otherVillage] = world.aVillages;
  const vUser = await buildUser(t.handle.db, { unit: village, role: 'cadre' });
  const oUser = await buildUser(t.handle.db, { unit: otherVillage, role: 'cadre' });
  const tUser = await buildUser(t.handle.db, { unit: world.a2, role: 'cadre' });
  [villageUser, otherVillageUser, town, districtA, districtB, admin] = await Promise.all(
    [
      vUser.username,
      oUser.username,
      tUser.username,
      world.users.districtA.username,
      world.users.districtB.username,
      world.users.admin.username,
    ].map((u) => login(t.app, u, TEST_PASSWORD)),
  );
});
afterAll(() => t.close());

describe('intake', () => {
  it('numbers a case by year, unit, type and sequence and keeps the ID and narrative sealed', async () => {
    const res = await villageUser.post('/api/assistance/cases', body());
    expect(res.statusCode).toBe(200);
    const c = json<AssistanceCase>(res);
    expect(c.number).toMatch(new RegExp(`^${year}-.+-调解-0001$`));
    expect(c.workerResidentIdMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(c.status).toBe('received');
    expect(c.deadlineKind).toBe('arbitration');
    expect(JSON.stringify(c)).not.toContain('十二名职工');
    const stored = await sql<{ n: number }>`select count(*)::int as n from assistance_case
      where position(convert_to('十二名职工', 'UTF8') in narrative_cipher) > 0`.execute(t.handle.db);
    expect(stored.rows[0].n).toBe(0);
    const second = json<AssistanceCase>(await villageUser.post('/api/assistance/cases', body()));
    expect(second.number).toBe(c.number.replace(/0001$/, '0002'));
  });

  it('tells apart two units of the same short name in the number', async () => {
    const { rows } = await sql<{ code: string }>`select code from case_unit_code`.execute(t.handle.db);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('refuses a body with missing or wrong fields, naming each field in Chinese, and writes nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from assistance_case`.execute(
      t.handle.db,
    );
    const empty = await villageUser.post('/api/assistance/cases', {});
    expect(empty.statusCode).toBe(400);
    for (const text of ['请选择案件类型', '请填写事由', '请填写情况描述'])
      expect(empty.json().error.message).toContain(text);
    const badId = await villageUser.post(
      '/api/assistance/cases',
      body({ worker: { name: '测试职工', residentId: '123' } }),
    );
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toContain('职工身份证号');
    const both = await villageUser.post('/api/assistance/cases', body({ memberId: 1 }));
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toContain('二者选其一');
    const after = await sql<{ n: number }>`select count(*)::int as n from assistance_case`.execute(
      t.handle.db,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('links a member of the caller’s registry, and one worker keeps one timeline of cases', async () => {
    const member = await buildMember(t.handle.db, { orgUnitId: village.id });
    const first = json<AssistanceCase>(
      await villageUser.post(
        '/api/assistance/cases',
        body({ worker: null, memberId: member.id, type: 'living_aid' }),
      ),
    );
    expect(first.workerIsMember).toBe(true);
    expect(first.workerName).toBe(member.name);
    const second = json<AssistanceCase>(
      await villageUser.post(
        '/api/assistance/cases',
        body({ worker: null, memberId: member.id, type: 'legal_aid' }),
      ),
    );
    expect(second.workerId).toBe(first.workerId);
    const all = json<WorkerTimeline>(
      await villageUser.get(`/api/assistance/workers/${first.workerId}/cases`),
    );
    expect(all.cases.map((c) => c.id)).toEqual([first.id, second.id]);
    const legal = json<WorkerTimeline>(
      await villageUser.get(`/api/assistance/workers/${first.workerId}/cases?type=legal_aid`),
    );
    expect(legal.cases.map((c) => c.id)).toEqual([second.id]);
    expect((await districtB.get(`/api/assistance/workers/${first.workerId}/cases`)).statusCode).toBe(404);
    const outside = await districtB.post(
      '/api/assistance/cases',
      body({ worker: null, memberId: member.id }),
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('会员不存在或不在您的管辖范围内');
  });

  it('never repeats or skips a number when 20 intakes run at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        otherVillageUser.post('/api/assistance/cases', body({ type: 'petition' })),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const seqs = results.map((r) => Number(json<AssistanceCase>(r).number.slice(-4))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('the handling chain', () => {
  it('lets a village escalate, the district resolve, the village see the outcome and no other district see it', async () => {
    const c = json<AssistanceCase>(
      await villageUser.post('/api/assistance/cases', body({ type: 'legal_aid' })),
    );
    const url = `/api/assistance/cases/${c.id}`;
    expect((await otherVillageUser.get(url)).statusCode).toBe(404);
    expect((await districtB.get(url)).statusCode).toBe(404);
    expect((await town.get(url)).statusCode).toBe(200);

    const noReason = await villageUser.post(`${url}/escalate`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('上报原因');
    const up = await villageUser.post(`${url}/escalate`, { reason: '涉及跨村企业，需镇工会协调' });
    expect(up.statusCode).toBe(200);
    expect(json<AssistanceCase>(up).handlingUnitId).toBe(world.a2.id);
    const readOnly = await villageUser.post(`${url}/status`, { status: 'accepted' });
    expect(readOnly.statusCode).toBe(409);
    expect(readOnly.json().error.message).toContain('您只能查看');
    expect((await town.post(`${url}/escalate`, { reason: '需区总工会法律援助律师' })).statusCode).toBe(200);

    expect((await districtA.post(`${url}/status`, { status: 'accepted' })).statusCode).toBe(200);
    const resolved = await districtA.post(`${url}/status`, {
      status: 'resolved',
      outcome: '律师代理仲裁，已追回工资',
    });
    expect(resolved.statusCode).toBe(200);

    const seen = json<CaseDetail>(await villageUser.get(url));
    expect(seen.status).toBe('resolved');
    expect(seen.outcome).toBe('律师代理仲裁，已追回工资');
    expect(seen.canAct).toBe(false);
    expect(seen.chain.map((u) => u.orgUnitId)).toEqual([village.id, world.a2.id, world.a.id]);
    expect(seen.events.map((e) => e.kind)).toEqual(['intake', 'escalate', 'escalate', 'status', 'status']);
    expect(seen.events[1].note).toContain('涉及跨村企业');
    expect((await districtB.get(url)).statusCode).toBe(404);
    const listB = json<Page<AssistanceCase>>(await districtB.get('/api/assistance/cases'));
    expect(listB.items.map((x) => x.id)).not.toContain(c.id);
    const audit = json<Page<AuditEntry>>(
      await admin.get(`/api/audit?entityType=assistance_case&entityId=${c.id}&pageSize=50`),
    );
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'assistance_case.intake',
        'assistance_case.escalate',
        'assistance_case.status',
      ]),
    );
  });

  it('refers a case down to a unit below, with a reason, and refuses one outside', async () => {
    const c = json<AssistanceCase>(await town.post('/api/assistance/cases', body({ type: 'employment' })));
    const url = `/api/assistance/cases/${c.id}`;
    expect((await villageUser.get(url)).statusCode).toBe(404);
    const sideways = await town.post(`${url}/refer`, {
      orgUnitId: world.bVillages[0].id,
      reason: '就近办理',
    });
    expect(sideways.statusCode).toBe(400);
    expect(sideways.json().error.message).toContain('转交单位');
    expect(
      (await town.post(`${url}/refer`, { orgUnitId: village.id, reason: '职工住在本村，就近办理' }))
        .statusCode,
    ).toBe(200);
    const seen = json<CaseDetail>(await villageUser.get(url));
    expect(seen.canAct).toBe(true);
    expect(seen.handlingUnitId).toBe(village.id);
  });

  it('refuses statuses that may not follow each other, in Chinese, and asks for an outcome', async () => {
    const c = await buildCase(t.handle.db, { unitId: village.id });
    const url = `/api/assistance/cases/${c.id}/status`;
    const skip = await villageUser.post(url, { status: 'in_progress' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.message).toBe(
      '案件当前为「已登记」，不能改为「办理中」，只能改为「已受理」、「不予受理」、「已关闭」',
    );
    const noOutcome = await villageUser.post(url, { status: 'rejected' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().error.message).toContain('请填写办理结果');
    expect(
      (await villageUser.post(url, { status: 'rejected', outcome: '不属于工会受理范围，已告知' })).statusCode,
    ).toBe(200);
    const again = await villageUser.post(url, { status: 'accepted' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('已不能再变更');
  });
});

describe('handlers', () => {
  it('assigns handlers with and without accounts, keeps the history and reassigns in bulk', async () => {
    const staffUser = await buildUser(t.handle.db, { unit: world.a2, role: 'cadre' });
    const staff = await buildHandler(t.handle.db, {
      unitId: world.a2.id,
      kind: 'staff',
      name: '镇工会干事',
      userId: staffUser.id,
    });
    const lawyer = await buildHandler(t.handle.db, { unitId: world.a2.id, name: '外聘律师' });
    const cases = [];
    for (let i = 0; i < 3; i++)
      cases.push(await buildCase(t.handle.db, { unitId: world.a2.id, handlerId: lawyer.id }));
    expect(
      (await districtB.post(`/api/assistance/cases/${cases[0].id}/assign`, { handlerId: staff.id }))
        .statusCode,
    ).toBe(404);
    const moved = await town.post(`/api/assistance/handlers/${lawyer.id}/reassign`, {
      toHandlerId: staff.id,
      reason: '律师合同到期',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().moved).toBe(3);
    const detail = json<CaseDetail>(await town.get(`/api/assistance/cases/${cases[0].id}`));
    expect(detail.handlerName).toBe('镇工会干事');
    expect(detail.assignments.map((a) => [a.handlerName, a.to === null])).toEqual([
      ['外聘律师', false],
      ['镇工会干事', true],
    ]);
    const handlers = json<Page<{ id: number; openCases: number }>>(
      await town.get('/api/assistance/handlers'),
    );
    expect(handlers.items.find((h) => h.id === staff.id)?.openCases).toBe(3);
    const history = json<HandlerDetail>(await town.get(`/api/assistance/handlers/${lawyer.id}`));
    expect(history.userId).toBeNull();
    expect(history.assignments.map((a) => [a.caseNumber, a.to !== null])).toEqual(
      [...cases].reverse().map((c) => [c.number, true]),
    );
    const staffHistory = json<HandlerDetail>(await town.get(`/api/assistance/handlers/${staff.id}`));
    expect(staffHistory.userId).toBe(staffUser.id);
    expect(staffHistory.assignments.filter((a) => a.to === null)).toHaveLength(3);
    const hidden = await districtB.get(`/api/assistance/handlers/${staff.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.message).toBe(
      (await districtB.get('/api/assistance/handlers/2147483647')).json().error.message,
    );
    expect(json<Page<unknown>>(await districtB.get('/api/assistance/handlers')).items).toEqual([]);
    const file = await town.get('/api/assistance/handlers/export?kind=lawyer');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const lawyers = json<Page<unknown>>(await town.get('/api/assistance/handlers?kind=lawyer')).total;
    expect(wb.worksheets[0].rowCount - 1).toBe(lawyers);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('姓名');
    const foreign = await districtB.post(`/api/assistance/handlers/${staff.id}/reassign`, {
      toHandlerId: staff.id,
      reason: '测试',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('经办人不存在或不在您的管辖范围内');
  });
});

describe('personal details and files', () => {
  it('shows the ID, phone and narrative only for a reason, and audits the reading', async () => {
    const residentId = nextResidentId();
    const c = json<AssistanceCase>(
      await villageUser.post(
        '/api/assistance/cases',
        body({ worker: { name: '测试职工', residentId, phone: '13812345678' } }),
      ),
    );
    const url = `/api/assistance/cases/${c.id}/reveal`;
    expect((await villageUser.post(url, {})).statusCode).toBe(400);
    expect((await districtB.post(url, { reason: '核对身份' })).statusCode).toBe(404);
    const shown = await villageUser.post(url, { reason: '核对身份' });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      residentId,
      phone: '13812345678',
      narrative: expect.stringContaining('十二名职工'),
    });
    const audit = json<Page<AuditEntry>>(
      await admin.get(`/api/audit?action=personal_data.reveal&pageSize=50`),
    );
    expect(
      audit.items.some((a) => a.entityId === String(c.id) || a.entityId === (c.id as unknown as string)),
    ).toBe(true);
  });

  it('keeps attached files in the database and refuses a wrong kind with a clear message', async () => {
    const c = await buildCase(t.handle.db, { unitId: village.id });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 0x20), Buffer.from('%%EOF\n')]);
    const up = await villageUser.request({
      method: 'POST',
      url: `/api/assistance/cases/${c.id}/attachments?fileName=${encodeURIComponent('工资条.pdf')}`,
      payload: pdf,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(up.statusCode).toBe(200);
    const bad = await villageUser.request({
      method: 'POST',
      url: `/api/assistance/cases/${c.id}/attachments?fileName=run.exe`,
      payload: Buffer.from('MZ...'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('只能上传以下类型的附件');
    const detail = json<CaseDetail>(await villageUser.get(`/api/assistance/cases/${c.id}`));
    expect(detail.attachments.map((a) => a.fileName)).toEqual(['工资条.pdf']);
    const file = await town.get(`/api/assistance/cases/${c.id}/attachments/${detail.attachments[0].id}`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const other = `/api/assistance/cases/${c.id}/attachments/${detail.attachments[0].id}`;
    expect((await districtB.get(other)).statusCode).toBe(404);
    expect((await districtB.get(`/api/attachments/${detail.attachments[0].id}`)).statusCode).toBe(404);
    // Referred down to another village, the case's files go with it.
    await villageUser.post(`/api/assistance/cases/${c.id}/escalate`, { reason: '需镇工会协调' });
    await town.post(`/api/assistance/cases/${c.id}/refer`, {
      orgUnitId: otherVillage.id,
      reason: '职工已搬到邻村',
    });
    const moved = json<CaseDetail>(await otherVillageUser.get(`/api/assistance/cases/${c.id}`));
    expect(moved.attachments.map((a) => a.fileName)).toEqual(['工资条.pdf']);
    const there = await otherVillageUser.get(
      `/api/assistance/cases/${c.id}/attachments/${moved.attachments[0].id}`,
    );
    expect(there.rawPayload.equals(pdf)).toBe(true);
    const wrongCase = await otherVillageUser.get(`/api/assistance/cases/${c.id}/attachments/99999999`);
    expect(wrongCase.statusCode).toBe(404);
  });
});

describe('clocks, the overdue list and the workbench', () => {
  it('pauses while waiting on the worker, lists overdue cases and counts them on the workbench', async () => {
    const c = await buildCase(t.handle.db, { unitId: otherVillage.id, type: 'living_aid' });
    // Dated back 30 days: its 5 working days to accept ran out long ago.
    await sql`update assistance_case set received_on = received_on - 30,
      due_on = due_on - 30, warn_on = warn_on - 30 where id = ${c.id}`.execute(t.handle.db);
    await syncCaseClocks(t.handle.db, c.id);
    const overdue = json<Page<AssistanceCase>>(
      await otherVillageUser.get('/api/assistance/cases?clock=overdue'),
    );
    expect(overdue.items.map((x) => x.id)).toContain(c.id);
    expect(overdue.items.every((x) => x.overdue)).toBe(true);
    const bench = json<{ counters: Array<{ key: string; value: number }> }>(
      await otherVillageUser.get('/api/workbench'),
    );
    const before = bench.counters.find((k) => k.key === 'assistance-overdue')!.value;
    expect(before).toBeGreaterThanOrEqual(1);
    const otherBench = json<{ counters: Array<{ key: string; value: number }> }>(
      await districtB.get('/api/workbench'),
    );
    expect(otherBench.counters.find((k) => k.key === 'assistance-overdue')!.value).toBe(0);

    const paused = await otherVillageUser.post(`/api/assistance/cases/${c.id}/pause`, {
      note: '等待职工补交医疗费票据',
    });
    expect(paused.statusCode).toBe(200);
    expect(json<AssistanceCase>(paused)).toMatchObject({ paused: true, overdue: false, dueOn: null });
    expect(
      (await otherVillageUser.post(`/api/assistance/cases/${c.id}/pause`, { note: '再次暂停' })).statusCode,
    ).toBe(409);
    const after = json<{ counters: Array<{ key: string; value: number }> }>(
      await otherVillageUser.get('/api/workbench'),
    );
    expect(after.counters.find((k) => k.key === 'assistance-overdue')!.value).toBe(before - 1);
    const resumed = json<AssistanceCase>(
      await otherVillageUser.post(`/api/assistance/cases/${c.id}/resume`, { note: '票据已补齐' }),
    );
    expect(resumed.paused).toBe(false);
    expect(resumed.dueOn).not.toBeNull();
  });

  it('allows one petition extension within the limit, approved and told', async () => {
    const c = await buildCase(t.handle.db, { unitId: village.id, type: 'petition' });
    const url = `/api/assistance/cases/${c.id}`;
    const early = await villageUser.post(`${url}/extend`, {
      days: 10,
      reason: '需现场核查',
      approvedBy: '张主席',
      noticeOn: today(),
    });
    expect(early.statusCode).toBe(409);
    await villageUser.post(`${url}/status`, { status: 'accepted' });
    const before = json<AssistanceCase>(await villageUser.get(url));
    const long = await villageUser.post(`${url}/extend`, {
      days: 31,
      reason: '需现场核查',
      approvedBy: '张主席',
      noticeOn: today(),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('延长天数最多 30 天');
    const ok = json<AssistanceCase>(
      await villageUser.post(`${url}/extend`, {
        days: 30,
        reason: '需现场核查',
        approvedBy: '张主席',
        noticeOn: today(),
      }),
    );
    expect(ok.extendedDays).toBe(30);
    expect(ok.dueOn! > before.dueOn!).toBe(true);
    const twice = await villageUser.post(`${url}/extend`, {
      days: 5,
      reason: '再延',
      approvedBy: '张主席',
      noticeOn: today(),
    });
    expect(twice.statusCode).toBe(409);
  });

  it('lets only the city change a type’s clock, and audits it', async () => {
    const rule = {
      dayKind: 'working',
      acceptDays: 5,
      handleDays: 25,
      handleFromReceipt: false,
      extensionMaxDays: 10,
    };
    const byDistrict = await districtA.request({
      method: 'PUT',
      url: '/api/assistance/clock-rules/employment',
      payload: rule,
    });
    expect(byDistrict.statusCode).toBe(403);
    const byCity = await admin.request({
      method: 'PUT',
      url: '/api/assistance/clock-rules/employment',
      payload: rule,
    });
    expect(byCity.statusCode).toBe(200);
    const rules = json<Array<{ type: string; handleDays: number }>>(
      await town.get('/api/assistance/clock-rules'),
    );
    expect(rules.find((r) => r.type === 'employment')?.handleDays).toBe(25);
    expect(rules.find((r) => r.type === 'mediation')).toMatchObject({ dayKind: 'calendar', handleDays: 15 });
  });
});

describe('living assistance', () => {
  it('needs the upper level’s approval above the district’s threshold before it is resolved', async () => {
    const c = await buildCase(t.handle.db, { unitId: village.id, type: 'living_aid' });
    const url = `/api/assistance/cases/${c.id}`;
    await villageUser.post(`${url}/status`, { status: 'accepted' });
    const early = await villageUser.post(`${url}/status`, { status: 'resolved', outcome: '已发放救助金' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('请先登记救助金额');
    expect(
      json<AssistanceCase>(await villageUser.post(`${url}/aid`, { amountFen: 500_000 })).aidAmountFen,
    ).toBe(500_000);
    const refused = await villageUser.post(`${url}/status`, { status: 'resolved', outcome: '已发放救助金' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(
      '救助金额 5000.00 元超过审批限额 3000.00 元，须经上级工会审批后才能办结',
    );
    expect((await villageUser.post(`${url}/aid/approve`, { note: '自行审批' })).statusCode).toBe(409);
    expect((await districtB.post(`${url}/aid/approve`, { note: '越权审批' })).statusCode).toBe(404);
    const approved = json<AssistanceCase>(await town.post(`${url}/aid/approve`, { note: '情况属实，同意' }));
    expect(approved.aidApprovedOn).toBe(today());
    expect(approved.aidApprovedByName).toBe(world.a2.name);
    expect(
      (await villageUser.post(`${url}/status`, { status: 'resolved', outcome: '已发放救助金' })).statusCode,
    ).toBe(200);

    const put = (c2: Client, orgUnitId: number) =>
      c2.request({
        method: 'PUT',
        url: '/api/assistance/aid-thresholds',
        payload: { orgUnitId, thresholdFen: 600_000 },
      });
    expect((await put(districtB, world.a.id)).statusCode).toBe(400);
    expect((await put(districtA, world.a.id)).statusCode).toBe(200);
    const small = await buildCase(t.handle.db, { unitId: village.id, type: 'living_aid' });
    const small2 = `/api/assistance/cases/${small.id}`;
    await villageUser.post(`${small2}/status`, { status: 'accepted' });
    await villageUser.post(`${small2}/aid`, { amountFen: 500_000 });
    expect(
      (await villageUser.post(`${small2}/status`, { status: 'resolved', outcome: '已发放救助金' }))
        .statusCode,
    ).toBe(200);
    const legal = await buildCase(t.handle.db, { unitId: village.id, type: 'legal_aid' });
    expect(
      (await villageUser.post(`/api/assistance/cases/${legal.id}/aid`, { amountFen: 100 })).statusCode,
    ).toBe(409);
  });
});

describe('the case list', () => {
  it('pages, filters and exports exactly the filtered rows within the caller’s scope', async () => {
    const page = json<Page<AssistanceCase>>(await town.get('/api/assistance/cases?type=petition&pageSize=5'));
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThanOrEqual(20);
    expect(page.items.every((c) => c.type === 'petition')).toBe(true);
    const res = await town.get('/api/assistance/cases/export?type=petition');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('案件编号');
    expect(sheet.rowCount - 1).toBe(page.total);
    expect((await districtB.get(`/api/assistance/cases/export?orgUnitId=${world.a2.id}`)).statusCode).toBe(
      404,
    );
    const bad = await town.get('/api/assistance/cases?status=done');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('案件状态');
  });
});
