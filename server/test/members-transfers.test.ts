import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, MemberDetail, OrgUnit, Transfer } from '@gonghui/contracts';
import { enrolBody, nextResidentId } from './members-fixtures.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import {
  buildDistricts,
  buildEmployer,
  buildEmployerWithUnion,
  buildUser,
  TEST_PASSWORD,
} from './factories.ts';
import { today } from '../src/platform/orgs/dates.ts';
import dayjs from 'dayjs';

const yesterday = () => dayjs(today()).subtract(1, 'day').format('YYYY-MM-DD');

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
/** District A's administrator, a town of district A that holds none of the villages below, district B's. */
let districtA: Client;
let townA1: Client;
let districtB: Client;
let cs: number[];
let tc: number[];

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  townA1 = await login(t.app, world.users.townA1.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  cs = world.aVillages.map((v) => v.id);
  tc = world.bVillages.map((v) => v.id);
});
afterAll(() => t.close());

async function enrol(client: Client, body: Record<string, unknown>): Promise<Member> {
  const res = await client.post('/api/members', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Member;
}

describe('transfer between unions', () => {
  it('moves on acceptance, and the history shows every union', async () => {
    const m = await enrol(districtA, enrolBody(cs[0], { joinedOn: '2010-01-01' }));
    const start = await districtA.post('/api/transfers', {
      memberId: m.id,
      toOrgUnitId: tc[0],
      reason: '到太仓工作',
    });
    expect(start.statusCode, start.body).toBe(200);
    const tr = start.json() as Transfer;
    expect(tr.status).toBe('pending');
    const inbox = (await districtB.get('/api/transfers?box=inbox&status=pending')).json() as {
      items: Transfer[];
    };
    expect(inbox.items.map((x) => x.id)).toContain(tr.id);
    expect(inbox.items.find((x) => x.id === tr.id)!.residentIdMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect((await districtA.post(`/api/transfers/${tr.id}/decide`, { accept: true })).statusCode).toBe(403);
    const accepted = await districtB.post(`/api/transfers/${tr.id}/decide`, { accept: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await districtA.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    const detail = (await districtB.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(detail.orgUnitId).toBe(tc[0]);
    expect(detail.history.map((h) => h.orgUnitId)).toEqual([cs[0], tc[0]]);
    expect((await districtA.get(`/api/transfers/${tr.id}`)).statusCode).toBe(200);
    expect((await townA1.get(`/api/transfers/${tr.id}`)).statusCode).toBe(404);
  });

  it('can be started by the receiving union with the resident ID, and rejected only with a reason', async () => {
    const residentId = nextResidentId();
    const m = await enrol(districtA, enrolBody(cs[1], { residentId }));
    const start = await districtB.post('/api/transfers', {
      residentId,
      toOrgUnitId: tc[1],
      reason: '本人在太仓就业',
    });
    expect(start.statusCode, start.body).toBe(200);
    const tr = start.json() as Transfer;
    expect(tr.initiatedBy).toBe('receiver');
    // The side that did not ask decides: here the union the member belongs to.
    const own = await districtB.post(`/api/transfers/${tr.id}/decide`, { accept: true });
    expect(own.statusCode).toBe(403);
    expect(
      (
        (await districtA.get('/api/transfers?box=inbox&status=pending')).json() as { items: Transfer[] }
      ).items.map((x) => x.id),
    ).toContain(tr.id);
    expect(
      (
        (await districtB.get('/api/transfers?box=outbox&status=pending')).json() as { items: Transfer[] }
      ).items.map((x) => x.id),
    ).toContain(tr.id);
    expect((await districtA.post(`/api/transfers/${tr.id}/decide`, { accept: false })).statusCode).toBe(400);
    const rejected = await districtA.post(`/api/transfers/${tr.id}/decide`, {
      accept: false,
      reason: '未在本单位就业',
    });
    expect((rejected.json() as Transfer).status).toBe('rejected');
    expect(((await districtA.get(`/api/members/${m.id}`)).json() as Member).orgUnitId).toBe(cs[1]);
    const again = await districtA.post(`/api/transfers/${tr.id}/decide`, { accept: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已处理/);
  });

  it('lets exactly one of two simultaneous transfers of a member win, with a clear error for the other', async () => {
    const m = await enrol(districtA, enrolBody(cs[0]));
    const results = await Promise.all([
      districtA.post('/api/transfers', { memberId: m.id, toOrgUnitId: tc[0], reason: '调动一' }),
      districtA.post('/api/transfers', { memberId: m.id, toOrgUnitId: tc[1], reason: '调动二' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.json().error.message).toMatch(/同时只能办理一次接转/);
    const winner = results.find((r) => r.statusCode === 200)!.json() as Transfer;
    const decisions = await Promise.all([
      districtB.post(`/api/transfers/${winner.id}/decide`, { accept: true }),
      districtB.post(`/api/transfers/${winner.id}/decide`, { accept: true }),
    ]);
    expect(decisions.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await districtB.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(detail.history.filter((h) => h.change === 'transfer')).toHaveLength(1);
  });

  it('moves a whole village group working at one enterprise in bulk', async () => {
    const employer = await buildEmployer(t.handle.db, { orgUnitId: world.a2.id });
    const group = [];
    for (let i = 0; i < 3; i++)
      group.push(await enrol(districtA, enrolBody(cs[2], { employerId: employer.id })));
    const other = await enrol(districtA, enrolBody(cs[2]));
    const bulk = await districtA.post('/api/transfers/bulk', {
      fromOrgUnitId: cs[2],
      employerId: employer.id,
      toOrgUnitId: cs[0],
      toEmployerId: employer.id,
      reason: '随企业建会转入',
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    const { batchId, count } = bulk.json() as { batchId: number; count: number };
    expect(count).toBeGreaterThanOrEqual(3);
    const inbox = (await districtA.get('/api/transfers?box=inbox&status=pending&pageSize=200')).json() as {
      items: Transfer[];
    };
    const ids = inbox.items.filter((x) => x.batchId === batchId).map((x) => x.id);
    expect(ids).toHaveLength(count);
    // Whoever asked for a transfer never decides it: a colleague of the same federation does.
    const own = await districtA.post('/api/transfers/decide', { transferIds: ids, accept: true });
    expect(own.json()).toMatchObject({ decided: 0 });
    const colleague = await buildUser(t.handle.db, { unit: world.a, role: 'cadre' });
    const peer = await login(t.app, colleague.username, TEST_PASSWORD);
    const decided = await peer.post('/api/transfers/decide', { transferIds: ids, accept: true });
    expect(decided.json()).toEqual({ decided: count, failed: [] });
    for (const m of group)
      expect(((await districtA.get(`/api/members/${m.id}`)).json() as Member).orgUnitId).toBe(cs[0]);
    expect(((await districtA.get(`/api/members/${other.id}`)).json() as Member).orgUnitId).toBe(cs[2]);
    const outside = await districtB.post('/api/transfers/bulk', {
      fromOrgUnitId: cs[2],
      toOrgUnitId: tc[0],
      reason: '越权尝试',
    });
    expect(outside.statusCode).toBe(404);
  });
});

describe('an employer that closes', () => {
  it('closed through its route: the members of its own union move to the union above, retained while unemployed', async () => {
    const employer = await buildEmployerWithUnion(t.handle.db, { orgUnitId: cs[1] });
    const m = await enrol(districtA, enrolBody(employer.grassrootsUnionId!, { employerId: employer.id }));
    const pending = await districtA.post('/api/transfers', {
      memberId: m.id,
      toOrgUnitId: cs[0],
      reason: '调动',
    });
    expect(pending.statusCode).toBe(200);
    const former = await enrol(
      districtA,
      enrolBody(employer.grassrootsUnionId!, { employerId: employer.id }),
    );
    const left = await districtA.post(`/api/members/${former.id}/status`, {
      status: 'left',
      date: today(),
      note: '离职',
    });
    expect(left.statusCode, left.body).toBe(200);
    const closed = await districtA.post(`/api/employers/${employer.id}/close`, { date: today() });
    expect(closed.statusCode).toBe(200);
    const entry = (await districtA.get('/api/audit?action=employer.close')).json() as {
      items: Array<{ entityId: string; after: { members: { moved: number; upperOrgUnitId: number } } }>;
    };
    const outcome = entry.items.find((e) => e.entityId === String(employer.id))!.after.members;
    expect(outcome.upperOrgUnitId).toBe(employer.orgUnitId);
    expect(outcome.moved).toBeGreaterThanOrEqual(1);
    const after = (await districtA.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(after.orgUnitId).toBe(employer.orgUnitId);
    expect(after.status).toBe('unemployed');
    expect(after.employerId).toBeNull();
    expect(after.history.at(-1)!.change).toBe('employer_closed');
    const tr = (await districtA.get(`/api/transfers/${(pending.json() as Transfer).id}`)).json() as Transfer;
    expect(tr.status).toBe('cancelled');
    // Its own union ends the same day, succeeded by the union above.
    const union = (
      await districtA.get(`/api/orgs/${employer.grassrootsUnionId}?asOf=${yesterday()}`)
    ).json() as OrgUnit;
    expect(union.closedOn).toBe(today());
    expect(union.successorId).toBe(employer.orgUnitId);
    const siblings = (await districtA.get(`/api/orgs/${employer.orgUnitId}/children`)).json() as OrgUnit[];
    expect(siblings.some((u) => u.id === employer.grassrootsUnionId)).toBe(false);
    const closedUnion = (await districtA.get('/api/audit?action=org.close')).json() as {
      items: Array<{ entityId: string }>;
    };
    expect(closedUnion.items.some((e) => e.entityId === String(employer.grassrootsUnionId))).toBe(true);
    // Who had left before stays on record at the union as it last was.
    const kept = await districtA.get(`/api/members/${former.id}`);
    expect(kept.statusCode, kept.body).toBe(200);
    expect((kept.json() as MemberDetail).orgUnitId).toBe(employer.grassrootsUnionId);
  });
});
