import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Member, MemberDetail } from '@gonghui/contracts';
import { enrolBody, nextResidentId } from './members-fixtures.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, buildMember, buildUser, TEST_PASSWORD } from './factories.ts';
import { memberRepository } from '../src/modules/members/registry/member.repository.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
/** District A's and district B's administrators. */
let districtA: Client;
let districtB: Client;
/** Villages of district A and of district B. */
let csVillages: number[];
let tcVillages: number[];

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  csVillages = world.aVillages.map((v) => v.id);
  tcVillages = world.bVillages.map((v) => v.id);
});
afterAll(() => t.close());

async function enrol(client: Client, body: Record<string, unknown>): Promise<Member> {
  const res = await client.post('/api/members', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Member;
}

describe('enrolment', () => {
  it('derives gender and birth date, masks the ID and phone, and never stores them in clear', async () => {
    const residentId = nextResidentId();
    const m = await enrol(
      districtA,
      enrolBody(csVillages[0], { residentId, phone: '138 1234 5678', name: '钱多多（演示）' }),
    );
    expect(m.residentIdMasked).toBe(`${residentId.slice(0, 4)}**********${residentId.slice(-4)}`);
    expect(m.phoneMasked).toBe('138****5678');
    expect(m.birthDate).toBe(
      `${residentId.slice(6, 10)}-${residentId.slice(10, 12)}-${residentId.slice(12, 14)}`,
    );
    expect(m.gender).toBe(Number(residentId[16]) % 2 ? 'male' : 'female');
    const { rows } = await sql<Record<string, unknown>>`select * from member where id = ${m.id}`.execute(
      t.handle.db,
    );
    const raw = JSON.stringify(rows[0], (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    expect(raw).not.toContain(residentId);
    expect(raw).not.toContain(residentId.slice(0, 14));
    expect(raw).not.toContain('13812345678');
    expect(rows[0].resident_id_tail).toBe(residentId.slice(-4));
    const auditRows = await sql<{
      after: unknown;
    }>`select after from audit_log where entity_type = 'member'`.execute(t.handle.db);
    expect(JSON.stringify(auditRows.rows)).not.toContain(residentId);
  });

  it('refuses bad IDs with a message naming the field, and a 15-digit ID with an explanation', async () => {
    const res = await districtA.post(
      '/api/members',
      enrolBody(csVillages[0], { residentId: '320581800101123' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/15 位/);
    const region = await districtA.post(
      '/api/members',
      enrolBody(csVillages[0], { residentId: nextResidentId('329999') }),
    );
    expect(region.statusCode).toBe(400);
    expect(region.json().error.details[0].field).toBe('residentId');
    const phone = await districtA.post('/api/members', enrolBody(csVillages[0], { phone: '12345' }));
    expect(phone.statusCode).toBe(400);
  });

  it('allows one live membership per person in the whole database, naming the union only inside the caller’s scope', async () => {
    const residentId = nextResidentId();
    const first = await enrol(districtA, enrolBody(csVillages[0], { residentId }));
    const again = await districtB.post('/api/members', enrolBody(tcVillages[0], { residentId }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('此人已是其他工会的会员');
    expect(again.body).not.toContain(first.orgUnitName);
    expect(again.body).not.toContain(first.registryNo);
    const inside = await districtA.post('/api/members', enrolBody(csVillages[1], { residentId }));
    expect(inside.statusCode).toBe(409);
    expect(inside.json().error.message).toContain(`已是「${first.orgUnitName}」的会员`);
    expect(inside.json().error.message).toContain(first.registryNo);
  });

  it('lets exactly one of two simultaneous enrolments of the same person win', async () => {
    const residentId = nextResidentId();
    const results = await Promise.all([
      districtA.post('/api/members', enrolBody(csVillages[0], { residentId })),
      districtB.post('/api/members', enrolBody(tcVillages[0], { residentId })),
      districtA.post('/api/members', enrolBody(csVillages[1], { residentId })),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error.message).toMatch(/会员/);
  });
});

describe('search', () => {
  let target: Member;
  const residentId = nextResidentId();
  beforeAll(async () => {
    target = await enrol(
      districtA,
      enrolBody(csVillages[1], { name: '欧阳测试（演示）', residentId, phone: '13700001111' }),
    );
  });

  it('finds by name, full pinyin, initials, ID tail, full ID and phone', async () => {
    for (const q of ['欧阳测', 'ouyangce', 'oycs', residentId.slice(-4), residentId, '137 0000 1111']) {
      const res = (await districtA.get(`/api/members?q=${encodeURIComponent(q)}&pageSize=200`)).json() as {
        items: Member[];
      };
      expect(
        res.items.map((m) => m.id),
        q,
      ).toContain(target.id);
    }
  });

  it('finds nothing of another subtree, even by full ID', async () => {
    const res = (await districtB.get(`/api/members?q=${residentId}`)).json() as {
      items: Member[];
      total: number;
    };
    expect(res.total).toBe(0);
    expect((await districtB.get(`/api/members/${target.id}`)).statusCode).toBe(404);
  });

  it('pages and sorts on the server', async () => {
    for (const name of ['甲测试（演示）', '乙测试（演示）'])
      await buildMember(t.handle.db, { orgUnitId: csVillages[2], name });
    const page = (await districtA.get('/api/members?pageSize=2&sort=name&order=desc')).json() as {
      items: Member[];
      total: number;
    };
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect(page.items[0].name >= page.items[1].name).toBe(true);
  });
});

describe('reveal', () => {
  it('needs a reason and the permission, writes an audit record, and only then answers the clear value', async () => {
    const residentId = nextResidentId();
    const m = await enrol(districtA, enrolBody(csVillages[0], { residentId }));
    const noReason = await districtA.post(`/api/members/${m.id}/reveal`, { field: 'residentId', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const ok = await districtA.post(`/api/members/${m.id}/reveal`, {
      field: 'residentId',
      reason: '核对社保信息',
    });
    expect(ok.json()).toEqual({ field: 'residentId', value: residentId });
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .select(['username', 'after'])
      .where('action', '=', 'personal_data.reveal')
      .where('entity_id', '=', String(m.id))
      .execute();
    expect(entry).toEqual([
      { username: world.users.districtA.username, after: { field: 'residentId', reason: '核对社保信息' } },
    ]);
    expect(
      (await districtB.post(`/api/members/${m.id}/reveal`, { field: 'residentId', reason: '看看' }))
        .statusCode,
    ).toBe(404);

    const cadreUser = await buildUser(t.handle.db, { unit: world.a, role: 'cadre' });
    const cadre = await login(t.app, cadreUser.username, TEST_PASSWORD);
    const forbidden = await cadre.post(`/api/members/${m.id}/reveal`, {
      field: 'residentId',
      reason: '核对信息',
    });
    expect(forbidden.statusCode).toBe(403);
    expect((await cadre.get(`/api/members/${m.id}`)).statusCode).toBe(200);
  });
});

describe('lifecycle', () => {
  it('retains membership on retirement at the same union and keeps a dated history', async () => {
    const m = await enrol(districtA, enrolBody(csVillages[0], { joinedOn: '2005-03-01' }));
    const res = await districtA.post(`/api/members/${m.id}/status`, {
      status: 'retired',
      date: '2020-06-30',
      note: '办理退休',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Member).orgUnitId).toBe(csVillages[0]);
    const detail = (await districtA.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(detail.history.map((h) => [h.status, h.validFrom, h.validTo])).toEqual([
      ['active', '2005-03-01', '2020-06-30'],
      ['retired', '2020-06-30', null],
    ]);
    const again = await districtB.post(
      '/api/members',
      enrolBody(tcVillages[0], { residentId: await revealed(m.id) }),
    );
    expect(again.statusCode).toBe(409);
    const left = await districtA.post(`/api/members/${m.id}/status`, {
      status: 'left',
      date: '2021-01-01',
      note: '本人申请退会',
    });
    expect(left.statusCode).toBe(200);
    expect(
      (await districtB.post('/api/members', enrolBody(tcVillages[0], { residentId: await revealed(m.id) })))
        .statusCode,
    ).toBe(200);
  });

  it('counts active members per employer as of a date, from the history', async () => {
    const employer = await buildEmployer(t.handle.db, { orgUnitId: csVillages[0] });
    // A member of the employer before, so the counts below add to others'.
    await buildMember(t.handle.db, {
      orgUnitId: csVillages[0],
      employerId: employer.id,
      joinedOn: '2010-01-01',
    });
    const before = await memberRepository.activeCountsByEmployer(t.handle.db, '2012-01-01', [employer.id]);
    const m = await enrol(
      districtA,
      enrolBody(csVillages[0], { employerId: employer.id, joinedOn: '2011-06-01' }),
    );
    const counts = await memberRepository.activeCountsByEmployer(t.handle.db, '2012-01-01', [employer.id]);
    expect(counts.get(employer.id)).toBe((before.get(employer.id) ?? 0) + 1);
    const earlier = await memberRepository.activeCountsByEmployer(t.handle.db, '2011-05-31', [employer.id]);
    expect(earlier.get(employer.id) ?? 0).toBe(before.get(employer.id) ?? 0);
    const beforeLeaving = await memberRepository.activeCountsByEmployer(t.handle.db, '2013-06-01', [
      employer.id,
    ]);
    await districtA.post(`/api/members/${m.id}/status`, {
      status: 'left',
      date: '2013-01-01',
      note: '离职退会',
    });
    const later = await memberRepository.activeCountsByEmployer(t.handle.db, '2013-06-01', [employer.id]);
    expect(later.get(employer.id) ?? 0).toBe((beforeLeaving.get(employer.id) ?? 0) - 1);
    const stillThen = await memberRepository.activeCountsByEmployer(t.handle.db, '2012-01-01', [employer.id]);
    expect(stillThen.get(employer.id)).toBe(counts.get(employer.id));
  });
});

async function revealed(id: number): Promise<string> {
  const res = await districtA.post(`/api/members/${id}/reveal`, { field: 'residentId', reason: '测试核对' });
  return (res.json() as { value: string }).value;
}
