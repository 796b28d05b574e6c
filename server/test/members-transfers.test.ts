import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, MemberDetail, OrgUnit, Transfer } from '@gonghui/contracts';
import { enrolBody, employerIn, nextResidentId, villageUnits } from './members-fixtures.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { today } from '../src/platform/orgs/dates.ts';
import dayjs from 'dayjs';

const yesterday = () => dayjs(today()).subtract(1, 'day').format('YYYY-MM-DD');

let t: TestApp;
let changshu: Client;
let dongbang: Client;
let taicang: Client;
let cs: number[];
let tc: number[];

beforeAll(async () => {
  t = await buildTestApp();
  changshu = await login(t.app, 'changshu');
  dongbang = await login(t.app, 'dongbang');
  taicang = await login(t.app, 'taicang');
  cs = await villageUnits(t.handle, '320581', 3);
  tc = await villageUnits(t.handle, '320585', 2);
});
afterAll(() => t.close());

async function enrol(client: Client, body: Record<string, unknown>): Promise<Member> {
  const res = await client.post('/api/members', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Member;
}

describe('transfer between unions', () => {
  it('moves on acceptance, and the history shows every union', async () => {
    const m = await enrol(changshu, enrolBody(cs[0], { joinedOn: '2010-01-01' }));
    const start = await changshu.post('/api/transfers', {
      memberId: m.id,
      toOrgUnitId: tc[0],
      reason: '到太仓工作',
    });
    expect(start.statusCode, start.body).toBe(200);
    const tr = start.json() as Transfer;
    expect(tr.status).toBe('pending');
    const inbox = (await taicang.get('/api/transfers?box=inbox&status=pending')).json() as {
      items: Transfer[];
    };
    expect(inbox.items.map((x) => x.id)).toContain(tr.id);
    expect(inbox.items.find((x) => x.id === tr.id)!.residentIdMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect((await changshu.post(`/api/transfers/${tr.id}/decide`, { accept: true })).statusCode).toBe(403);
    const accepted = await taicang.post(`/api/transfers/${tr.id}/decide`, { accept: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await changshu.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    const detail = (await taicang.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(detail.orgUnitId).toBe(tc[0]);
    expect(detail.history.map((h) => h.orgUnitId)).toEqual([cs[0], tc[0]]);
    expect((await changshu.get(`/api/transfers/${tr.id}`)).statusCode).toBe(200);
    expect((await dongbang.get(`/api/transfers/${tr.id}`)).statusCode).toBe(404);
  });

  it('can be started by the receiving union with the resident ID, and rejected only with a reason', async () => {
    const residentId = nextResidentId();
    const m = await enrol(changshu, enrolBody(cs[1], { residentId }));
    const start = await taicang.post('/api/transfers', {
      residentId,
      toOrgUnitId: tc[1],
      reason: '本人在太仓就业',
    });
    expect(start.statusCode, start.body).toBe(200);
    const tr = start.json() as Transfer;
    expect(tr.initiatedBy).toBe('receiver');
    // The side that did not ask decides: here the union the member belongs to.
    const own = await taicang.post(`/api/transfers/${tr.id}/decide`, { accept: true });
    expect(own.statusCode).toBe(403);
    expect(
      (
        (await changshu.get('/api/transfers?box=inbox&status=pending')).json() as { items: Transfer[] }
      ).items.map((x) => x.id),
    ).toContain(tr.id);
    expect(
      (
        (await taicang.get('/api/transfers?box=outbox&status=pending')).json() as { items: Transfer[] }
      ).items.map((x) => x.id),
    ).toContain(tr.id);
    expect((await changshu.post(`/api/transfers/${tr.id}/decide`, { accept: false })).statusCode).toBe(400);
    const rejected = await changshu.post(`/api/transfers/${tr.id}/decide`, {
      accept: false,
      reason: '未在本单位就业',
    });
    expect((rejected.json() as Transfer).status).toBe('rejected');
    expect(((await changshu.get(`/api/members/${m.id}`)).json() as Member).orgUnitId).toBe(cs[1]);
    const again = await changshu.post(`/api/transfers/${tr.id}/decide`, { accept: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已处理/);
  });

  it('lets exactly one of two simultaneous transfers of a member win, with a clear error for the other', async () => {
    const m = await enrol(changshu, enrolBody(cs[0]));
    const results = await Promise.all([
      changshu.post('/api/transfers', { memberId: m.id, toOrgUnitId: tc[0], reason: '调动一' }),
      changshu.post('/api/transfers', { memberId: m.id, toOrgUnitId: tc[1], reason: '调动二' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.json().error.message).toMatch(/同时只能办理一次接转/);
    const winner = results.find((r) => r.statusCode === 200)!.json() as Transfer;
    const decisions = await Promise.all([
      taicang.post(`/api/transfers/${winner.id}/decide`, { accept: true }),
      taicang.post(`/api/transfers/${winner.id}/decide`, { accept: true }),
    ]);
    expect(decisions.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await taicang.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(detail.history.filter((h) => h.change === 'transfer')).toHaveLength(1);
  });

  it('moves a whole village group working at one enterprise in bulk', async () => {
    const employer = await employerIn(t.handle, '320581');
    const group = [];
    for (let i = 0; i < 3; i++)
      group.push(await enrol(changshu, enrolBody(cs[2], { employerId: employer.id })));
    const other = await enrol(changshu, enrolBody(cs[2]));
    const bulk = await changshu.post('/api/transfers/bulk', {
      fromOrgUnitId: cs[2],
      employerId: employer.id,
      toOrgUnitId: cs[0],
      toEmployerId: employer.id,
      reason: '随企业建会转入',
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    const { batchId, count } = bulk.json() as { batchId: number; count: number };
    expect(count).toBeGreaterThanOrEqual(3);
    const inbox = (await changshu.get('/api/transfers?box=inbox&status=pending&pageSize=200')).json() as {
      items: Transfer[];
    };
    const ids = inbox.items.filter((x) => x.batchId === batchId).map((x) => x.id);
    expect(ids).toHaveLength(count);
    // Whoever asked for a transfer never decides it: a colleague of the same federation does.
    const own = await changshu.post('/api/transfers/decide', { transferIds: ids, accept: true });
    expect(own.json()).toMatchObject({ decided: 0 });
    const admin = await login(t.app, 'admin');
    const colleague = await admin.post('/api/users', {
      username: 'changshu2',
      displayName: '常熟同事',
      role: 'cadre',
      orgUnitId: changshu.orgUnitId,
      password: 'colleague-pass-2011',
    });
    expect(colleague.statusCode, colleague.body).toBe(200);
    const peer = await login(t.app, 'changshu2', 'colleague-pass-2011');
    const decided = await peer.post('/api/transfers/decide', { transferIds: ids, accept: true });
    expect(decided.json()).toEqual({ decided: count, failed: [] });
    for (const m of group)
      expect(((await changshu.get(`/api/members/${m.id}`)).json() as Member).orgUnitId).toBe(cs[0]);
    expect(((await changshu.get(`/api/members/${other.id}`)).json() as Member).orgUnitId).toBe(cs[2]);
    const outside = await taicang.post('/api/transfers/bulk', {
      fromOrgUnitId: cs[2],
      toOrgUnitId: tc[0],
      reason: '越权尝试',
    });
    expect(outside.statusCode).toBe(404);
  });
});

describe('an employer that closes', () => {
  it('closed through its route: the members of its own union move to the union above, retained while unemployed', async () => {
    const employer = await employerIn(t.handle, '320581', true);
    const m = await enrol(changshu, enrolBody(employer.grassrootsUnionId!, { employerId: employer.id }));
    const pending = await changshu.post('/api/transfers', {
      memberId: m.id,
      toOrgUnitId: cs[0],
      reason: '调动',
    });
    expect(pending.statusCode).toBe(200);
    const former = await enrol(changshu, enrolBody(employer.grassrootsUnionId!, { employerId: employer.id }));
    const left = await changshu.post(`/api/members/${former.id}/status`, {
      status: 'left',
      date: today(),
      note: '离职',
    });
    expect(left.statusCode, left.body).toBe(200);
    const closed = await changshu.post(`/api/employers/${employer.id}/close`, { date: today() });
    expect(closed.statusCode).toBe(200);
    const entry = (await changshu.get('/api/audit?action=employer.close')).json() as {
      items: Array<{ entityId: string; after: { members: { moved: number; upperOrgUnitId: number } } }>;
    };
    const outcome = entry.items.find((e) => e.entityId === String(employer.id))!.after.members;
    expect(outcome.upperOrgUnitId).toBe(employer.orgUnitId);
    expect(outcome.moved).toBeGreaterThanOrEqual(1);
    const after = (await changshu.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(after.orgUnitId).toBe(employer.orgUnitId);
    expect(after.status).toBe('unemployed');
    expect(after.employerId).toBeNull();
    expect(after.history.at(-1)!.change).toBe('employer_closed');
    const tr = (await changshu.get(`/api/transfers/${(pending.json() as Transfer).id}`)).json() as Transfer;
    expect(tr.status).toBe('cancelled');
    // Its own union ends the same day, succeeded by the union above.
    const union = (
      await changshu.get(`/api/orgs/${employer.grassrootsUnionId}?asOf=${yesterday()}`)
    ).json() as OrgUnit;
    expect(union.closedOn).toBe(today());
    expect(union.successorId).toBe(employer.orgUnitId);
    const siblings = (await changshu.get(`/api/orgs/${employer.orgUnitId}/children`)).json() as OrgUnit[];
    expect(siblings.some((u) => u.id === employer.grassrootsUnionId)).toBe(false);
    const closedUnion = (await changshu.get('/api/audit?action=org.close')).json() as {
      items: Array<{ entityId: string }>;
    };
    expect(closedUnion.items.some((e) => e.entityId === String(employer.grassrootsUnionId))).toBe(true);
    // Who had left before stays on record at the union as it last was.
    const kept = await changshu.get(`/api/members/${former.id}`);
    expect(kept.statusCode, kept.body).toBe(200);
    expect((kept.json() as MemberDetail).orgUnitId).toBe(employer.grassrootsUnionId);
  });
});
