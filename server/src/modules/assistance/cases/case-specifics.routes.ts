import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agreementBody,
  assistanceCase,
  idParam,
  legalAidBody,
  mediationPartyBody,
  mediationSessionBody,
  signBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { caseSpecificsService as specifics } from './case-specifics.service.ts';

const tags = ['assistance'];
const write = { access: 'assistance:write' as const };

export const caseSpecificsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.put(
    '/api/assistance/cases/:id/legal-aid',
    {
      config: write,
      schema: {
        tags,
        summary: '法律援助：指定援助律师，登记援助结果',
        params: idParam,
        body: legalAidBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => specifics.setLegalAid(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/mediation/parties',
    {
      config: write,
      schema: {
        tags,
        summary: '劳资纠纷调处：登记当事人（申请方或被申请方）',
        params: idParam,
        body: mediationPartyBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => specifics.addParty(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/mediation/sessions',
    {
      config: write,
      schema: {
        tags,
        summary: '劳资纠纷调处：记录一次调解',
        params: idParam,
        body: mediationSessionBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => specifics.addSession(db, actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/assistance/cases/:id/mediation/agreement',
    {
      config: write,
      schema: {
        tags,
        summary: '劳资纠纷调处：拟定调解协议（尚无人签字时可修改）',
        params: idParam,
        body: agreementBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => specifics.setAgreement(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assistance/cases/:id/mediation/agreement/sign',
    {
      config: write,
      schema: {
        tags,
        summary: '劳资纠纷调处：申请方、被申请方或调解员在协议上签字',
        params: idParam,
        body: signBody,
        response: { 200: assistanceCase },
      },
    },
    async (req) => specifics.sign(db, actorOf(req), req.params.id, req.body),
  );
};
