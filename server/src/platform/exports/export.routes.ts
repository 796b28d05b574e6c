import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { exportJob, idParam } from '@gonghui/contracts';
import { actorOf } from '../auth/actor.ts';
import { attachment, XLSX_TYPE } from '../http/download.ts';
import { exportFileService } from './export-file.service.ts';
import type { ListExport } from './list-export.ts';
import { platformExports } from './platform-exports.ts';

const tags = ['exports'];

/**
 * The progress and the file of a list export written by a background job (the platform's, such as the
 * audit log's, and the modules'). Each list route starts it; who may read it is the permission of that
 * list, within the caller's scope.
 */
export const exportRoutes: FastifyPluginAsyncZod<{ exports: readonly ListExport[] }> = async (app, opts) => {
  const exports = [...platformExports, ...opts.exports];
  app.get(
    '/api/exports/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '后台导出的进度', params: idParam, response: { 200: exportJob } },
    },
    async (req) => exportFileService.get(app.db, actorOf(req), req.params.id, exports),
  );
  app.get(
    '/api/exports/:id/file',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '下载后台导出的文件（.xlsx），记入审计日志', params: idParam },
    },
    async (req, reply) => {
      const { fileName, stream } = await exportFileService.file(app.db, actorOf(req), req.params.id, exports);
      reply.header('content-disposition', attachment(fileName)).type(XLSX_TYPE);
      return reply.send(stream);
    },
  );
};
