import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Employer, Page } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';

let t: TestApp;
let dongbang: Client;
let changshu: Client;

beforeAll(async () => {
  t = await buildTestApp();
  dongbang = await login(t.app, 'dongbang');
  changshu = await login(t.app, 'changshu');
});
afterAll(() => t.close());

const unscoped = async () =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where scope_path is null`.execute(t.handle.db)
  ).rows[0].n;

describe('audit scope', () => {
  it('gives every entry the scope of the unit it concerns, so the admins above can read it', async () => {
    expect(await unscoped()).toBe(0);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dongbang', password: 'wrong-password' },
    });
    const noUnion = (
      (await dongbang.get('/api/employers?unionStatus=none&pageSize=5')).json() as Page<Employer>
    ).items.find((e) => e.unionStatus === 'none')!;
    expect(noUnion).toBeDefined();
    const closed = await dongbang.post(`/api/employers/${noUnion.id}/close`, {
      date: new Date().toISOString().slice(0, 10),
    });
    expect(closed.statusCode, closed.body).toBe(200);
    await (await login(t.app, 'dongbang')).post('/api/auth/logout');
    expect(await unscoped()).toBe(0);
    const entries = (await changshu.get(`/api/audit?entityType=employer&pageSize=50`)).json() as {
      items: Array<{ action: string; entityId: string }>;
    };
    expect(
      entries.items.some(
        (e) => e.action === 'member.employer_closed' && String(e.entityId) === String(noUnion.id),
      ),
    ).toBe(true);
  });
});
