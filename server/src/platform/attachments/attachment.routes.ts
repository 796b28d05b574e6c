import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '@gonghui/contracts';
import { actorOf } from '../auth/actor.ts';
import { attachment } from '../http/download.ts';
import { attachmentService } from './attachment.service.ts';

/**
 * The download of any module's attachment. Uploads and lists go through the owning module's routes,
 * which check its permission on the record; the download is limited to the caller's scope and audited.
 */
export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/attachments/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['attachments'], summary: '下载附件（记入审计日志）', params: idParam },
    },
    async (req, reply) => {
      const file = await attachmentService.download(app.db, actorOf(req), req.params.id);
      reply
        .header('content-disposition', attachment(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .type(file.contentType);
      return reply.send(file.content);
    },
  );
};
