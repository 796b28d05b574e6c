import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ATTACHMENT_MAX_BYTES,
  aidAmountBody,
  aidThreshold,
  aidThresholdBody,
  assignCaseBody,
  assistanceCase,
  attachmentQuery,
  caseAttachmentParams,
  caseDetail,
  caseFilterQuery,
  caseNoteBody,
  caseStatusBody,
  escalateCaseBody,
  exportStarted,
  extendCaseBody,
  idParam,
  intakeCaseBody,
  listCasesQuery,
  pageOf,
  referCaseBody,
  revealCaseBody,
  revealedCase,
  workerTimeline,
  workerTimelineQuery,
} from '@gonghui/contracts';
import { acceptAttachmentBodies } from '../../../platform/attachments/attachment.body.ts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { attachment } from '../../../platform/http/download.ts';
import { caseExport } from './case.export.ts';
import { caseHandlingService as handling } from './case-handling.service.ts';
import { caseService } from './case.service.ts';

const tags = ['assistance'];
const read = { access: 'assistance:read' as const };
const write = { access: 'assistance:write' as const };

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  // An attachment's bytes are the request body; the store checks its kind and size.
  acceptAttachmentBodies(app);

  app.get(
    '/api/assistance/cases',
    {
      config: read,
      schema: {
        tags,
        summary: '求助案件列表（筛选、分页、排序；可只看已超期或即将到期的）',
        querystring: listCasesQuery,
        response: { 200: pageOf(assistanceCase) },
      },
    },
    async (req) => caseService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/assistance/cases/export',
    {
      config: read,
      schema: {
        tags,
        summary: '按当前筛选导出求助案件（.xlsx）；行数较多时返回 202 和后台导出任务',
        querystring: caseFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await caseExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/assistance/cases/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '求助案件详情、办理经过与附件',
        params: idParam,
        response: { 200: caseDetail },
      },
    },
    async (req) => caseService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/assistance/cases',
    {
      config: write,
      schema: { tags, summary: '登记求助案件', body: intakeCaseBody, response: { 200: assistanceCase } },
    },
    async (req) => caseService.intake(db, actorOf(req), req.body),
  );
  app.post(
    '/api/assistance/cases/:id/reveal',
    {
      config: { access: 'assistance:reveal' },
      schema: {
        tags,
        summary: '查看职工身份证号、电话与情况描述（须填写原因，记入审计日志）',
        params: idParam,
        body: revealCaseBody,
        response: { 200: revealedCase },
      },
    },
    async (req) => caseService.reveal(db, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/assistance/cases/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: '变更案件状态（不能跳过或倒退的状态会被拒绝）',
        params: idParam,
        body: caseStatusBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.setStatus(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/assign',
    {
      config: write,
      schema: {
        tags,
        summary: '指派经办人',
        params: idParam,
        body: assignCaseBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.assign(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/escalate',
    {
      config: write,
      schema: {
        tags,
        summary: '上报上级工会办理（须填写原因）',
        params: idParam,
        body: escalateCaseBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.escalate(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/refer',
    {
      config: write,
      schema: {
        tags,
        summary: '转交下级工会办理（须填写原因）',
        params: idParam,
        body: referCaseBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.refer(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/pause',
    {
      config: write,
      schema: {
        tags,
        summary: '等待职工补充材料，暂停计时',
        params: idParam,
        body: caseNoteBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.pause(db, actorOf(req), req.params.id, req.body.note),
  );
  app.post(
    '/api/assistance/cases/:id/resume',
    {
      config: write,
      schema: {
        tags,
        summary: '恢复计时',
        params: idParam,
        body: caseNoteBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.resume(db, actorOf(req), req.params.id, req.body.note),
  );
  app.post(
    '/api/assistance/cases/:id/extend',
    {
      config: write,
      schema: {
        tags,
        summary: '延长办理期限（只能一次，须批准并告知）',
        params: idParam,
        body: extendCaseBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.extend(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/notes',
    {
      config: write,
      schema: {
        tags,
        summary: '添加办理备注',
        params: idParam,
        body: caseNoteBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.note(db, actorOf(req), req.params.id, req.body.note),
  );
  app.post(
    '/api/assistance/cases/:id/aid',
    {
      config: write,
      schema: {
        tags,
        summary: '登记生活救助金额（超过审批限额须上级审批）',
        params: idParam,
        body: aidAmountBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.setAid(db, actorOf(req), req.params.id, req.body.amountFen),
  );
  app.post(
    '/api/assistance/cases/:id/aid/approve',
    {
      config: write,
      schema: {
        tags,
        summary: '上级工会审批超过限额的救助金额',
        params: idParam,
        body: caseNoteBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.approveAid(db, actorOf(req), req.params.id, req.body.note),
  );
  app.put(
    '/api/assistance/aid-thresholds',
    {
      config: write,
      schema: {
        tags,
        summary: '设置一个区（县级市）的生活救助审批限额',
        body: aidThresholdBody,
        response: { 200: aidThreshold },
      },
    },
    async (req) => handling.setAidThreshold(db, actorOf(req), req.body),
  );
  app.post(
    '/api/assistance/cases/:id/attachments',
    {
      config: write,
      bodyLimit: ATTACHMENT_MAX_BYTES + 1,
      schema: {
        tags,
        summary: '上传案件附件（文件内容作为请求体，文件名在 fileName 参数中）',
        params: idParam,
        querystring: attachmentQuery,
        response: { 200: assistanceCase },
      },
    },
    async (req) => handling.attach(db, actorOf(req), req.params.id, req.query.fileName, req.body),
  );
  app.get(
    '/api/assistance/cases/:id/attachments/:attachmentId',
    {
      config: read,
      schema: { tags, summary: '下载案件附件（记入审计日志）', params: caseAttachmentParams },
    },
    async (req, reply) => {
      const file = await caseService.attachment(db, actorOf(req), req.params.id, req.params.attachmentId);
      reply
        .header('content-disposition', attachment(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .type(file.contentType);
      return reply.send(file.content);
    },
  );
  app.get(
    '/api/assistance/workers/:id/cases',
    {
      config: read,
      schema: {
        tags,
        summary: '一名职工的全部求助记录（可按类型、日期筛选）',
        params: idParam,
        querystring: workerTimelineQuery,
        response: { 200: workerTimeline },
      },
    },
    async (req) => caseService.workerTimeline(db, actorOf(req), req.params.id, req.query),
  );
};
