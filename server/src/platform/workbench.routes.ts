import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workbench, workbenchQuery } from '@gonghui/contracts';
import type { WorkbenchCounterSource } from './module.ts';
import { actorOf } from './auth/actor.ts';
import { roleAllows } from './auth/permissions.ts';
import { auditRepository } from './audit/audit.repository.ts';
import { presentAudit } from './audit/audit.routes.ts';
import { targetNameOf, targetNames } from './audit/audit-names.ts';
import { today } from './orgs/dates.ts';
import { orgRepository } from './orgs/org.repository.ts';
import { orgService } from './orgs/org.service.ts';
import { userRepository } from './users/user.repository.ts';
import { scopeOf } from './scope.ts';

/** The workbench: the caller's unit, the platform's counts and the figures the modules put there. */
export const workbenchRoutes: FastifyPluginAsyncZod<{ counters: WorkbenchCounterSource[] }> = async (
  app,
  { counters },
) => {
  app.get(
    '/api/workbench',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['workbench'],
        summary: '工作台（最近动态默认不含登录、退出）',
        querystring: workbenchQuery,
        response: { 200: workbench },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await orgService.get(app.db, actor, actor.orgUnitId);
      const date = today();
      const scope = await scopeOf(app.db, actor, date);
      const recent = roleAllows(actor.role, 'audit:read')
        ? (
            await auditRepository.list(
              app.db,
              scope,
              { withoutLogins: !req.query.logins },
              { page: 1, pageSize: 8 },
            )
          ).items
        : [];
      const names = await targetNames(app.db, recent);
      const shown = counters.filter((c) => roleAllows(actor.role, c.permission));
      const values = await Promise.all(shown.map((c) => c.count(app.db, actor, scope)));
      return {
        orgUnit: unit,
        counts: {
          childUnits: unit.childCount,
          subtreeUnits: (await orgRepository.countSubtreeAt(app.db, scope, date)) - 1,
          users: await userRepository.count(app.db, scope),
        },
        counters: shown.map(({ key, title, suffix, link, note }, i) => ({
          key,
          title,
          suffix,
          link,
          note,
          value: values[i],
        })),
        recentAudit: recent.map((r) => presentAudit(r, targetNameOf(names, r))),
      };
    },
  );
};
