import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, importStatus, startImportQuery } from '@gonghui/contracts';
import { acceptAttachmentBodies } from '../../../platform/attachments/attachment.body.ts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { attachment } from '../../../platform/http/download.ts';
import { invalid } from '../../../platform/http/errors.ts';
import { archiveImportService as service } from './archive-import.service.ts';

const tags = ['assistance'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const archiveImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  acceptAttachmentBodies(app);

  app.get(
    '/api/hardship/archive-template',
    {
      config: { access: 'assistance:read' },
      schema: { tags, summary: '困难职工档案导入模板（.xlsx，含示例户）' },
    },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('困难职工档案导入模板.xlsx'))
        .send(await service.template()),
  );
  app.post(
    '/api/hardship/archive-imports',
    {
      config: { access: 'assistance:write' },
      schema: {
        tags,
        summary: '上传困难职工档案（.xlsx 文件内容作为请求体，每行一人，户主行起为一户），在后台导入',
        querystring: startImportQuery,
        response: { 200: importStatus },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body))
        throw invalid([{ field: 'file', message: '请把文件内容直接作为请求体上传' }]);
      return service.upload(db, actorOf(req), req.query, Readable.from([req.body]));
    },
  );
  app.get(
    '/api/hardship/archive-imports/:id',
    {
      config: { access: 'assistance:read' },
      schema: {
        tags,
        summary: '困难职工档案导入的进度与结果',
        params: idParam,
        response: { 200: importStatus },
      },
    },
    async (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/hardship/archive-imports/:id/report',
    {
      config: { access: 'assistance:read' },
      schema: {
        tags,
        summary: '困难职工档案导入错误报告（.xlsx：出错户的原始行加行号与错误说明）',
        params: idParam,
        response: { 200: z.any() },
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`困难职工档案导入错误报告-${req.params.id}.xlsx`))
        .send(await service.report(db, actorOf(req), req.params.id)),
  );
};
