import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DeclaredRoute } from '../src/platform/http/access.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { onPostgres } from './database.ts';

// The app is built at collection time so that every route becomes a test of its own.
const t: TestApp = await buildTestApp();
const admin: Client = await login(t.app, 'admin');
// Exports are fuzzed as a town union: the same code paths, without writing the whole city each time.
const town: Client = await login(t.app, 'dongbang');
afterAll(() => t.close());

const routes = t.app.apiRoutes.filter((r) => r.url !== '/api/auth/login' && r.url !== '/api/auth/logout');
const isExport = (route: DeclaredRoute) => /export/.test(route.url);
const routeName = (route: DeclaredRoute) => `${route.method} ${route.url}`;
const withPath = (route: DeclaredRoute, segment: string) => route.url.replace(/:\w+/g, segment);

/**
 * Inputs tried per route. The checks on input run before any query and are the same code on both
 * databases, so the PostgreSQL run tries the first third of the same seeded inputs: what differs there (a
 * query that reaches the database) shows in those too, and the embedded run tries them all.
 */
const RUNS_PER_ROUTE = onPostgres() ? 5 : 15;

/** A seed per route, so a failure repeats; FUZZ_SEED shifts every seed to explore other inputs. */
function seedOf(route: DeclaredRoute): number {
  const digest = crypto.createHash('sha256').update(routeName(route)).digest();
  return (digest.readInt32LE(0) + Number(process.env.FUZZ_SEED ?? 0)) | 0;
}

const control = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u001f');
const withControl = fc
  .tuple(fc.string({ maxLength: 6 }), control, fc.string({ maxLength: 6 }))
  .map(([a, c, b]) => a + c + b);
const pathSegment = fc.oneof(
  fc.integer({ min: -5, max: 3000 }).map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('0', '1e9', '99999999999999', '%00', 'null', '..', '1.5'),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  withControl,
  fc.constantFrom('2011-09-30', '2011-02-30', '0000-00-00', '-1', '1e308', '[]', '9999-12-31', '2011-9-30'),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.dictionary(fc.constantFrom('name', 'q', 'reason', 'note', 'title'), withControl, { maxKeys: 2 }),
);
const commonQueryNames = ['asOf', 'q', 'page', 'pageSize', 'limit', 'from', 'to', 'action', 'zz'];

function send(
  client: Client,
  route: DeclaredRoute,
  url: string,
  query: Record<string, string>,
  payload?: unknown,
) {
  const qs = new URLSearchParams(query).toString();
  return client.request({
    method: route.method as 'GET',
    url: qs ? `${url}?${qs}` : url,
    ...(route.method === 'GET'
      ? {}
      : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
  });
}

function errorOf(res: { statusCode: number; json(): unknown }) {
  return res.statusCode >= 400 ? (res.json() as { error: { code: string; message: string } }).error : null;
}

describe('no 5xx for any malformed body, query or path', () => {
  it.each(routes.map((r) => [routeName(r), r] as const))('%s', async (_name, route) => {
    const client = isExport(route) ? town : admin;
    const names = [...new Set([...route.queryNames, ...commonQueryNames])];
    await fc.assert(
      fc.asyncProperty(
        pathSegment,
        fc.dictionary(fc.constantFrom(...names), queryValue, { maxKeys: 4 }),
        body,
        async (segment, query, payload) => {
          const res = await send(client, route, withPath(route, segment), query, payload);
          if (res.statusCode >= 500)
            throw new Error(`${route.method} ${withPath(route, segment)} → ${res.statusCode} ${res.body}`);
          const err = errorOf(res);
          if (err) expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
        },
      ),
      { numRuns: RUNS_PER_ROUTE, seed: seedOf(route) },
    );
  });
});

describe('control characters', () => {
  const cases = routes.flatMap((route) => [
    ...route.queryNames.map((name) => [routeName(route), `query ${name}`, route, { query: name }] as const),
    ...(route.url.includes(':') ? [[routeName(route), 'path', route, { path: true }] as const] : []),
    ...(route.method !== 'GET' ? [[routeName(route), 'body', route, { body: true }] as const] : []),
  ]);
  it.each(cases)('%s answers 400 naming the field for U+0000 in %s', async (_name, _part, route, part) => {
    const value = 'a\u0000b';
    const url = withPath(route, 'path' in part ? encodeURIComponent(value) : '1');
    const query: Record<string, string> = 'query' in part ? { [part.query]: value } : {};
    const res = await send(admin, route, url, query, 'body' in part ? { name: value } : {});
    expect(res.statusCode, res.body).toBe(400);
    const field = 'query' in part ? part.query : 'body' in part ? 'name' : '';
    expect(errorOf(res)?.message).toMatch(new RegExp(`控制字符`));
    if (field) expect(errorOf(res)?.message).toContain(field);
  });
});

describe('malformed requests', () => {
  it('answers broken JSON, wrong media types and oversized bodies with 4xx and a Chinese message', async () => {
    const cases = [
      { payload: '{"name": ', headers: { 'content-type': 'application/json' }, status: 400 },
      { payload: '', headers: { 'content-type': 'application/json' }, status: 400 },
      { payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
      { payload: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/json' }, status: 413 },
    ];
    for (const c of cases) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/orgs',
        payload: c.payload,
        headers: c.headers,
      });
      expect(res.statusCode, c.payload.slice(0, 20)).toBe(c.status);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await admin.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('describes every route at /api/openapi.json and serves the docs page', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/orgs/{id}/history', '/api/auth/login', '/api/users']),
    );
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
