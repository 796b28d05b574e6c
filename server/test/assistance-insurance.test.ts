import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type {
  InsuranceEnrolResult,
  InsuranceClaim,
  InsuranceEnrolment,
  InsurancePlan,
  Page,
} from '@gonghui/contracts';
import { today } from '../src/platform/orgs/dates.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildMember, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let admin: Client;
let districtA: Client;
let districtB: Client;
let plan: InsurancePlan;
const json = <T>(r: { json(): unknown }) => r.json() as T;
const year = Number(today().slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  [admin, districtA, districtB] = await Promise.all(
    [world.users.admin, world.users.districtA, world.users.districtB].map((u) =>
      login(t.app, u.username, TEST_PASSWORD),
    ),
  );
  for (const village of world.aVillages.slice(0, 2)) {
    await buildMember(t.handle.db, { orgUnitId: village.id });
    await buildMember(t.handle.db, { orgUnitId: village.id });
  }
  await buildMember(t.handle.db, { orgUnitId: world.bVillages[0].id });
});
afterAll(() => t.close());

describe('mutual insurance', () => {
  it('sets up a city plan that every district sees, refusing bad amounts by field', async () => {
    const bad = await admin.post('/api/insurance/plans', {
      name: '职工住院医疗互助保障',
      year,
      orgUnitId: world.city.id,
      premiumFen: 5.5,
      maxPayoutFen: 0,
      benefits: '住院自付部分补助',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('每人保费最多两位小数');
    expect(bad.json().error.message).toContain('最高赔付应大于 0');
    const res = await admin.post('/api/insurance/plans', {
      name: '职工住院医疗互助保障',
      year,
      orgUnitId: world.city.id,
      premiumFen: 5000,
      maxPayoutFen: 5_000_000,
      benefits: '住院自付部分补助，每人每年最高 5 万元',
    });
    expect(res.statusCode).toBe(200);
    plan = json<InsurancePlan>(res);
    const seenByB = json<InsurancePlan[]>(await districtB.get('/api/insurance/plans'));
    expect(seenByB.map((p) => p.id)).toEqual([plan.id]);
    const byB = await districtB.post('/api/insurance/plans', { ...plan, orgUnitId: world.a.id });
    expect(byB.statusCode).toBe(400);
  });

  it('enrols a union’s members in bulk once a year, and answers 404 for a union or member outside', async () => {
    const url = `/api/insurance/plans/${plan.id}/enrolments`;
    const first = json<InsuranceEnrolResult>(await districtA.post(url, { unionId: world.aVillages[0].id }));
    expect(first).toEqual({ enrolled: 2, alreadyEnrolled: 0 });
    const again = json<InsuranceEnrolResult>(await districtA.post(url, { unionId: world.aVillages[0].id }));
    expect(again).toEqual({ enrolled: 0, alreadyEnrolled: 2 });
    expect((await districtB.post(url, { unionId: world.aVillages[1].id })).statusCode).toBe(404);
    const bMember = (
      await t.handle.db
        .selectFrom('member')
        .select('id')
        .where('org_unit_id', '=', world.bVillages[0].id)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await districtA.post(url, { memberIds: [bMember] })).statusCode).toBe(404);
    const both = await districtA.post(url, { unionId: world.aVillages[1].id, memberIds: [bMember] });
    expect(both.statusCode).toBe(400);
    const list = json<Page<InsuranceEnrolment>>(await districtA.get(url));
    expect(list.total).toBe(2);
    expect(list.items[0].residentIdMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(json<Page<InsuranceEnrolment>>(await districtB.get(url)).total).toBe(0);
    const file = await districtA.get(`${url}/export`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount - 1).toBe(2);
  });

  it('takes a claim, approves it and pays it, refusing a claim for someone outside with 404', async () => {
    const enrolment = json<Page<InsuranceEnrolment>>(
      await districtA.get(`/api/insurance/plans/${plan.id}/enrolments`),
    ).items[0];
    const tooMuch = await districtA.post('/api/insurance/claims', {
      enrolmentId: enrolment.id,
      amountFen: 6_000_000,
      reason: '住院治疗自付费用',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.message).toContain('申请金额不能超过最高赔付 50000.00 元');
    expect(
      (
        await districtB.post('/api/insurance/claims', {
          enrolmentId: enrolment.id,
          amountFen: 100,
          reason: '越权申请理赔',
        })
      ).statusCode,
    ).toBe(404);
    const claim = json<InsuranceClaim>(
      await districtA.post('/api/insurance/claims', {
        enrolmentId: enrolment.id,
        amountFen: 680_000,
        reason: '住院治疗自付费用',
      }),
    );
    expect(claim.status).toBe('submitted');
    expect(
      (await districtA.post(`/api/insurance/claims/${claim.id}/pay`, { paidOn: today() })).statusCode,
    ).toBe(409);
    expect(
      (await districtB.post(`/api/insurance/claims/${claim.id}/decide`, { approve: true, note: '越权审核' }))
        .statusCode,
    ).toBe(404);
    const over = await districtA.post(`/api/insurance/claims/${claim.id}/decide`, {
      approve: true,
      approvedFen: 700_000,
      note: '同意',
    });
    expect(over.statusCode).toBe(400);
    const ok = json<InsuranceClaim>(
      await districtA.post(`/api/insurance/claims/${claim.id}/decide`, {
        approve: true,
        approvedFen: 500_000,
        note: '按比例补助',
      }),
    );
    expect(ok).toMatchObject({ status: 'approved', approvedFen: 500_000 });
    const paid = json<InsuranceClaim>(
      await districtA.post(`/api/insurance/claims/${claim.id}/pay`, { paidOn: today() }),
    );
    expect(paid).toMatchObject({ status: 'paid', paidOn: today() });
    const list = json<Page<InsuranceClaim>>(await districtA.get('/api/insurance/claims?status=paid'));
    expect(list.items.map((c) => c.id)).toEqual([claim.id]);
    expect(json<Page<InsuranceClaim>>(await districtB.get('/api/insurance/claims')).total).toBe(0);
    const file = await districtA.get('/api/insurance/claims/export?status=paid');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount - 1).toBe(1);
    expect(wb.worksheets[0].getRow(2).getCell(8).value).toBe(5000);
  });
});
