import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '@gonghui/contracts';
import { enrolBody } from './members-fixtures.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let member: Member;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  const unit = world.aVillages[0].id;
  const res = await districtA.post('/api/members', enrolBody(unit, { newEmploymentForm: true }));
  expect(res.statusCode, res.body).toBe(200);
  member = res.json() as Member;
});
afterAll(() => t.close());

describe('member edit (PATCH), as the web form sends it', () => {
  it('changes only the fields sent: leaving the flags out keeps them', async () => {
    expect(member).toMatchObject({ migrantWorker: true, newEmploymentForm: true });
    const res = await districtA.patch(`/api/members/${member.id}`, { name: '改名（演示）' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '改名（演示）',
      migrantWorker: true,
      newEmploymentForm: true,
      education: member.education,
      householdType: member.householdType,
      phoneMasked: member.phoneMasked,
    });
    const cleared = await districtA.patch(`/api/members/${member.id}`, { migrantWorker: false, phone: null });
    expect(cleared.json()).toMatchObject({
      migrantWorker: false,
      newEmploymentForm: true,
      phoneMasked: null,
    });
  });

  it('names the field of a refused change in Chinese: an employer outside the scope, a bad phone', async () => {
    const foreign = await buildEmployer(t.handle.db, { orgUnitId: world.bVillages[0].id });
    const res = await districtA.patch(`/api/members/${member.id}`, { employerId: foreign.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'employerId', message: '工作单位不存在或不在您的管辖范围内' },
    ]);
    const phone = await districtA.patch(`/api/members/${member.id}`, { phone: '1234' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.details[0]).toMatchObject({ field: 'phone' });
    expect(phone.json().error.details[0].message).toContain('电话号码');
    const own = await buildEmployer(t.handle.db, { orgUnitId: world.aVillages[1].id });
    const moved = await districtA.patch(`/api/members/${member.id}`, { employerId: own.id });
    expect(moved.json()).toMatchObject({ employerId: own.id, employerName: own.name });
  });
});
