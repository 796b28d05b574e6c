import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

const tryLogin = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login and sessions', () => {
  it('sets an HttpOnly SameSite session cookie and answers who is logged in', async () => {
    const res = await tryLogin('dongbang', 'gonghui-demo');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gonghui_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json()).toMatchObject({ user: { username: 'dongbang', orgUnit: { name: '董浜镇工会' } } });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { gonghui_session: cookie.value },
    });
    expect(me.json().user.username).toBe('dongbang');
  });

  it('refuses a wrong password or an unknown user with the same Chinese message', async () => {
    const wrong = await tryLogin('taicang', 'not-the-password');
    const unknown = await tryLogin('nobody', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('locks an account after 5 wrong passwords, even against the right one, until an admin unlocks it', async () => {
    const wuzhong = await login(t.app, 'wuzhong');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await tryLogin('wuzhong', `wrong-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const locked = await tryLogin('wuzhong', 'gonghui-demo');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toContain('锁定');
    const users = (await admin.get('/api/users?q=wuzhong')).json() as {
      items: Array<{ id: number; lockedUntil: string | null }>;
    };
    expect(users.items[0].lockedUntil).not.toBeNull();
    expect((await admin.patch(`/api/users/${users.items[0].id}`, { unlock: true })).statusCode).toBe(200);
    expect((await tryLogin('wuzhong', 'gonghui-demo')).statusCode).toBe(200);
    const failures = (await admin.get('/api/audit?action=auth.login_failed&username=wuzhong')).json() as {
      total: number;
    };
    expect(failures.total).toBe(5);
    expect((await wuzhong.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const c = await login(t.app, 'changshu');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await c.get('/api/orgs/tree');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('asks for a login before anything else, even before validating the input', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/orgs', payload: { nonsense: true } });
    expect(res.statusCode).toBe(401);
  });
});

describe('CSRF, roles and headers', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/orgs/1/rename',
      payload: { name: '苏州市总工会', date: '2020-01-01' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('lets a viewer read the tree but not change it', async () => {
    const created = await admin.post('/api/users', {
      username: 'viewer1',
      displayName: '只读干部',
      role: 'viewer',
      orgUnitId: admin.orgUnitId,
      password: 'viewer-pass-2026',
    });
    expect(created.statusCode).toBe(200);
    const viewer = await login(t.app, 'viewer1', 'viewer-pass-2026');
    expect((await viewer.get('/api/orgs/tree')).statusCode).toBe(200);
    const write = await viewer.post('/api/orgs', {
      parentId: admin.orgUnitId,
      name: '新工会',
      kind: 'federation',
      level: 'county',
      validFrom: '2020-01-01',
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toContain('没有此项操作的权限');
    expect((await viewer.get('/api/users')).statusCode).toBe(403);
    expect((await viewer.get('/api/audit')).statusCode).toBe(403);
  });

  it('rejects weak passwords and duplicate usernames with field messages', async () => {
    const weak = await admin.post('/api/users', {
      username: 'weak',
      displayName: '弱',
      role: 'viewer',
      orgUnitId: admin.orgUnitId,
      password: 'short1',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual([{ field: 'password', message: '密码至少 10 位' }]);
    const dup = await admin.post('/api/users', {
      username: 'changshu',
      displayName: '重复',
      role: 'viewer',
      orgUnitId: admin.orgUnitId,
      password: 'abcdef123456',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('已被使用');
  });

  it('sends security headers and a request id on every answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });

  it('limits login attempts per client address', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 25; i++) statuses.add((await tryLogin(`ghost${i}`, 'x')).statusCode);
    expect(statuses.has(429)).toBe(true);
  });
});
