import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agreement,
  agreementDetail,
  agreementEmployersBody,
  agreementEmployersResult,
  agreementFilterQuery,
  agreementScanQuery,
  ATTACHMENT_MAX_BYTES,
  createAgreementBody,
  exportStarted,
  idParam,
  listAgreementsQuery,
  pageOf,
  updateAgreementBody,
} from '@gonghui/contracts';
import { acceptAttachmentBodies } from '../../platform/attachments/attachment.body.ts';
import { actorOf } from '../../platform/auth/actor.ts';
import { sendExport } from '../../platform/exports/list-export.ts';
import { agreementExport } from './agreement.export.ts';
import { agreementService } from './agreement.service.ts';

const tags = ['agreements'];
const read = { access: 'agreement:read' as const };
const write = { access: 'agreement:write' as const };

export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  // A scan's bytes are the request body; the file store checks its kind and size.
  acceptAttachmentBodies(app);

  app.get(
    '/api/agreements',
    {
      config: read,
      schema: {
        tags,
        summary: '集体合同列表（筛选、搜索、分页、排序）',
        querystring: listAgreementsQuery,
        response: { 200: pageOf(agreement) },
      },
    },
    async (req) => agreementService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/agreements/export',
    {
      config: read,
      schema: {
        tags,
        summary:
          '按当前筛选导出集体合同（.xlsx）；行数较多时返回 202 和后台导出任务，进度与文件见 /api/exports/{id}',
        querystring: agreementFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await agreementExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/agreements/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '集体合同详情与覆盖单位',
        params: idParam,
        response: { 200: agreementDetail },
      },
    },
    async (req) => agreementService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/agreements',
    {
      config: write,
      schema: {
        tags,
        summary: '登记集体合同',
        body: createAgreementBody,
        response: { 200: agreementDetail },
      },
    },
    async (req) => agreementService.create(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/agreements/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改集体合同条款',
        params: idParam,
        body: updateAgreementBody,
        response: { 200: agreementDetail },
      },
    },
    async (req) => agreementService.update(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/agreements/:id/employers',
    {
      config: write,
      schema: {
        tags,
        summary: '集体合同增加覆盖单位',
        params: idParam,
        body: agreementEmployersBody,
        response: { 200: agreementEmployersResult },
      },
    },
    async (req) => agreementService.addEmployers(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/agreements/:id/employers/remove',
    {
      config: write,
      schema: {
        tags,
        summary: '集体合同移除覆盖单位',
        params: idParam,
        body: agreementEmployersBody,
        response: { 200: agreementEmployersResult },
      },
    },
    async (req) => agreementService.removeEmployers(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/agreements/:id/scans',
    {
      config: write,
      bodyLimit: ATTACHMENT_MAX_BYTES + 1,
      schema: {
        tags,
        summary:
          '上传集体合同文本扫描件（PDF 或图片，文件内容作为请求体，文件名在 fileName 参数中）；下载见 /api/attachments/{id}',
        params: idParam,
        querystring: agreementScanQuery,
        response: { 200: agreementDetail },
      },
    },
    async (req) =>
      agreementService.attachScan(
        db,
        actorOf(req),
        req.params.id,
        req.query.fileName,
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      ),
  );
};
