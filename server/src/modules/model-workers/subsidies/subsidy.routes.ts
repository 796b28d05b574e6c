import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bankExportBody,
  exportStarted,
  createRollBody,
  createSubsidyRuleBody,
  idParam,
  isoDate,
  listRollLinesQuery,
  listRollsQuery,
  pageOf,
  paidImportResult,
  reviseSubsidyRuleBody,
  rollLine,
  rollLineFilterQuery,
  rollTotal,
  rollTotalsQuery,
  subsidyRoll,
  subsidyRule,
  subsidyRuleFilterQuery,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { attachment, XLSX_TYPE } from '../../../platform/http/download.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { rollBankService } from './roll-bank.service.ts';
import { rollLineExport } from './roll.export.ts';
import { rollService } from './roll.service.ts';
import { ruleService } from './rule.service.ts';
import { signOffSheet } from './roll-sign-off.presenter.ts';

const tags = ['model-workers'];
const read = { access: 'model_worker:read' as const };
const write = { access: 'model_worker:write' as const };
const returnQuery = z.object({
  fileName: z.string({ error: '请提供文件名' }).trim().min(1, '请提供文件名').max(200, '文件名最多 200 个字'),
  paidOn: isoDate.optional(),
});

/** Subsidy rules and rolls: preview → approve → bank file → paid from the bank's return; sign-off; totals. */
export const subsidyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.addContentTypeParser(['application/octet-stream', XLSX_TYPE], (_req, payload, done) =>
    done(null, payload),
  );

  app.get(
    '/api/model-workers/subsidy-rules',
    {
      config: read,
      schema: {
        tags,
        summary: '劳模补助标准（含历次版本）',
        querystring: subsidyRuleFilterQuery,
        response: { 200: z.array(subsidyRule) },
      },
    },
    async (req) => ruleService.list(db, actorOf(req), req.query.orgUnitId),
  );
  app.get(
    '/api/model-workers/subsidy-rules/:id',
    {
      config: read,
      schema: { tags, summary: '劳模补助标准详情', params: idParam, response: { 200: subsidyRule } },
    },
    async (req) => ruleService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/model-workers/subsidy-rules',
    {
      config: write,
      schema: {
        tags,
        summary: '制定劳模补助标准',
        body: createSubsidyRuleBody,
        response: { 200: subsidyRule },
      },
    },
    async (req) => ruleService.create(db, actorOf(req), req.body),
  );
  app.post(
    '/api/model-workers/subsidy-rules/:id/versions',
    {
      config: write,
      schema: {
        tags,
        summary: '修订劳模补助标准（生成新版本，已发放的不变）',
        params: idParam,
        body: reviseSubsidyRuleBody,
        response: { 200: subsidyRule },
      },
    },
    async (req) => ruleService.revise(db, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/model-workers/rolls',
    {
      config: read,
      schema: {
        tags,
        summary: '劳模补助名册列表',
        querystring: listRollsQuery,
        response: { 200: pageOf(subsidyRoll) },
      },
    },
    async (req) => rollService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/model-workers/roll-totals',
    {
      config: read,
      schema: {
        tags,
        summary: '劳模补助按单位和期间合计（已审批）',
        querystring: rollTotalsQuery,
        response: { 200: z.array(rollTotal) },
      },
    },
    async (req) => rollService.totals(db, actorOf(req), req.query),
  );
  app.post(
    '/api/model-workers/rolls',
    {
      config: write,
      schema: {
        tags,
        summary: '按补助标准生成名册预览',
        body: createRollBody,
        response: { 200: subsidyRoll },
      },
    },
    async (req) => rollService.create(db, actorOf(req), req.body),
  );
  app.get(
    '/api/model-workers/rolls/:id',
    {
      config: read,
      schema: { tags, summary: '劳模补助名册', params: idParam, response: { 200: subsidyRoll } },
    },
    async (req) => rollService.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/model-workers/rolls/:id/lines',
    {
      config: read,
      schema: {
        tags,
        summary: '名册明细（审批前为预览）',
        params: idParam,
        querystring: listRollLinesQuery,
        response: { 200: pageOf(rollLine) },
      },
    },
    async (req) => rollService.lines(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/model-workers/rolls/:id/lines/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出名册明细（.xlsx，账号脱敏）',
        params: idParam,
        querystring: rollLineFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) =>
      sendExport(
        reply,
        await rollLineExport.answer(db, actorOf(req), { ...req.query, rollId: req.params.id }),
      ),
  );
  app.post(
    '/api/model-workers/rolls/:id/refresh',
    {
      config: write,
      schema: { tags, summary: '重新生成名册预览', params: idParam, response: { 200: subsidyRoll } },
    },
    async (req) => rollService.refresh(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/model-workers/rolls/:id/approve',
    {
      config: { access: 'model_worker:approve' },
      schema: {
        tags,
        summary: '审批名册：重新核对资格，冻结名单、标准版本与金额',
        params: idParam,
        response: { 200: subsidyRoll },
      },
    },
    async (req) => rollService.approve(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/model-workers/rolls/:id/bank-file',
    {
      config: write,
      schema: {
        tags,
        summary: '导出银行代发文件（.xlsx，含完整账号，记入审计日志）',
        params: idParam,
        querystring: bankExportBody,
      },
    },
    async (req, reply) => {
      const file = await rollBankService.bankFile(db, actorOf(req), req.params.id, req.query.reason);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(file.fileName))
        .send(file.content);
    },
  );
  app.post(
    '/api/model-workers/rolls/:id/bank-return',
    {
      config: write,
      schema: {
        tags,
        summary: '导入银行回单（.xlsx 文件内容作为请求体），登记到账或失败',
        params: idParam,
        querystring: returnQuery,
        response: { 200: paidImportResult },
      },
    },
    async (req) => {
      // A roll outside the caller's scope answers 404 before anything is said about the upload.
      await rollService.get(db, actorOf(req), req.params.id);
      if (!(req.body instanceof Readable))
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          '请把文件内容直接作为请求体上传（Content-Type: application/octet-stream）',
        );
      return rollBankService.recordReturn(
        db,
        actorOf(req),
        req.params.id,
        req.query.fileName,
        req.body,
        req.query.paidOn,
      );
    },
  );
  app.get(
    '/api/model-workers/rolls/:id/sign-off',
    { config: read, schema: { tags, summary: '名册签收表（A4 打印页）', params: idParam } },
    async (req, reply) => {
      const actor = actorOf(req);
      const roll = await rollService.get(db, actor, req.params.id);
      if (roll.status !== 'approved') throw new AppError('CONFLICT', '名册尚未审批，不能打印签收表');
      const lines = await rollService.allLines(db, actor, req.params.id, {});
      return reply.header('content-type', 'text/html; charset=utf-8').send(signOffSheet(roll, lines));
    },
  );
};
