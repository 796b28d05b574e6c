import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditActionGroup,
  auditActionGroups,
  auditActionLabels,
  auditActionOption,
  auditEntry,
  auditFilterQuery,
  listAuditQuery,
  pageOf,
  type AuditActionOption,
  type AuditEntry,
} from '@gonghui/contracts';
import { actorOf } from '../auth/actor.ts';
import { sendExport } from '../exports/list-export.ts';
import { scopeOf } from '../scope.ts';
import { auditExport } from './audit.export.ts';
import { targetNameOf, targetNames } from './audit-names.ts';
import { auditRepository } from './audit.repository.ts';

type AuditRow = Awaited<ReturnType<typeof auditRepository.list>>['items'][number];

export function presentAudit(r: AuditRow, entityName: string | null = null): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    username: r.username,
    orgUnitName: r.orgUnitName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    entityName,
    before: r.before ?? null,
    after: r.after ?? null,
    clientAddress: r.clientAddress,
  };
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['audit'];
  app.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: '审计日志',
        querystring: listAuditQuery,
        response: { 200: pageOf(auditEntry) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const scope = await scopeOf(app.db, actorOf(req));
      const list = await auditRepository.list(app.db, scope, filter, { page, pageSize });
      const names = await targetNames(app.db, list.items);
      return { ...list, items: list.items.map((r) => presentAudit(r, targetNameOf(names, r))) };
    },
  );
  app.get(
    '/api/audit/actions',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: '审计日志中有记录的操作（供按操作筛选），导出与下载在前',
        response: { 200: z.array(auditActionOption) },
      },
    },
    async (req) => {
      const scope = await scopeOf(app.db, actorOf(req));
      const held = await auditRepository.actionsHeld(app.db, scope);
      const options: AuditActionOption[] = held.map((h) => ({
        value: h.action,
        label: auditActionLabels[h.action] ?? h.action,
        group: auditActionGroup(h.action),
        count: h.count,
      }));
      const rank = (o: AuditActionOption) => auditActionGroups.indexOf(o.group);
      return options.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label, 'zh-CN'));
    },
  );
  app.get(
    '/api/audit/export',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: '按当前筛选导出审计日志（.xlsx），导出本身记入审计日志',
        querystring: auditFilterQuery,
      },
    },
    async (req, reply) => sendExport(reply, await auditExport.answer(app.db, actorOf(req), req.query)),
  );
};
