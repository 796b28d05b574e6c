import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { createTestDatabase } from './database.ts';

let h: DatabaseHandle;
const lines: string[] = [];
beforeAll(async () => {
  h = await createTestDatabase('demo');
});
afterAll(() => h.close());

describe('logs', () => {
  it('are JSON lines with request ids, and carry no password, cookie or searched words', async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        cb();
      },
    });
    const app = await buildApp({
      db: h.db,
      databaseKind: h.kind,
      logger: { ...loggerOptions('info'), stream },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dongbang', password: 'gonghui-demo' },
    });
    const cookie = login.cookies[0].value;
    await app.inject({
      method: 'GET',
      url: `/api/orgs/search?q=${encodeURIComponent('320581198001011234')}`,
      cookies: { gonghui_session: cookie },
    });
    await app.close();
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const parsed = lines.map((l) => JSON.parse(l) as { reqId?: string; req?: { path: string } });
    expect(
      parsed.filter((p) => p.req).every((p) => typeof p.reqId === 'string' && !p.req!.path.includes('?')),
    ).toBe(true);
    const all = lines.join('\n');
    for (const secret of ['gonghui-demo', cookie, '320581198001011234']) expect(all).not.toContain(secret);
  });
});
