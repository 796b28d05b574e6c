import { attachment } from '../../../platform/http/download.ts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  confirmNameChangesBody,
  confirmNameChangesResponse,
  heldImportRow,
  heldImportRowsQuery,
  importTransfersBody,
  importTransfersResponse,
  idParam,
  importMembersQuery,
  memberImport,
  undoImportResponse,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { memberImportService } from './member-import.service.ts';
import { memberImportHeldService } from './member-import-held.service.ts';
import { undoMemberImport } from './member-import.undo.ts';
import { memberExportRoutes } from '../export/member-export.routes.ts';
import { rosterTemplate } from './member.sheet.ts';

const tags = ['members'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const memberImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  // A roster arrives as the file's bytes and is streamed on, never parsed as a whole in memory.
  app.addContentTypeParser(['application/octet-stream', 'text/csv', XLSX], (_req, payload, done) =>
    done(null, payload),
  );

  app.get(
    '/api/members/template',
    { config: { access: 'member:read' }, schema: { tags, summary: '会员名册导入模板（.xlsx）' } },
    async (_req, reply) => {
      reply.header('content-disposition', attachment('会员名册导入模板.xlsx')).type(XLSX);
      return rosterTemplate();
    },
  );
  await app.register(memberExportRoutes);
  app.post(
    '/api/member-imports',
    {
      config: { access: 'member:write' },
      schema: {
        tags,
        summary: '上传会员名册（.xlsx 或 .csv 文件内容作为请求体），在后台导入',
        querystring: importMembersQuery,
        response: { 200: memberImport },
      },
    },
    async (req) => memberImportService.upload(db, actorOf(req), req.query, req.body),
  );
  app.get(
    '/api/member-imports/:id',
    {
      config: { access: 'member:read' },
      schema: { tags, summary: '导入进度与结果', params: idParam, response: { 200: memberImport } },
    },
    async (req) => memberImportService.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/member-imports/:id/report',
    {
      config: { access: 'member:read' },
      schema: { tags, summary: '导入错误报告（.xlsx）', params: idParam, response: { 200: z.any() } },
    },
    async (req, reply) => {
      const report = await memberImportService.report(db, actorOf(req), req.params.id);
      reply.header('content-disposition', attachment(`会员导入错误报告-${req.params.id}.xlsx`)).type(XLSX);
      return report;
    },
  );
  app.get(
    '/api/member-imports/:id/held',
    {
      config: { access: 'member:read' },
      schema: {
        tags,
        summary: '名册中未导入的行：其他工会的会员、待确认的姓名变更',
        params: idParam,
        querystring: heldImportRowsQuery,
        response: { 200: z.array(heldImportRow) },
      },
    },
    async (req) => memberImportHeldService.list(db, actorOf(req), req.params.id, req.query.kind),
  );
  app.post(
    '/api/member-imports/:id/name-changes',
    {
      config: { access: 'member:write' },
      schema: {
        tags,
        summary: '确认名册中的姓名变更：选中的行生效，其余不导入',
        params: idParam,
        body: confirmNameChangesBody,
        response: { 200: confirmNameChangesResponse },
      },
    },
    async (req) => memberImportHeldService.confirmNames(db, actorOf(req), req.params.id, req.body.rowNos),
  );
  app.post(
    '/api/member-imports/:id/transfers',
    {
      config: { access: 'transfer:write' },
      schema: {
        tags,
        summary: '为名册中其他工会的会员一次发起会员关系接转（由会员现在所在的工会处理）',
        params: idParam,
        body: importTransfersBody,
        response: { 200: importTransfersResponse },
      },
    },
    async (req) => memberImportHeldService.startTransfers(db, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/member-imports/:id/undo',
    {
      config: { access: 'member:write' },
      schema: {
        tags,
        summary: '撤销整个导入：新增的会员删除，修改过的会员恢复原值（导入后又有变动的会员会使撤销被拒绝）',
        params: idParam,
        body: z.object({}).optional(),
        response: { 200: undoImportResponse },
      },
    },
    async (req) => undoMemberImport(db, actorOf(req), req.params.id),
  );
};
