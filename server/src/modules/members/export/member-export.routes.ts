import { attachment, XLSX_TYPE } from '../../../platform/http/download.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  exportStarted,
  idParam,
  memberExport,
  memberExportQuery,
  startMemberExportBody,
} from '@gonghui/contracts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { memberExportService } from './member-export.service.ts';

const tags = ['members'];

/**
 * Roster exports: the list's file of exactly its filtered rows (a job above the inline limit), or a
 * background job asked for outright, its progress, then its file.
 */
export const memberExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/members/export',
    {
      config: { access: 'member:read' },
      schema: {
        tags,
        summary:
          '按会员名册的筛选导出 .xlsx（证件号码和电话脱敏；可修改后再导入）；行数较多时返回 202 和后台导出任务，进度与文件见 /api/exports/{id}',
        querystring: memberExportQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await memberExportService.answer(db, actorOf(req), req.query)),
  );
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
