import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  indicatorEmployersQuery,
  indicatorExplanation,
  indicatorKeys,
  indicatorLeftOut,
  indicatorLeftOutQuery,
  indicatorQuery,
  indicatorReport,
  indicatorTarget,
  indicatorTrend,
  pageOf,
  setTargetBody,
  targetQuery,
  trendQuery,
} from '@gonghui/contracts';
import { actorOf } from '../../platform/auth/actor.ts';
import { attachment } from '../../platform/http/download.ts';
import { indicatorExplanation as explain } from './indicator.definitions.ts';
import { indicatorWorkbook } from './indicator.export.ts';
import { indicatorService } from './indicator.service.ts';

const tags = ['indicators'];
const read = { access: 'indicator:read' as const };

const employerBehind = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  orgUnitName: z.string(),
  employees: z.number().int(),
  /** Active members at the date asked. */
  members: z.number().int(),
  unionStatus: z.string(),
  partyStatus: z.string(),
});

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/indicators',
    {
      config: read,
      schema: {
        tags,
        summary: '组织建设指标（截至某日，含下级）',
        querystring: indicatorQuery,
        response: { 200: indicatorReport },
      },
    },
    async (req) => indicatorService.report(db, actorOf(req), req.query.unitId, req.query.asOf),
  );
  app.get(
    '/api/indicators/export',
    { config: read, schema: { tags, summary: '导出指标表（.xlsx）', querystring: indicatorQuery } },
    async (req, reply) => {
      const report = await indicatorService.report(db, actorOf(req), req.query.unitId, req.query.asOf);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(`组织建设指标-${report.unit.name}-${report.asOf}.xlsx`))
        .send(await indicatorWorkbook(report));
    },
  );
  app.get(
    '/api/indicators/trend',
    {
      config: read,
      schema: { tags, summary: '指标走势', querystring: trendQuery, response: { 200: indicatorTrend } },
    },
    async (req) =>
      indicatorService.trend(
        db,
        actorOf(req),
        req.query.unitId,
        req.query.from,
        req.query.to,
        req.query.points,
      ),
  );
  app.get(
    '/api/indicators/employers',
    {
      config: read,
      schema: {
        tags,
        summary: '指标分子或分母背后的单位',
        querystring: indicatorEmployersQuery,
        response: { 200: pageOf(employerBehind) },
      },
    },
    async (req) => indicatorService.employersBehind(db, actorOf(req), req.query),
  );
  app.get(
    '/api/indicators/definitions',
    {
      config: read,
      schema: {
        tags,
        summary: '各指标的口径：分子、分母和统计范围',
        response: { 200: z.array(indicatorExplanation) },
      },
    },
    async () => indicatorKeys.map((key) => explain(key)),
  );
  app.get(
    '/api/indicators/left-out',
    {
      config: read,
      schema: {
        tags,
        summary: '指标分母未计入的本地区单位，按原因分组',
        querystring: indicatorLeftOutQuery,
        response: { 200: indicatorLeftOut },
      },
    },
    async (req) => indicatorService.leftOut(db, actorOf(req), req.query),
  );
  app.get(
    '/api/targets',
    {
      config: read,
      schema: {
        tags,
        summary: '年度目标',
        querystring: targetQuery,
        response: { 200: z.array(indicatorTarget) },
      },
    },
    async (req) => indicatorService.targets(db, actorOf(req), req.query.unitId, req.query.year),
  );
  app.put(
    '/api/targets',
    {
      config: { access: 'target:write' },
      schema: { tags, summary: '设定年度目标', body: setTargetBody, response: { 200: indicatorTarget } },
    },
    async (req) => indicatorService.setTarget(db, actorOf(req), req.body),
  );
};
