import type { Kysely } from 'kysely';
import type {
  CaseHandler,
  CreateHandlerBody,
  HandlerDetail,
  ListHandlersQuery,
  Page,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeOf } from '../../../platform/scope.ts';
import type { AppDb } from '../cases/case.definitions.ts';
import { caseHandlingRepository } from '../cases/case-handling.repository.ts';
import { handlerRepository, type HandlerRow } from './handler.repository.ts';

/** A handler as the API shows it. */
export function presentHandler(h: HandlerRow): CaseHandler {
  return {
    id: h.id,
    name: h.name,
    kind: h.kind,
    orgUnitId: h.orgUnitId,
    orgUnitName: h.orgUnitName,
    userId: h.userId,
    organisation: h.organisation,
    openCases: h.openCases ?? 0,
  };
}

/** A handler the caller can see (their unit or below), else "not found". */
export async function visibleHandler(db: AppDb, actor: Actor, id: number, field = 'handlerId') {
  const h = await handlerRepository.find(db, id, await scopeOf(db, actor));
  if (!h) throw invalid([{ field, message: '经办人不存在或不在您的管辖范围内' }]);
  return h;
}

/** The people who handle cases: staff with an account, and outside lawyers, mediators and volunteers. */
export const handlerService = {
  async list(db: Kysely<Database>, actor: Actor, q: ListHandlersQuery): Promise<Page<CaseHandler>> {
    const page = await handlerRepository.list(db, await scopeOf(db, actor), q, q);
    return { ...page, items: page.items.map(presentHandler) };
  },

  /** One handler with the cases given to them; outside the caller's territory it is "not found". */
  async get(db: Kysely<Database>, actor: Actor, id: number): Promise<HandlerDetail> {
    const scope = await scopeOf(db, actor);
    const h = await handlerRepository.find(db, id, scope);
    if (!h) throw notFound('经办人');
    const rows = await caseHandlingRepository.assignmentsOfHandler(db, scope, id);
    return {
      ...presentHandler(h),
      assignments: rows.map((r) => ({
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        caseType: r.caseType,
        subject: r.subject,
        closed: r.closedOn !== null,
        from: new Date(r.from).toISOString(),
        to: r.to === null ? null : new Date(r.to).toISOString(),
      })),
    };
  },

  async create(db: Kysely<Database>, actor: Actor, body: CreateHandlerBody): Promise<CaseHandler> {
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit) throw invalid([{ field: 'orgUnitId', message: '所属单位不存在或不在您的管辖范围内' }]);
      const userId = body.userId ?? null;
      if (userId !== null && !(await handlerRepository.userInScope(trx, userId, scope)))
        throw invalid([{ field: 'userId', message: '账号不存在或不在您的管辖范围内' }]);
      if (body.kind === 'staff' && userId === null && body.organisation)
        throw invalid([{ field: 'organisation', message: '工会工作人员不填所在机构' }]);
      const id = await handlerRepository.insert(trx, {
        name: body.name,
        kind: body.kind,
        org_unit_id: unit.id,
        user_id: userId,
        organisation: body.organisation ?? null,
      });
      const created = await handlerRepository.find(trx, id, scope);
      if (!created) throw notFound('经办人');
      const view = presentHandler(created);
      await audit(trx, actor, {
        action: 'case_handler.create',
        entityType: 'case_handler',
        entityId: id,
        scopePath: created.orgUnitPath,
        after: view,
      });
      return view;
    });
  },
};
