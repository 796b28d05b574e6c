import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { moduleContracts, permissions, roles, type ModuleContract, type Workbench } from '@gonghui/contracts';
import { buildApp } from '../src/app.ts';
import { allMigrations } from '../src/db/migrations/index.ts';
import type { Database } from '../src/db/schema.ts';
import { modules } from '../src/modules/index.ts';
import { jobHandlers } from '../src/jobs.ts';
import { platformExports } from '../src/platform/exports/platform-exports.ts';
import { actorOf } from '../src/platform/auth/actor.ts';
import { rolePermissions } from '../src/platform/auth/permissions.ts';
import type { GonghuiModule } from '../src/platform/module.ts';
import { inScope, scopeOf, versionValidOn } from '../src/platform/scope.ts';
import { today } from '../src/platform/orgs/dates.ts';
import { createTestDatabase } from './database.ts';
import { login } from './app.ts';
import { buildUser } from './factories.ts';
import type { DatabaseHandle } from '../src/db/database.ts';

const modulesDir = path.resolve(import.meta.dirname, '../src/modules');

describe('the module list', () => {
  it('lists every module folder once, under its folder name, each with an index.ts', () => {
    const folders = fs
      .readdirSync(modulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(modules.map((m) => m.name).sort()).toEqual(folders);
    for (const f of folders) expect(fs.existsSync(path.join(modulesDir, f, 'index.ts'))).toBe(true);
  });

  it('runs every migration file a module holds, each name once', () => {
    const files = modules.flatMap((m) => {
      const dir = path.join(modulesDir, m.name, 'migrations');
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => f.replace(/\.ts$/, '')) : [];
    });
    const names = Object.keys(allMigrations());
    expect(names).toEqual([...new Set(names)]);
    for (const f of files) expect(names).toContain(f);
    expect(names).toContain('0001_platform');
  });

  it('grants every permission to some role, and the roles hold what they held before the manifests', () => {
    const granted = new Set(roles.flatMap((r) => rolePermissions(r)));
    expect([...granted].sort()).toEqual([...permissions].sort());
    expect(rolePermissions('viewer')).toEqual([
      'org:read',
      'employer:read',
      'indicator:read',
      'member:read',
      'agreement:read',
      'assistance:read',
      'employment:read',
      'model_worker:read',
      'campaign:read',
    ]);
    expect(rolePermissions('cadre')).toEqual([
      'org:read',
      'employer:read',
      'employer:write',
      'indicator:read',
      'member:read',
      'member:write',
      'transfer:write',
      'agreement:read',
      'agreement:write',
      'assistance:read',
      'assistance:write',
      'assistance:reveal',
      'employment:read',
      'employment:write',
      'model_worker:read',
      'model_worker:write',
      'model_worker:reveal',
      'campaign:read',
      'campaign:write',
    ]);
    expect(rolePermissions('admin')).toEqual(permissions);
  });

  it('grants exactly the permissions its contract names, and the contracts list the same modules', () => {
    for (const m of modules) expect(Object.keys(m.grants).sort()).toEqual([...m.contract.permissions].sort());
    expect(modules.map((m) => m.contract)).toEqual([...moduleContracts]);
  });

  it("takes every job kind from a manifest (its jobs and its list exports) or from the platform's exports", () => {
    const kinds = [
      ...platformExports.map((e) => e.kind),
      ...modules.flatMap((m) => [...Object.keys(m.jobs ?? {}), ...(m.exports ?? []).map((e) => e.kind)]),
    ];
    expect(Object.keys(jobHandlers).sort()).toEqual(kinds.sort());
    expect(kinds).toEqual([...new Set(kinds)]);
  });

  it('labels each audit action in exactly one module', () => {
    const actions = modules.flatMap((m) => Object.keys(m.contract.auditLabels.actions));
    expect(actions).toEqual([...new Set(actions)]);
  });
});

// The README's "Adding a module" example, as a module folder would hold it: a migration, a list route
// limited to the caller's scope, audit labels. It registers through the same list the app loops over.
const noticeContract = {
  permissions: [],
  auditLabels: { actions: {}, entityTypes: { notice: '通知' } },
} satisfies ModuleContract;

const noticeMigration = {
  async up(db: Kysely<unknown>) {
    await sql`create table notice (
      id serial primary key,
      org_unit_id int not null references org_unit(id),
      title text not null)`.execute(db);
  },
};

const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notices',
    {
      config: { access: 'org:read' },
      schema: {
        tags: ['notices'],
        summary: '通知列表',
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), title: z.string() })) }) },
      },
    },
    async (req) => {
      const db = app.db as unknown as Kysely<
        Database & { notice: { id: number; org_unit_id: number; title: string } }
      >;
      const date = today();
      const items = await db
        .selectFrom('notice as n')
        .innerJoin('org_unit_version as v', (j) =>
          j.onRef('v.org_unit_id', '=', 'n.org_unit_id').on(versionValidOn('v', date)),
        )
        .select(['n.id', 'n.title'])
        .where(inScope('v.path', await scopeOf(app.db, actorOf(req), date)))
        .orderBy('n.id')
        .execute();
      return { items };
    },
  );
};

const noticesModule: GonghuiModule = {
  name: 'notices',
  routes: [noticeRoutes],
  grants: {},
  contract: noticeContract,
  migrations: { '20261201T1400_notices': noticeMigration },
  counters: [
    {
      key: 'notices',
      title: '通知',
      suffix: '条',
      link: '/notices',
      note: null,
      permission: 'user:read',
      count: async (db, _actor, scope) => {
        const { n } = await (db as unknown as Kysely<Database & { notice: { org_unit_id: number } }>)
          .selectFrom('notice as n')
          .innerJoin('org_unit_version as v', (j) =>
            j.onRef('v.org_unit_id', '=', 'n.org_unit_id').on('v.valid_to', 'is', null),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(inScope('v.path', scope))
          .executeTakeFirstOrThrow();
        return Number(n);
      },
    },
  ],
};

describe('a new module registers through its manifest', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase('demo');
    await noticesModule.migrations!['20261201T1400_notices'].up(handle.db);
    const unit = async (code: string) =>
      (
        await handle.db
          .selectFrom('org_unit')
          .select('id')
          .where('division_code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    await handle.db
      .insertInto('notice' as never)
      .values([
        { org_unit_id: await unit('320581107'), title: '董浜镇的通知' },
        { org_unit_id: await unit('320506'), title: '吴中区的通知' },
      ] as never)
      .execute();
  });
  afterAll(() => handle.close());
  /** The app with the example module added to the list it loops over. */
  const appWithNotices = async () => {
    const app = await buildApp({
      db: handle.db,
      databaseKind: handle.kind,
      webDist: null,
      modules: [...modules, noticesModule],
    });
    await app.ready();
    return app;
  };

  it('serves its list to the callers whose scope holds the rows, and no one else', async () => {
    const app = await appWithNotices();
    try {
      const dongbang = await login(app, 'dongbang');
      const res = await dongbang.get('/api/notices');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((n: { title: string }) => n.title)).toEqual(['董浜镇的通知']);
      const admin = await login(app, 'admin');
      expect((await admin.get('/api/notices')).json().items).toHaveLength(2);
      expect((await app.inject({ method: 'GET', url: '/api/notices' })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('puts its figure on the workbench, counted in the caller’s scope, for the roles that may see it', async () => {
    const app = await appWithNotices();
    try {
      const figures = async (username: string, password?: string) => {
        const client = await login(app, username, password);
        const body = (await client.get('/api/workbench')).json() as Workbench;
        return { client, byKey: new Map(body.counters.map((c) => [c.key, c])) };
      };
      const dongbang = await figures('dongbang');
      expect(dongbang.byKey.get('notices')).toMatchObject({ value: 1, title: '通知', link: '/notices' });
      expect((await figures('admin')).byKey.get('notices')?.value).toBe(2);
      // The figures of the app's own modules agree with their lists.
      const inbox = (
        await dongbang.client.get('/api/transfers?box=inbox&status=pending&pageSize=1')
      ).json() as { total: number };
      expect(dongbang.byKey.get('pending-transfers')?.value).toBe(inbox.total);
      expect(dongbang.byKey.get('agreements-ending')?.value).toEqual(expect.any(Number));
      const unit = (await dongbang.client.get('/api/auth/me')).json().user.orgUnit;
      const viewer = await buildUser(handle.db, { unit, role: 'viewer' });
      const seen = await figures(viewer.username, viewer.password);
      expect(seen.byKey.has('notices')).toBe(false);
      expect(seen.byKey.has('pending-transfers')).toBe(true);
    } finally {
      await app.close();
    }
  });
});
