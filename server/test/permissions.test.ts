import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit, User } from '@gonghui/contracts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';

let t: TestApp;
let changshu: Client;
let taicang: Client;

beforeAll(async () => {
  t = await buildTestApp();
  changshu = await login(t.app, 'changshu');
  taicang = await login(t.app, 'taicang');
});
afterAll(() => t.close());

describe('route declarations', () => {
  it('every /api route declares who may call it (a diff here is a permission change)', () => {
    const lines = t.app.apiRoutes.map((r) => `${r.method} ${r.url} → ${r.access}`).sort();
    expect(lines).toMatchInlineSnapshot(`
      [
        "GET /api/audit → audit:read",
        "GET /api/auth/me → authenticated",
        "GET /api/health → public",
        "GET /api/meta → public",
        "GET /api/openapi.json → public",
        "GET /api/orgs/:id → org:read",
        "GET /api/orgs/:id/ancestors → org:read",
        "GET /api/orgs/:id/children → org:read",
        "GET /api/orgs/:id/history → org:read",
        "GET /api/orgs/roots → org:read",
        "GET /api/orgs/search → org:read",
        "GET /api/orgs/tree → org:read",
        "GET /api/users → user:read",
        "GET /api/workbench → authenticated",
        "PATCH /api/users/:id → user:write",
        "POST /api/auth/login → public",
        "POST /api/auth/logout → authenticated",
        "POST /api/orgs → org:write",
        "POST /api/orgs/:id/close → org:write",
        "POST /api/orgs/:id/move → org:write",
        "POST /api/orgs/:id/rename → org:write",
        "POST /api/orgs/merge → org:write",
        "POST /api/users → user:write",
      ]
    `);
  });
});

describe('changshu cannot read or change anything of taicang, through every route', () => {
  let taicangUnit: number;
  let taicangTown: number;
  let taicangUser: number;
  let changshuTown: number;

  beforeAll(async () => {
    taicangUnit = await unitIdByCode(t.handle, '320585');
    taicangTown = ((await taicang.get(`/api/orgs/${taicangUnit}/children`)).json() as OrgUnit[])[0].id;
    taicangUser = ((await taicang.get('/api/users')).json() as { items: User[] }).items[0].id;
    changshuTown = await unitIdByCode(t.handle, '320581107');
  });

  /** A request per route, aimed at taicang's records; a route missing here fails the test. */
  function attacks(): Record<string, { url: string; payload?: unknown }> {
    const date = '2020-01-01';
    return {
      'GET /api/orgs/:id': { url: `/api/orgs/${taicangTown}` },
      'GET /api/orgs/:id/children': { url: `/api/orgs/${taicangUnit}/children` },
      'GET /api/orgs/:id/ancestors': { url: `/api/orgs/${taicangTown}/ancestors` },
      'GET /api/orgs/:id/history': { url: `/api/orgs/${taicangTown}/history` },
      'POST /api/orgs': {
        url: '/api/orgs',
        payload: {
          parentId: taicangTown,
          name: '渗透测试工会',
          kind: 'federation',
          level: 'village',
          validFrom: date,
        },
      },
      'POST /api/orgs/merge': {
        url: '/api/orgs/merge',
        payload: { sourceIds: [taicangTown], target: { existingId: changshuTown }, date },
      },
      'POST /api/orgs/:id/rename': {
        url: `/api/orgs/${taicangTown}/rename`,
        payload: { name: '改名测试', date },
      },
      'POST /api/orgs/:id/move': {
        url: `/api/orgs/${taicangTown}/move`,
        payload: { newParentId: changshuTown, date },
      },
      'POST /api/orgs/:id/close': {
        url: `/api/orgs/${taicangTown}/close`,
        payload: { date, successorId: null },
      },
      'PATCH /api/users/:id': { url: `/api/users/${taicangUser}`, payload: { displayName: '被改名' } },
      'POST /api/users': {
        url: '/api/users',
        payload: {
          username: 'intruder',
          displayName: '入侵',
          role: 'admin',
          orgUnitId: taicangUnit,
          password: 'abc123456789',
        },
      },
    };
  }

  /** Routes with no record to aim at: lists, answered only within the caller's scope (checked below). */
  const scopedLists = new Set([
    'GET /api/health',
    'GET /api/meta',
    'GET /api/openapi.json',
    'POST /api/auth/login',
    'POST /api/auth/logout',
    'GET /api/auth/me',
    'GET /api/workbench',
    'GET /api/orgs/tree',
    'GET /api/orgs/roots',
    'GET /api/orgs/search',
    'GET /api/users',
    'GET /api/audit',
  ]);

  it('answers not found for each record route, exactly as for a missing record', async () => {
    const cases = attacks();
    for (const route of t.app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      if (scopedLists.has(key)) continue;
      const attack = cases[key];
      expect(attack, `no scope case for ${key}: add one`).toBeDefined();
      const res = await changshu.request({
        method: route.method as 'GET',
        url: attack.url,
        payload: attack.payload as object,
      });
      const missing = await changshu.request({
        method: route.method as 'GET',
        url: attack.url.replace(/\/\d+(\/|$)/, '/99999999$1'),
        payload: attack.payload as object,
      });
      expect([404, 400], `${key} answered ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      if (res.statusCode === 404) expect(res.json().error.code).toBe('NOT_FOUND');
      if (attack.url !== attack.url.replace(/\/\d+(\/|$)/, '/99999999$1')) {
        expect(missing.statusCode).toBe(res.statusCode);
        expect(missing.json().error.message).toBe(res.json().error.message);
      }
    }
  });

  it('changed nothing of taicang', async () => {
    const town = (await taicang.get(`/api/orgs/${taicangTown}`)).json() as OrgUnit;
    expect(town.name).not.toBe('改名测试');
    expect(town.parentId).toBe(taicangUnit);
    expect(town.closedOn).toBeNull();
    const users = (await taicang.get('/api/users')).json() as { items: User[] };
    expect(users.items.map((u) => u.displayName)).not.toContain('被改名');
    const children = (await taicang.get(`/api/orgs/${taicangTown}/children`)).json() as OrgUnit[];
    expect(children.map((c) => c.name)).not.toContain('渗透测试工会');
  });

  it('lists and searches only within its own subtree', async () => {
    const tree = (await changshu.get('/api/orgs/tree')).json() as { units: OrgUnit[] };
    const changshuPath = tree.units.find((u) => u.id === changshu.orgUnitId)!.path;
    expect(tree.units.every((u) => u.path.startsWith(changshuPath))).toBe(true);
    expect(tree.units.length).toBeGreaterThan(100);
    const search = (
      await changshu.get(`/api/orgs/search?q=${encodeURIComponent('太仓')}`)
    ).json() as OrgUnit[];
    expect(search).toEqual([]);
    const users = (await changshu.get('/api/users')).json() as { items: User[] };
    expect(users.items.map((u) => u.username).sort()).toEqual(['changshu', 'dongbang']);
    const audit = (await changshu.get('/api/audit?pageSize=200')).json() as {
      items: Array<{ username: string }>;
    };
    expect(audit.items.some((e) => e.username === 'taicang')).toBe(false);
    const roots = (await changshu.get('/api/orgs/roots')).json() as OrgUnit[];
    expect(roots.map((r) => r.name)).toEqual(['常熟市总工会']);
  });

  it('a town union sees its own subtree only, not its district', async () => {
    const dongbang = await login(t.app, 'dongbang');
    expect((await dongbang.get(`/api/orgs/${changshu.orgUnitId}`)).statusCode).toBe(404);
    const ancestors = (await dongbang.get(`/api/orgs/${dongbang.orgUnitId}/ancestors`)).json() as OrgUnit[];
    expect(ancestors).toEqual([]);
  });
});
