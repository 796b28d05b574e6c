import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistanceCase, AssistanceDashboard, CaseDetail, Page } from '@gonghui/contracts';
import { workingDaysBetween } from '../src/modules/assistance/clocks/clock.definitions.ts';
import { today } from '../src/platform/orgs/dates.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, TEST_PASSWORD } from './factories.ts';
import { buildCase, buildHandler } from './factories/assistance.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;
/** A PUT with the session's CSRF token. */
const put = (c: Client, url: string, payload: object) => c.request({ method: 'PUT', url, payload });
const json = <T>(r: { json(): unknown }) => r.json() as T;
const year = Number(today().slice(0, 4));
/** The median as the app computed it before the figure moved into SQL: the reference the SQL must match. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const count = async (table: string) =>
  Number(
    (
      (await t.handle.db
        .selectFrom(table as 'org_unit')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()) as { n: number | string }
    ).n,
  );

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('legal aid', () => {
  it('names a lawyer among the handlers and records the outcome on the case and its timeline', async () => {
    const c = await buildCase(t.handle.db, { unitId: world.a2.id, type: 'legal_aid' });
    const lawyer = await buildHandler(t.handle.db, { unitId: world.a2.id, name: '援助律师甲' });
    const mediator = await buildHandler(t.handle.db, {
      unitId: world.a2.id,
      kind: 'mediator',
      name: '调解员乙',
    });
    const url = `/api/assistance/cases/${c.id}/legal-aid`;
    const notLawyer = await put(districtA, url, { lawyerId: mediator.id });
    expect(notLawyer.statusCode).toBe(400);
    expect(notLawyer.json().error.message).toContain('不是登记为律师的经办人');
    const badMoney = await put(districtA, url, {
      lawyerId: lawyer.id,
      recoveredFen: 1.5,
      legalOutcome: 'won',
    });
    expect(badMoney.statusCode).toBe(400);
    expect(badMoney.json().error.message).toContain('挽回金额');
    expect(await count('legal_aid_detail')).toBe(0);
    expect((await put(districtB, url, { lawyerId: lawyer.id })).statusCode).toBe(404);
    const named = await put(districtA, url, { lawyerId: lawyer.id });
    expect(named.statusCode).toBe(200);
    const done = await put(districtA, url, {
      lawyerId: lawyer.id,
      legalOutcome: 'won',
      recoveredFen: 3_600_000,
      outcomeNote: '仲裁裁决企业支付拖欠工资',
    });
    expect(done.statusCode).toBe(200);
    const detail = json<CaseDetail>(await districtA.get(`/api/assistance/cases/${c.id}`));
    expect(detail.legalAid).toMatchObject({
      lawyerName: '援助律师甲',
      legalOutcome: 'won',
      recoveredFen: 3_600_000,
    });
    expect(detail.mediation).toBeNull();
    expect(detail.events.filter((e) => e.kind === 'legal_aid').map((e) => e.note)).toEqual([
      expect.stringContaining('援助律师：援助律师甲'),
      expect.stringContaining('挽回金额 36000.00 元'),
    ]);
    const other = await buildCase(t.handle.db, { unitId: world.a2.id, type: 'petition' });
    const wrongType = await put(districtA, `/api/assistance/cases/${other.id}/legal-aid`, {
      lawyerId: lawyer.id,
    });
    expect(wrongType.statusCode).toBe(409);
    expect(wrongType.json().error.message).toContain('不是法律援助案件');
  });
});

describe('mediation', () => {
  it('keeps the parties and sessions, and the agreement is in force once both parties and the mediator sign', async () => {
    const c = await buildCase(t.handle.db, { unitId: world.a2.id, type: 'mediation' });
    const mediator = await buildHandler(t.handle.db, {
      unitId: world.a2.id,
      kind: 'mediator',
      name: '调解员丙',
    });
    const lawyer = await buildHandler(t.handle.db, { unitId: world.a2.id, name: '律师丁' });
    const base = `/api/assistance/cases/${c.id}/mediation`;
    const tooEarly = await put(districtA, `${base}/agreement`, { terms: '企业于十日内支付拖欠的全部工资。' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.message).toContain('请先登记申请方和被申请方');
    expect(
      (await districtA.post(`${base}/parties`, { side: 'applicant', partyName: '张某等十二名职工' }))
        .statusCode,
    ).toBe(200);
    const control = await districtA.post(`${base}/parties`, {
      side: 'respondent',
      partyName: '某\u0000公司',
    });
    expect(control.statusCode).toBe(400);
    expect(control.json().error.message).toContain('控制字符');
    expect(
      (
        await districtA.post(`${base}/parties`, {
          side: 'respondent',
          partyName: '某建筑公司',
          representative: '李经理',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await districtB.post(`${base}/parties`, { side: 'respondent', partyName: '某公司' })).statusCode,
    ).toBe(404);
    const future = await districtA.post(`${base}/sessions`, {
      heldOn: '2999-01-01',
      place: '镇工会调解室',
      note: '双方陈述',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('调解日期不能晚于今天');
    const impossible = await districtA.post(`${base}/sessions`, {
      heldOn: '2011-02-30',
      place: '镇工会调解室',
      note: '双方陈述',
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.message).toContain('调解日期');
    expect(
      (
        await districtA.post(`${base}/sessions`, {
          heldOn: today(),
          place: '镇工会调解室',
          note: '双方陈述诉求，企业同意分期支付',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await put(districtA, `${base}/agreement`, { terms: '企业于十日内支付拖欠的全部工资共计三十六万元。' }))
        .statusCode,
    ).toBe(200);
    const sign = (body: Record<string, unknown>) => districtA.post(`${base}/agreement/sign`, body);
    expect((await sign({ signer: 'applicant', signedOn: today() })).statusCode).toBe(200);
    const twice = await sign({ signer: 'applicant', signedOn: today() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('申请方已于');
    const reword = await put(districtA, `${base}/agreement`, { terms: '企业于二十日内支付拖欠的全部工资。' });
    expect(reword.statusCode).toBe(409);
    const noMediator = await sign({ signer: 'mediator', signedOn: today() });
    expect(noMediator.statusCode).toBe(400);
    expect(noMediator.json().error.message).toContain('请选择签字的调解员');
    const notMediator = await sign({ signer: 'mediator', signedOn: today(), mediatorId: lawyer.id });
    expect(notMediator.statusCode).toBe(400);
    let detail = json<CaseDetail>(await districtA.get(`/api/assistance/cases/${c.id}`));
    expect(detail.mediation?.agreement?.complete).toBe(false);
    expect((await sign({ signer: 'respondent', signedOn: today() })).statusCode).toBe(200);
    expect((await sign({ signer: 'mediator', signedOn: today(), mediatorId: mediator.id })).statusCode).toBe(
      200,
    );
    detail = json<CaseDetail>(await districtA.get(`/api/assistance/cases/${c.id}`));
    expect(detail.mediation?.parties.map((p) => [p.side, p.partyName])).toEqual([
      ['applicant', '张某等十二名职工'],
      ['respondent', '某建筑公司'],
    ]);
    expect(detail.mediation?.sessions).toHaveLength(1);
    expect(detail.mediation?.agreement).toMatchObject({ mediatorName: '调解员丙', complete: true });
    expect(detail.events[detail.events.length - 1].note).toContain('协议生效');
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'assistance_case')
      .where('entity_id', '=', String(c.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['assistance_case.mediation_party', 'assistance_case.mediation_sign']),
    );
  });
});

describe('the dashboard', () => {
  it('counts working days on the State Council calendar, make-up Sundays included', () => {
    // 2024: 29 September (a Sunday) was worked, 1–7 October were the National Day holiday.
    expect(workingDaysBetween('2024-09-28', '2024-10-08')).toBe(3);
    expect(workingDaysBetween('2024-10-08', '2024-10-08')).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('gives the year’s figures within the caller’s territory only', async () => {
    const before = json<AssistanceDashboard>(await districtA.get('/api/assistance/dashboard'));
    const c = await buildCase(t.handle.db, { unitId: world.aVillages[0].id, type: 'petition' });
    const after = json<AssistanceDashboard>(await districtA.get('/api/assistance/dashboard'));
    const petitions = (d: AssistanceDashboard) => d.byType.find((x) => x.type === 'petition')?.open ?? 0;
    expect(petitions(after)).toBe(petitions(before) + 1);
    expect(after.byLevel.find((l) => l.level === 'village')?.n).toBeGreaterThan(0);
    expect(after.byStatus.find((s) => s.status === 'received')?.n).toBeGreaterThan(0);
    expect(after.archivesByCategory.map((a) => a.category)).toEqual(['deep', 'relative', 'sudden', 'none']);
    const other = json<AssistanceDashboard>(await districtB.get('/api/assistance/dashboard'));
    expect(other.byType.every((x) => x.open + x.closed === 0)).toBe(true);
    expect(other.overdue).toBe(0);
    const bad = await districtA.get('/api/assistance/dashboard?year=20x1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('年度');
    expect(c.number).toContain('信访');
  });

  it('reads the median handling time in working days from the stored durations, as the app computed it', async () => {
    const received = ['2024-09-28', '2024-12-30', '2025-01-05', '2025-05-06', '2025-10-09'];
    for (const [i, receivedOn] of received.entries()) {
      const c = await buildCase(t.handle.db, { unitId: world.a2.id, type: 'employment' });
      await t.handle.db
        .updateTable('assistance_case' as 'org_unit')
        .set({ received_on: receivedOn } as never)
        .where('id', '=', c.id)
        .execute();
      const status = i % 2 === 0 ? 'closed' : 'rejected';
      const res = await districtA.post(`/api/assistance/cases/${c.id}/status`, { status, outcome: '已办结' });
      expect(res.statusCode).toBe(200);
    }
    const closed = json<Page<AssistanceCase>>(
      await districtA.get('/api/assistance/cases?open=false&pageSize=200'),
    ).items.filter((x) => x.closedOn!.startsWith(String(year)));
    const expected = median(closed.map((x) => workingDaysBetween(x.receivedOn, x.closedOn!)));
    const figures = json<AssistanceDashboard>(await districtA.get('/api/assistance/dashboard'));
    expect(closed.length).toBeGreaterThanOrEqual(received.length);
    expect(figures.closedCount).toBe(closed.length);
    expect(figures.medianWorkingDays).toBe(expected);
    expect(figures.medianWorkingDays).toBeGreaterThan(0);
    const other = json<AssistanceDashboard>(await districtB.get('/api/assistance/dashboard'));
    expect([other.closedCount, other.medianWorkingDays]).toEqual([0, null]);
  });
});
