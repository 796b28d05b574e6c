import { attachment, XLSX_TYPE } from '../../platform/http/download.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam, memberExport, startMemberExportBody } from '@gonghui/contracts';
import { actorOf } from '../../platform/auth/actor.ts';
import { memberExportService } from './member-export.service.ts';

const tags = ['members'];

/** Roster exports run as background jobs: start one, watch its progress, then download the file. */
export const memberExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.post(
    '/api/member-exports',
    {
      config: { access: 'member:read' },
      schema: {
        tags,
        summary: '按会员名册的筛选条件在后台导出 .xlsx（证件号码和电话脱敏；可修改后再导入）',
        body: startMemberExportBody.optional(),
        response: { 200: memberExport },
      },
    },
    async (req) => memberExportService.start(db, actorOf(req), req.body ?? {}),
  );
  app.get(
    '/api/member-exports/:id',
    {
      config: { access: 'member:read' },
      schema: { tags, summary: '导出进度', params: idParam, response: { 200: memberExport } },
    },
    async (req) => memberExportService.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/member-exports/:id/file',
    {
      config: { access: 'member:read' },
      schema: { tags, summary: '下载导出的会员名册（.xlsx），记入审计日志', params: idParam },
    },
    async (req, reply) => {
      const { fileName, stream } = await memberExportService.file(db, actorOf(req), req.params.id);
      reply.header('content-disposition', attachment(fileName)).type(XLSX_TYPE);
      return reply.send(stream);
    },
  );
};
