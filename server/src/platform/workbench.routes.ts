import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntry, orgUnit } from '@gonghui/contracts';
import { actorOf } from './auth/actor.ts';
import { roleAllows } from './auth/permissions.ts';
import { auditRepository } from './audit/audit.repository.ts';
import { presentAudit } from './audit/audit.routes.ts';
import { today } from './orgs/dates.ts';
import { orgRepository } from './orgs/org.repository.ts';
import { orgService } from './orgs/org.service.ts';
import { userRepository } from './users/user.repository.ts';
import { scopeOf } from './scope.ts';

const workbench = z.object({
  orgUnit,
  counts: z.object({ childUnits: z.number().int(), subtreeUnits: z.number().int(), users: z.number().int() }),
  recentAudit: z.array(auditEntry),
});

export const workbenchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/workbench',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['workbench'], summary: '工作台', response: { 200: workbench } },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await orgService.get(app.db, actor, actor.orgUnitId);
      const date = today();
      const scope = await scopeOf(app.db, actor, date);
      const recent = roleAllows(actor.role, 'audit:read')
        ? (await auditRepository.list(app.db, scope, {}, { page: 1, pageSize: 8 })).items.map(presentAudit)
        : [];
      return {
        orgUnit: unit,
        counts: {
          childUnits: unit.childCount,
          subtreeUnits: (await orgRepository.countSubtreeAt(app.db, scope, date)) - 1,
          users: await userRepository.count(app.db, scope),
        },
        recentAudit: recent,
      };
    },
  );
};
