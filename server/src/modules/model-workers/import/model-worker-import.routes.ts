import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam, modelWorkerImportQuery, modelWorkerImportResult } from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { attachment } from '../../../platform/http/download.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { modelWorkerImportService } from './model-worker-import.service.ts';

const tags = ['model-workers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The registry's import from .xlsx: its template, the upload, and the error report. */
export const modelWorkerImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  // The file's bytes are the request body, passed on as a stream; the service caps the size.
  app.addContentTypeParser(['application/octet-stream', XLSX], (_req, payload, done) => done(null, payload));
  app.get(
    '/api/model-worker-imports/template',
    {
      config: { access: 'model_worker:read' },
      schema: { tags, summary: '劳动模范名册导入模板（.xlsx，含示例行）' },
    },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('劳动模范名册导入模板.xlsx'))
        .send(await modelWorkerImportService.template()),
  );
  app.post(
    '/api/model-worker-imports',
    {
      config: { access: 'model_worker:write' },
      schema: {
        tags,
        summary: '导入劳动模范名册（.xlsx 文件内容作为请求体）：逐行检查，全部正确才导入或只导入正确的行',
        querystring: modelWorkerImportQuery,
        response: { 200: modelWorkerImportResult },
      },
    },
    async (req) => {
      if (!(req.body instanceof Readable))
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          '请把文件内容直接作为请求体上传（Content-Type: application/octet-stream）',
        );
      return modelWorkerImportService.upload(db, actorOf(req), req.query, req.body);
    },
  );
  app.get(
    '/api/model-worker-imports/:id/report',
    {
      config: { access: 'model_worker:read' },
      schema: {
        tags,
        summary: '劳动模范名册导入错误报告（.xlsx：出错的原始行、原行号和错误说明）',
        params: idParam,
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const report = await modelWorkerImportService.report(db, actorOf(req), req.params.id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`劳动模范名册导入错误报告-${req.params.id}.xlsx`))
        .send(report);
    },
  );
};
