import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, OwnLogin, Page } from '@gonghui/contracts';
import { buildTestApp, login, type TestApp } from './app.ts';
import { buildOrgUnit, buildUser, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let user: { username: string };
let admin: { username: string };
const NEW_PASSWORD = 'changed-password-2026';
const CHROME_86 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36';

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  const city = await buildOrgUnit(t.handle.db);
  const town = await buildOrgUnit(t.handle.db, { parent: await buildOrgUnit(t.handle.db, { parent: city }) });
  user = await buildUser(t.handle.db, { unit: town, role: 'viewer' });
  admin = await buildUser(t.handle.db, { unit: city });
});
afterAll(() => t.close());

const signIn = (password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'user-agent': CHROME_86 },
    payload: { username: user.username, password },
  });

describe('personal centre', () => {
  it("lists one's own recent sign-ins with time, address and browser, failed attempts marked", async () => {
    expect((await signIn('not-the-password1')).statusCode).toBe(401);
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(200);
    const me = await login(t.app, user.username, TEST_PASSWORD);
    const logins = (await me.get('/api/auth/logins')).json() as OwnLogin[];
    expect(logins.length).toBe(3);
    expect(logins[2]).toMatchObject({ succeeded: false, browser: 'Chrome 86 · Windows' });
    expect(logins[1]).toMatchObject({ succeeded: true, clientAddress: '127.0.0.1' });
    // Another account's sign-ins are not among them.
    const other = await login(t.app, admin.username, TEST_PASSWORD);
    expect(((await other.get('/api/auth/logins')).json() as OwnLogin[]).length).toBe(1);
  });

  it('refuses a wrong current password or a weak new one, naming the field, and changes nothing', async () => {
    const me = await login(t.app, user.username, TEST_PASSWORD);
    const wrong = await me.post('/api/auth/password', {
      oldPassword: 'wrong-password-1',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([{ field: 'oldPassword', message: '原密码不正确' }]);
    const weak = await me.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'short1' });
    expect(weak.statusCode).toBe(400);
    expect(JSON.stringify(weak.json())).toContain('密码至少 10 位');
    const same = await me.post('/api/auth/password', {
      oldPassword: TEST_PASSWORD,
      newPassword: TEST_PASSWORD,
    });
    expect(same.statusCode).toBe(400);
    expect(JSON.stringify(same.json())).toContain('新密码不能与原密码相同');
    const control = await me.post('/api/auth/password', {
      oldPassword: TEST_PASSWORD,
      newPassword: 'abcdefghij1\u0000',
    });
    expect(control.statusCode).toBe(400);
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("changes one's own password, ends every other session of the account, and audits it", async () => {
    const elsewhere = await login(t.app, user.username, TEST_PASSWORD);
    const here = await login(t.app, user.username, TEST_PASSWORD);
    const res = await here.post('/api/auth/password', {
      oldPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(NEW_PASSWORD)).statusCode).toBe(200);

    const auditor = await login(t.app, admin.username, TEST_PASSWORD);
    const log = (await auditor.get('/api/audit?action=user.password_change')).json() as Page<AuditEntry>;
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ username: user.username, entityType: 'user' });
    expect(log.items[0].after).toMatchObject({ passwordChanged: true });
    expect(JSON.stringify(log.items[0])).not.toContain(NEW_PASSWORD);
  });

  it('needs a signed-in session and its CSRF token', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: NEW_PASSWORD, newPassword: 'another-password-9' },
    });
    expect(anonymous.statusCode).toBe(401);
    const me = await login(t.app, user.username, NEW_PASSWORD);
    const noCsrf = await me.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: { 'x-csrf-token': 'wrong' },
      payload: { oldPassword: NEW_PASSWORD, newPassword: 'another-password-9' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
