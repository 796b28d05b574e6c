import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app.ts';

let t: TestApp;

// The route table does not depend on data: no demo city needed.
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
});
afterAll(() => t.close());

describe('route declarations', () => {
  it('every /api route declares who may call it (a diff here is a permission change)', () => {
    const lines = t.app.apiRoutes.map((r) => `${r.method} ${r.url} → ${r.access}`).sort();
    expect(lines).toMatchInlineSnapshot(`
      [
        "GET /api/agreements → agreement:read",
        "GET /api/agreements/:id → agreement:read",
        "GET /api/agreements/export → agreement:read",
        "GET /api/attachments/:id → authenticated",
        "GET /api/audit → audit:read",
        "GET /api/auth/me → authenticated",
        "GET /api/campaigns → indicator:read",
        "GET /api/campaigns/:id → indicator:read",
        "GET /api/employer-imports/:id → employer:read",
        "GET /api/employer-imports/:id/report → employer:read",
        "GET /api/employers → employer:read",
        "GET /api/employers/:id → employer:read",
        "GET /api/employers/check-code → employer:read",
        "GET /api/employers/export → employer:read",
        "GET /api/employers/template → employer:read",
        "GET /api/exports/:id → authenticated",
        "GET /api/exports/:id/file → authenticated",
        "GET /api/health → public",
        "GET /api/indicators → indicator:read",
        "GET /api/indicators/employers → indicator:read",
        "GET /api/indicators/export → indicator:read",
        "GET /api/indicators/trend → indicator:read",
        "GET /api/member-exports/:id → member:read",
        "GET /api/member-exports/:id/file → member:read",
        "GET /api/member-imports/:id → member:read",
        "GET /api/member-imports/:id/held → member:read",
        "GET /api/member-imports/:id/report → member:read",
        "GET /api/members → member:read",
        "GET /api/members/:id → member:read",
        "GET /api/members/template → member:read",
        "GET /api/meta → public",
        "GET /api/openapi.json → public",
        "GET /api/orgs/:id → org:read",
        "GET /api/orgs/:id/ancestors → org:read",
        "GET /api/orgs/:id/children → org:read",
        "GET /api/orgs/:id/history → org:read",
        "GET /api/orgs/roots → org:read",
        "GET /api/orgs/search → org:read",
        "GET /api/orgs/tree → org:read",
        "GET /api/targets → indicator:read",
        "GET /api/transfers → member:read",
        "GET /api/transfers/:id → member:read",
        "GET /api/users → user:read",
        "GET /api/workbench → authenticated",
        "PATCH /api/agreements/:id → agreement:write",
        "PATCH /api/employers/:id → employer:write",
        "PATCH /api/members/:id → member:write",
        "PATCH /api/users/:id → user:write",
        "POST /api/agreements → agreement:write",
        "POST /api/agreements/:id/employers → agreement:write",
        "POST /api/agreements/:id/employers/remove → agreement:write",
        "POST /api/auth/login → public",
        "POST /api/auth/logout → authenticated",
        "POST /api/campaigns → employer:write",
        "POST /api/campaigns/:id/employers → employer:write",
        "POST /api/campaigns/:id/tasks → employer:write",
        "POST /api/campaigns/:id/tasks/:taskId/done → employer:write",
        "POST /api/employer-imports → employer:write",
        "POST /api/employer-imports/:id/undo → employer:write",
        "POST /api/employers → employer:write",
        "POST /api/employers/:id/close → employer:write",
        "POST /api/employers/:id/instructor → employer:write",
        "POST /api/employers/:id/party → employer:write",
        "POST /api/employers/:id/union → employer:write",
        "POST /api/member-exports → member:read",
        "POST /api/member-imports → member:write",
        "POST /api/member-imports/:id/name-changes → member:write",
        "POST /api/member-imports/:id/transfers → transfer:write",
        "POST /api/member-imports/:id/undo → member:write",
        "POST /api/members → member:write",
        "POST /api/members/:id/reveal → member:reveal",
        "POST /api/members/:id/status → member:write",
        "POST /api/orgs → org:write",
        "POST /api/orgs/:id/close → org:write",
        "POST /api/orgs/:id/move → org:write",
        "POST /api/orgs/:id/rename → org:write",
        "POST /api/orgs/merge → org:write",
        "POST /api/transfers → transfer:write",
        "POST /api/transfers/:id/cancel → transfer:write",
        "POST /api/transfers/:id/decide → transfer:write",
        "POST /api/transfers/bulk → transfer:write",
        "POST /api/transfers/decide → transfer:write",
        "POST /api/users → user:write",
        "PUT /api/targets → target:write",
      ]
    `);
  });
});
