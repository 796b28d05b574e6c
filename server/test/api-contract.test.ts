import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

const pathSegment = fc.oneof(
  fc.integer({ min: -5, max: 3000 }).map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('0', '1e9', '99999999999999', '%00', 'null', '..', '1.5'),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('2011-09-30', '2011-02-30', '0000-00-00', '-1', '1e308', '[]', '9999-12-31', '2011-9-30'),
);
const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.object({ maxDepth: 2 }));

describe('no 5xx for any malformed body, query or path', () => {
  it('holds for every route with random input', async () => {
    const routes = t.app.apiRoutes.filter((r) => r.url !== '/api/auth/login' && r.url !== '/api/auth/logout');
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathSegment, { minLength: 1, maxLength: 1 }),
          fc.dictionary(
            fc.constantFrom('asOf', 'q', 'page', 'pageSize', 'limit', 'from', 'to', 'action', 'zz'),
            queryValue,
            {
              maxKeys: 4,
            },
          ),
          body,
          async ([segment], query, payload) => {
            const url = route.url.replace(':id', segment);
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            const res = await admin.request({
              method: route.method as 'GET',
              url: qs ? `${url}?${qs}` : url,
              ...(route.method === 'GET'
                ? {}
                : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
            });
            if (res.statusCode >= 500)
              throw new Error(`${route.method} ${url}?${qs} → ${res.statusCode} ${res.body}`);
            const err =
              res.statusCode >= 400
                ? (res.json() as { error: { code: string; message: string } }).error
                : null;
            if (err) expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
          },
        ),
        { numRuns: 15 },
      );
    }
  }, 600_000);

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
