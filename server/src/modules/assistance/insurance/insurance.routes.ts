import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  claimFilterQuery,
  createPlanBody,
  decideClaimBody,
  insuranceEnrolBody,
  insuranceEnrolResult,
  enrolmentFilterQuery,
  exportStarted,
  idParam,
  insuranceClaim,
  insuranceEnrolment,
  insurancePlan,
  listClaimsQuery,
  listEnrolmentsQuery,
  pageOf,
  payClaimBody,
  submitClaimBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { claimExport, enrolmentExport } from './insurance.export.ts';
import { insuranceService as service } from './insurance.service.ts';

const tags = ['assistance'];
const read = { access: 'assistance:read' as const };
const write = { access: 'assistance:write' as const };

export const insuranceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/insurance/plans',
    {
      config: read,
      schema: { tags, summary: '可参加的互助保障计划', response: { 200: z.array(insurancePlan) } },
    },
    async (req) => service.plans(db, actorOf(req)),
  );
  app.post(
    '/api/insurance/plans',
    {
      config: write,
      schema: { tags, summary: '设立互助保障计划', body: createPlanBody, response: { 200: insurancePlan } },
    },
    async (req) => service.createPlan(db, actorOf(req), req.body),
  );
  app.post(
    '/api/insurance/plans/:id/enrolments',
    {
      config: write,
      schema: {
        tags,
        summary: '会员参保：一个工会的全部在册会员，或指定的会员',
        params: idParam,
        body: insuranceEnrolBody,
        response: { 200: insuranceEnrolResult },
      },
    },
    async (req) => service.enrol(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/insurance/plans/:id/enrolments',
    {
      config: read,
      schema: {
        tags,
        summary: '保障计划的参保名单（分页，按姓名、工会筛选）',
        params: idParam,
        querystring: listEnrolmentsQuery,
        response: { 200: pageOf(insuranceEnrolment) },
      },
    },
    async (req) => service.enrolments(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/insurance/plans/:id/enrolments/export',
    {
      config: read,
      schema: {
        tags,
        summary: '按当前筛选导出参保名单（.xlsx）',
        params: idParam,
        querystring: enrolmentFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) =>
      sendExport(
        reply,
        await enrolmentExport.answer(db, actorOf(req), { ...req.query, planId: req.params.id }),
      ),
  );
  app.get(
    '/api/insurance/claims',
    {
      config: read,
      schema: {
        tags,
        summary: '互助保障理赔列表',
        querystring: listClaimsQuery,
        response: { 200: pageOf(insuranceClaim) },
      },
    },
    async (req) => service.claims(db, actorOf(req), req.query),
  );
  app.get(
    '/api/insurance/claims/export',
    {
      config: read,
      schema: {
        tags,
        summary: '按当前筛选导出理赔（.xlsx）',
        querystring: claimFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await claimExport.answer(db, actorOf(req), req.query)),
  );
  app.post(
    '/api/insurance/claims',
    {
      config: write,
      schema: { tags, summary: '申请理赔', body: submitClaimBody, response: { 200: insuranceClaim } },
    },
    async (req) => service.submitClaim(db, actorOf(req), req.body),
  );
  app.post(
    '/api/insurance/claims/:id/decide',
    {
      config: write,
      schema: {
        tags,
        summary: '审核理赔',
        params: idParam,
        body: decideClaimBody,
        response: { 200: insuranceClaim },
      },
    },
    async (req) => service.decide(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/insurance/claims/:id/pay',
    {
      config: write,
      schema: {
        tags,
        summary: '登记赔付',
        params: idParam,
        body: payClaimBody,
        response: { 200: insuranceClaim },
      },
    },
    async (req) => service.pay(db, actorOf(req), req.params.id, req.body),
  );
};
