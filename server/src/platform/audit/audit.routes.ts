import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntry, listAuditQuery, pageOf, type AuditEntry } from '@gonghui/contracts';
import { actorOf } from '../auth/actor.ts';
import { scopeOf } from '../scope.ts';
import { auditRepository } from './audit.repository.ts';

type AuditRow = Awaited<ReturnType<typeof auditRepository.list>>['items'][number];

export function presentAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    username: r.username,
    orgUnitName: r.orgUnitName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    clientAddress: r.clientAddress,
  };
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志',
        querystring: listAuditQuery,
        response: { 200: pageOf(auditEntry) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const scope = await scopeOf(app.db, actorOf(req));
      const list = await auditRepository.list(app.db, scope, filter, { page, pageSize });
      return { ...list, items: list.items.map(presentAudit) };
    },
  );
};
