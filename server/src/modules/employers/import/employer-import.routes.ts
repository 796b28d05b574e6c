import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam, importStatus, startImportQuery, undoImportResponse } from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { employerImportService } from './employer-import.service.ts';
import { undoEmployerImport } from './employer-import.undo.ts';
import { attachment } from '../../../platform/http/download.ts';

const tags = ['employers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const employerImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  // The file's bytes are the request body, passed on as a stream; the service caps the size.
  app.addContentTypeParser(['application/octet-stream', 'text/csv', XLSX], (_req, payload, done) =>
    done(null, payload),
  );

  app.get(
    '/api/employers/template',
    { config: { access: 'employer:read' }, schema: { tags, summary: '单位名录导入模板（.xlsx，含示例行）' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('单位名录导入模板.xlsx'))
        .send(await employerImportService.template()),
  );
  app.post(
    '/api/employer-imports',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '上传单位名录（.xlsx 或 .csv 的文件内容作为请求体），在后台导入',
        querystring: startImportQuery,
        response: { 200: importStatus },
      },
    },
    async (req) => {
      if (!(req.body instanceof Readable)) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          '请把文件内容直接作为请求体上传（Content-Type: application/octet-stream）',
        );
      }
      return employerImportService.upload(db, actorOf(req), req.query, req.body);
    },
  );
  app.get(
    '/api/employer-imports/:id',
    {
      config: { access: 'employer:read' },
      schema: { tags, summary: '单位导入的进度与结果', params: idParam, response: { 200: importStatus } },
    },
    async (req) => employerImportService.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/employer-imports/:id/report',
    {
      config: { access: 'employer:read' },
      schema: {
        tags,
        summary: '单位导入错误报告（.xlsx：出错的原始行加错误说明）',
        params: idParam,
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const report = await employerImportService.report(db, actorOf(req), req.params.id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`单位导入错误报告-${req.params.id}.xlsx`))
        .send(report);
    },
  );
  app.post(
    '/api/employer-imports/:id/undo',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary:
          '撤销整个单位导入：新增的单位删除，修改过的单位恢复原值（导入后又有变动的单位会使撤销被拒绝）',
        params: idParam,
        body: z.object({}).optional(),
        response: { 200: undoImportResponse },
      },
    },
    async (req) => undoEmployerImport(db, actorOf(req), req.params.id),
  );
};
