import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildMember, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;
let transfer: Transfer;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  const member = await buildMember(t.handle.db, { orgUnitId: world.aVillages[0].id });
  const res = await districtA.post('/api/transfers', {
    memberId: member.id,
    toOrgUnitId: world.bVillages[0].id,
    reason: '到外区工作',
  });
  expect(res.statusCode, res.body).toBe(200);
  transfer = res.json() as Transfer;
});
afterAll(() => t.close());

describe('the transfer letter', () => {
  it('carries a letter number of the year asked and the transfer, the same for both unions', async () => {
    const year = transfer.requestedOn.slice(0, 4);
    expect(transfer.letterNo).toBe(`工会转字〔${year}〕第 ${String(transfer.id).padStart(6, '0')} 号`);
    const theirs = (await districtB.get(`/api/transfers/${transfer.id}`)).json() as Transfer;
    expect(theirs.letterNo).toBe(transfer.letterNo);
    // The letter shows the ID masked only.
    expect(theirs.residentIdMasked).toMatch(/\*{6,}/);
  });

  it("is out of reach of a unit that is neither side's", async () => {
    const townA1 = await login(t.app, world.users.townA1.username, TEST_PASSWORD);
    expect((await townA1.get(`/api/transfers/${transfer.id}`)).statusCode).toBe(404);
  });
});
