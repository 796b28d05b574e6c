import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Page, Transfer, Workbench } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildMember, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let districtA: Client;
let districtB: Client;
let transfer: Transfer;

/** District A sends one member to district B, which has it waiting; a second member stays put. */
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  const world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  const member: Member = await buildMember(t.handle.db, { orgUnitId: world.aVillages[0].id });
  await buildMember(t.handle.db, { orgUnitId: world.aVillages[1].id });
  const started = await districtA.post('/api/transfers', {
    memberId: member.id,
    toOrgUnitId: world.bVillages[0].id,
    reason: '到外区工作',
  });
  expect(started.statusCode, started.body).toBe(200);
  transfer = started.json() as Transfer;
});
afterAll(() => t.close());

const pendingCard = async (c: Client) => {
  const res = await c.get('/api/workbench');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Workbench).counters.find((x) => x.key === 'pending-transfers')!;
};

describe('the workbench figure of transfers waiting', () => {
  it('links to the transfers list filtered to those waiting for the caller, which holds as many', async () => {
    const card = await pendingCard(districtB);
    expect(card.value).toBe(1);
    const link = new URL(card.link!, 'http://localhost');
    expect(link.pathname).toBe('/members/transfers');
    expect(Object.fromEntries(link.searchParams)).toEqual({ box: 'inbox', status: 'pending' });
    const list = (await districtB.get(`/api/transfers${link.search}`)).json() as Page<Transfer>;
    expect(list.total).toBe(card.value);
    expect(list.items.map((x) => x.id)).toEqual([transfer.id]);
  });

  it('counts nothing for the sending side, whose list under the same link is empty', async () => {
    const card = await pendingCard(districtA);
    expect(card.value).toBe(0);
    const link = new URL(card.link!, 'http://localhost');
    const list = (await districtA.get(`/api/transfers${link.search}`)).json() as Page<Transfer>;
    expect(list.total).toBe(0);
    const sent = (await districtA.get('/api/transfers?box=outbox&status=pending')).json() as Page<Transfer>;
    expect(sent.items.map((x) => x.id)).toEqual([transfer.id]);
  });
});
