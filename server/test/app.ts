import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts.ts';
import { unlabelledAuditFields } from './audit-field-labels.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** The production app on a fresh database (with the demo city unless told otherwise). */
export async function buildTestApp(opts: { demo?: boolean } = {}): Promise<TestApp> {
  const handle = await createTestDatabase((opts.demo ?? true) ? 'demo' : 'empty');
  const app = await buildApp({ db: handle.db, databaseKind: handle.kind, webDist: null });
  await app.ready();
  return {
    app,
    handle,
    close: async () => {
      // Whatever a test file's requests wrote to the audit log, the log browser names in Chinese.
      const unlabelled = await unlabelledAuditFields(handle.db);
      await app.close();
      await handle.close();
      if (unlabelled.length > 0) {
        throw new Error(
          `审计记录中有未命名的字段，请在该模块 contracts 的 auditLabels.fields 中补上：\n${unlabelled.join('\n')}`,
        );
      }
    },
  };
}

/** A logged-in client: carries the session cookie and the CSRF header like the web app does. */
export interface Client {
  username: string;
  csrfToken: string;
  orgUnitId: number;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gonghui_session')!;
  const me = res.json() as { csrfToken: string; user: { orgUnit: { id: number } } };
  const request = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      cookies: { gonghui_session: cookie.value },
      headers: { 'x-csrf-token': me.csrfToken, ...(opts.headers ?? {}) },
    });
  return {
    username,
    csrfToken: me.csrfToken,
    orgUnitId: me.user.orgUnit.id,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
  };
}

/** The id of the unit with this division code. */
export async function unitIdByCode(handle: DatabaseHandle, code: string): Promise<number> {
  const r = await handle.db
    .selectFrom('org_unit')
    .select('id')
    .where('division_code', '=', code)
    .executeTakeFirstOrThrow();
  return r.id;
}
