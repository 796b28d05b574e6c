import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuildAppOptions } from '../src/app.ts';
import { addUser, checkedNewUser } from '../src/cli/user-add.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { createTestDatabase } from './database.ts';

const PASSWORD = 'office-network-1';
let handle: DatabaseHandle;
let webDist: string;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  process.env.GONGHUI_PASSWORD = PASSWORD;
  try {
    const user = await checkedNewUser({
      username: 'cadre',
      org: '测试市总工会',
      role: 'admin',
      divisionCode: '320500',
    });
    await addUser(handle.db, user);
  } finally {
    delete process.env.GONGHUI_PASSWORD;
  }
  // A stand-in for the built web app: relative asset URLs, as the real build has.
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-web-'));
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(webDist, 'browser-check.js'), '');
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await handle.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

async function appWith(options: Partial<BuildAppOptions>): Promise<FastifyInstance> {
  const app = await buildApp({ db: handle.db, databaseKind: handle.kind, webDist, ...options });
  await app.ready();
  apps.push(app);
  return app;
}

const login = (app: FastifyInstance, url = '/api/auth/login', headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers, payload: { username: 'cadre', password: PASSWORD } });

describe('security headers follow the HTTPS setting', () => {
  it('over plain HTTP: no upgrade directive, no HSTS, no Secure cookie, on the app and on the API docs', async () => {
    const app = await appWith({});
    const page = await app.inject({ method: 'GET', url: '/', headers: { host: 'gonghui.intranet:3000' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(page.headers['strict-transport-security']).toBeUndefined();

    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
    expect(docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(docs.headers['strict-transport-security']).toBeUndefined();

    const res = await login(app);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gonghui_session')!;
    expect(cookie.secure).toBeFalsy();
    expect(cookie.path).toBe('/');
  });

  it('with HTTPS: Secure cookie, HSTS and the upgrade directive, on the app and on the API docs', async () => {
    const app = await appWith({ https: true });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');

    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(docs.headers['strict-transport-security']).toBe('max-age=31536000');

    const cookie = (await login(app)).cookies.find((c) => c.name === 'gonghui_session')!;
    expect(cookie.secure).toBe(true);
  });

  it('reads the setting as GONGHUI_HTTPS or by its older name GONGHUI_SECURE_COOKIES', () => {
    expect(loadConfig({}).https).toBe(false);
    expect(loadConfig({ GONGHUI_HTTPS: '1' }).https).toBe(true);
    expect(loadConfig({ GONGHUI_SECURE_COOKIES: '1' }).https).toBe(true);
  });
});

describe('the base path', () => {
  it('is read from GONGHUI_BASE_PATH as plain path segments, and anything else is refused', () => {
    expect(loadConfig({}).basePath).toBe('');
    expect(loadConfig({ GONGHUI_BASE_PATH: '/' }).basePath).toBe('');
    expect(loadConfig({ GONGHUI_BASE_PATH: '/gonghui/' }).basePath).toBe('/gonghui');
    expect(loadConfig({ GONGHUI_BASE_PATH: 'apps/gonghui' }).basePath).toBe('/apps/gonghui');
    for (const bad of ['/a b', '/"><script>', '/a/../b', 'http://x/gonghui']) {
      expect(() => loadConfig({ GONGHUI_BASE_PATH: bad })).toThrow(/GONGHUI_BASE_PATH/);
    }
  });

  it('serves the pages, assets, API and docs under the prefix and nothing outside it', async () => {
    const app = await appWith({ basePath: '/gonghui' });
    for (const url of ['/gonghui', '/gonghui/', '/gonghui/members/12', '/gonghui/index.html']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<base href="/gonghui/" />');
      expect(page.body, url).toContain('src="./assets/app.js"');
    }
    const asset = await app.inject({ method: 'GET', url: '/gonghui/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('export {};');
    // Files under assets/ are named by their content's hash: kept for good. The page and the files that
    // keep their names across builds are asked about each time.
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const check = await app.inject({ method: 'GET', url: '/gonghui/browser-check.js' });
    expect(check.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/gonghui/' })).headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/gonghui/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/gonghui/api/nothing' })).statusCode).toBe(404);

    const docs = await app.inject({ method: 'GET', url: '/gonghui/api/docs' });
    expect(docs.body).toContain('href="/gonghui/api/docs/static/swagger-ui.css"');
    const spec = await app.inject({ method: 'GET', url: '/gonghui/api/openapi.json' });
    expect(spec.json().servers).toEqual([{ url: '/gonghui' }]);
    const docsRedirect = await app.inject({ method: 'GET', url: '/gonghui/api/docs/static/index.html' });
    expect(docsRedirect.headers.location).toBe('/gonghui/api/docs/');

    for (const url of ['/api/health', '/assets/app.js', '/members/12', '/gonghuix/', '/other/gonghui/']) {
      const outside = await app.inject({ method: 'GET', url });
      expect(outside.statusCode, url).toBe(404);
      expect(outside.json().error.message).toBe('请求的地址不存在');
    }
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/gonghui/');
  });

  it('keeps the session cookie under the prefix, and logging out clears that cookie', async () => {
    const app = await appWith({ basePath: '/gonghui' });
    expect((await login(app)).statusCode).toBe(404);
    const res = await login(app, '/gonghui/api/auth/login');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gonghui_session')!;
    expect(cookie.path).toBe('/gonghui');
    const me = await app.inject({
      method: 'GET',
      url: '/gonghui/api/auth/me',
      cookies: { gonghui_session: cookie.value },
    });
    expect(me.json().user.username).toBe('cadre');
    const out = await app.inject({
      method: 'POST',
      url: '/gonghui/api/auth/logout',
      cookies: { gonghui_session: cookie.value },
      headers: { 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken },
      payload: {},
    });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === 'gonghui_session')!;
    expect(cleared.path).toBe('/gonghui');
    expect(cleared.value).toBe('');
  });
});

describe('client addresses behind a proxy', () => {
  // 20 logins a minute per client address; the 21st from one address answers 429. The limit counts
  // before the body is read, so empty bodies (400) count as quickly as real attempts.
  const loginsFromOffice = async (
    app: FastifyInstance,
    forwardedFor = (i: number) => `192.168.1.${i + 1}`,
  ) => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': forwardedFor(i) },
        payload: {},
      });
      statuses.push(res.statusCode);
    }
    return statuses;
  };

  it('ignores X-Forwarded-For unless GONGHUI_TRUST_PROXY is set: the proxy is then one address', async () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    const app = await appWith({});
    const statuses = await loginsFromOffice(app);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('with GONGHUI_TRUST_PROXY=1 counts each office machine on its own', async () => {
    expect(loadConfig({ GONGHUI_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    const app = await appWith({ trustProxy: true });
    expect(await loginsFromOffice(app)).toEqual(Array(21).fill(400));
  });

  it('believes only the address the proxy added, not one the browser put in the header itself', async () => {
    const app = await appWith({ trustProxy: true });
    const statuses = await loginsFromOffice(app, (i) => `203.0.113.${i + 1}, 192.168.1.9`);
    expect(statuses[20]).toBe(429);
  });
});
