import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntityTypeLabels, recordLinkList, recordRef, type RecordLinkView } from '@gonghui/contracts';
import { actorOf } from '../auth/actor.ts';
import { targetNameOf, targetNames } from '../audit/audit-names.ts';
import { recordLinkService } from './record-link.service.ts';

/**
 * The cross-references of any module's record, in the caller's scope, each naming the record at the other
 * end as the audit log does. Links are made and removed by the modules' own routes, which check their
 * permission on the records; this read only shows what the caller's area already holds.
 */
export const recordLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/record-links',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['record-links'],
        summary: '记录的关联（跨模块的转介与对应记录）',
        querystring: recordRef,
        response: { 200: recordLinkList },
      },
    },
    async (req) => {
      const links = await recordLinkService.linksOf(app.db, actorOf(req), req.query);
      const targets = links.map((l) => ({ entityType: l.other.type, entityId: String(l.other.id) }));
      const names = await targetNames(app.db, targets);
      const items: RecordLinkView[] = links.map((l, i) => ({
        ...l,
        otherKind: auditEntityTypeLabels[l.other.type] ?? '记录',
        otherName: targetNameOf(names, targets[i]),
      }));
      return { items };
    },
  );
};
