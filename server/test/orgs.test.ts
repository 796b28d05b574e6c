import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgHistory, OrgSearchHit, OrgUnit } from '@gonghui/contracts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';

let t: TestApp;
let admin: Client;
let changshu: Client;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin');
  changshu = await login(t.app, 'changshu');
});
afterAll(() => t.close());

const names = (units: OrgUnit[]) => units.map((u) => u.name);

describe('the demo union tree', () => {
  it('has the real Suzhou tree today: 10 county-level, 118 town/street, 2,248 village/community unions', async () => {
    const tree = (await admin.get('/api/orgs/tree')).json() as { units: OrgUnit[] };
    const byLevel = (l: string) => tree.units.filter((u) => u.level === l).length;
    expect(byLevel('city')).toBe(1);
    expect(byLevel('county')).toBe(10);
    expect(byLevel('town')).toBe(118);
    expect(byLevel('village')).toBe(2248);
    const city = (await admin.get('/api/orgs/roots')).json() as OrgUnit[];
    const counties = names((await admin.get(`/api/orgs/${city[0].id}/children`)).json());
    expect(counties).toContain('姑苏区总工会');
    expect(counties).toContain('吴江区总工会');
    expect(counties).not.toContain('金阊区总工会');
  });

  it('shows the 2011 districts as of 2011-09-30, with the streets that later moved', async () => {
    const [city] = (await admin.get('/api/orgs/roots?asOf=2011-09-30')).json() as OrgUnit[];
    const counties = (await admin.get(`/api/orgs/${city.id}/children?asOf=2011-09-30`)).json() as OrgUnit[];
    expect(names(counties)).toEqual(
      expect.arrayContaining(['平江区总工会', '沧浪区总工会', '金阊区总工会', '吴江市总工会']),
    );
    expect(names(counties)).not.toContain('姑苏区总工会');
    expect(counties).toHaveLength(12);
    const jinchang = counties.find((u) => u.name === '金阊区总工会')!;
    expect(jinchang.childCount).toBeGreaterThan(0);
    const streets = (
      await admin.get(`/api/orgs/${jinchang.id}/children?asOf=2011-09-30`)
    ).json() as OrgUnit[];
    expect(names(streets)).toContain('金阊街道工会');
  });

  it('keeps a street’s identity across the 2012 merger: two versions, one under each district', async () => {
    const streetId = await unitIdByCode(t.handle, '320508019');
    const history = (await admin.get(`/api/orgs/${streetId}/history`)).json() as OrgHistory;
    expect(history.versions.map((v) => [v.parentName, v.validFrom, v.validTo, v.change])).toEqual([
      ['金阊区总工会', '2001-01-01', '2012-10-26', 'create'],
      ['姑苏区总工会', '2012-10-26', null, 'merge'],
    ]);
    const gusuId = await unitIdByCode(t.handle, '320508');
    const gusu = (await admin.get(`/api/orgs/${gusuId}/history`)).json() as OrgHistory;
    expect(gusu.unit.predecessors.map((p) => p.name).sort()).toEqual(
      ['平江区总工会', '沧浪区总工会', '金阊区总工会'].sort(),
    );
    const pingjiang = await unitIdByCode(t.handle, '320503');
    const closed = (await admin.get(`/api/orgs/${pingjiang}/history`)).json() as OrgHistory;
    expect(closed.unit).toMatchObject({
      closedOn: '2012-10-26',
      successor: { id: gusuId, name: '姑苏区总工会' },
    });
  });

  it('finds units by name and by pinyin initials, with their ancestors', async () => {
    const hits = (
      await changshu.get(`/api/orgs/search?q=${encodeURIComponent('dbz')}`)
    ).json() as OrgSearchHit[];
    expect(hits.map((h) => h.name)).toEqual(['董浜镇工会']);
    expect(hits[0].ancestorNames).toEqual(['常熟市总工会']);
    const byName = (
      await admin.get(`/api/orgs/search?q=${encodeURIComponent('董浜')}`)
    ).json() as OrgSearchHit[];
    expect(byName[0].ancestorNames).toEqual(['苏州市总工会', '常熟市总工会']);
  });

  it('lists ancestors from the caller’s own unit down', async () => {
    const village = (
      await changshu.get(`/api/orgs/search?q=${encodeURIComponent('董浜')}&limit=100`)
    ).json() as OrgSearchHit[];
    const deep = village.find((h) => h.level === 'village')!;
    const ancestors = (await changshu.get(`/api/orgs/${deep.id}/ancestors`)).json() as OrgUnit[];
    expect(names(ancestors)).toEqual(['常熟市总工会', '董浜镇工会']);
  });
});

describe('changing the tree', () => {
  it('creates, renames, moves and closes a unit, keeping every version', async () => {
    const dongbang = await unitIdByCode(t.handle, '320581107');
    const created = await changshu.post('/api/orgs', {
      parentId: dongbang,
      name: '董浜镇纺织行业联合工会',
      kind: 'joint_union',
      level: 'village',
      jointType: 'industry',
      validFrom: '2020-03-01',
    });
    expect(created.statusCode).toBe(200);
    const id = (created.json() as OrgUnit).id;
    expect(
      (
        await changshu.post(`/api/orgs/${id}/rename`, {
          name: '董浜镇纺织服装行业联合工会',
          date: '2021-01-01',
        })
      ).statusCode,
    ).toBe(200);
    const bixi = await unitIdByCode(t.handle, '320581005');
    const moved = await changshu.post(`/api/orgs/${id}/move`, { newParentId: bixi, date: '2022-06-01' });
    expect(moved.statusCode).toBe(200);
    expect((moved.json() as OrgUnit).parentId).toBe(bixi);
    const history = (await changshu.get(`/api/orgs/${id}/history`)).json() as OrgHistory;
    expect(history.versions.map((v) => [v.name, v.parentName, v.validFrom, v.change])).toEqual([
      ['董浜镇纺织行业联合工会', '董浜镇工会', '2020-03-01', 'create'],
      ['董浜镇纺织服装行业联合工会', '董浜镇工会', '2021-01-01', 'rename'],
      ['董浜镇纺织服装行业联合工会', '碧溪街道工会', '2022-06-01', 'move'],
    ]);
    // as of a date before the move it is still under 董浜镇
    const before = (await changshu.get(`/api/orgs/${dongbang}/children?asOf=2022-01-01`)).json() as OrgUnit[];
    expect(names(before)).toContain('董浜镇纺织服装行业联合工会');
    const closed = await changshu.post(`/api/orgs/${id}/close`, { date: '2023-01-01', successorId: null });
    expect(closed.statusCode).toBe(200);
    const now = (await changshu.get(`/api/orgs/${bixi}/children`)).json() as OrgUnit[];
    expect(names(now)).not.toContain('董浜镇纺织服装行业联合工会');
  });

  it('merges towns into a new one: villages follow with their identity, users move, history is kept', async () => {
    const changshuId = changshu.orgUnitId;
    const towns = (await changshu.get(`/api/orgs/${changshuId}/children`)).json() as OrgUnit[];
    const [a, b] = towns.filter((u) => u.childCount > 0 && u.name !== '董浜镇工会').slice(0, 2);
    const villagesA = (await changshu.get(`/api/orgs/${a.id}/children`)).json() as OrgUnit[];
    const res = await changshu.post('/api/orgs/merge', {
      sourceIds: [a.id, b.id],
      target: { parentId: changshuId, name: '常熟市新合并镇工会' },
      date: '2024-01-01',
    });
    expect(res.statusCode).toBe(200);
    const merged = res.json() as OrgUnit;
    expect(merged.childCount).toBe(a.childCount + b.childCount);
    const villageHistory = (await changshu.get(`/api/orgs/${villagesA[0].id}/history`)).json() as OrgHistory;
    expect(villageHistory.versions.at(-1)).toMatchObject({
      parentName: '常熟市新合并镇工会',
      change: 'merge',
      validFrom: '2024-01-01',
    });
    const then = (await changshu.get(`/api/orgs/${changshuId}/children?asOf=2023-06-30`)).json() as OrgUnit[];
    expect(names(then)).toEqual(expect.arrayContaining([a.name, b.name]));
    expect(names(then)).not.toContain('常熟市新合并镇工会');
    const gone = await changshu.get(`/api/orgs/${a.id}`);
    expect(gone.statusCode).toBe(404);
  });

  it('refuses changes that would break the tree, with Chinese messages', async () => {
    const changshuId = changshu.orgUnitId;
    const dongbang = await unitIdByCode(t.handle, '320581107');
    const village = ((await changshu.get(`/api/orgs/${dongbang}/children`)).json() as OrgUnit[])[0];
    const cycle = await changshu.post(`/api/orgs/${dongbang}/move`, {
      newParentId: village.id,
      date: '2024-02-01',
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toContain('不能把组织调整到它自己或其下级之下');
    const own = await changshu.post(`/api/orgs/${changshuId}/rename`, {
      name: '常熟市总工会（新）',
      date: '2024-02-01',
    });
    expect(own.statusCode).toBe(403);
    const backdated = await changshu.post(`/api/orgs/${dongbang}/rename`, {
      name: '董浜镇总工会',
      date: '1999-01-01',
    });
    expect(backdated.statusCode).toBe(400);
    const future = await changshu.post(`/api/orgs/${dongbang}/rename`, {
      name: '董浜镇总工会',
      date: '2999-01-01',
    });
    expect(future.json().error).toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'date', message: '日期不能晚于今天' }],
    });
    const withChildren = await changshu.post(`/api/orgs/${dongbang}/close`, {
      date: '2024-02-01',
      successorId: null,
    });
    expect(withChildren.statusCode).toBe(409);
    const badName = await changshu.post('/api/orgs', {
      parentId: dongbang,
      name: 'x',
      kind: 'joint_union',
      level: 'village',
      validFrom: '2020-01-01',
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'name', message: '名称至少 2 个字' },
        { field: 'jointType', message: '联合工会须注明区域性或行业性' },
      ]),
    );
  });

  it('records every change in the audit log with before and after', async () => {
    const res = await admin.get('/api/audit?action=org.merge&pageSize=50');
    const page = res.json() as {
      items: Array<{ username: string; before: unknown; after: { target: OrgUnit } }>;
    };
    const byChangshu = page.items.find((e) => e.username === 'changshu')!;
    expect(byChangshu.after.target.name).toBe('常熟市新合并镇工会');
    expect(byChangshu.before).toHaveProperty('sources');
    const renames = (await admin.get('/api/audit?action=org.rename')).json() as { total: number };
    expect(renames.total).toBeGreaterThanOrEqual(1);
  });
});
