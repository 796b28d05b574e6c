import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { HandlerKind } from '@gonghui/contracts';
import { containing } from '../../../db/like.ts';
import { listPage, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  withAssistance,
  type AppDb,
  type AssistanceDatabase,
  type CaseHandlerTable,
} from '../cases/case.definitions.ts';

type Eb = ExpressionBuilder<AssistanceDatabase & { h: CaseHandlerTable }, 'h'>;

/** Handlers whose unit (in its latest version) lies in the scope. */
function scoped(db: AppDb, scope: Scope) {
  return withAssistance(db)
    .selectFrom('case_handler as h')
    .innerJoin('org_unit_version as v', 'v.org_unit_id', 'h.org_unit_id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('org_unit_version as w')
            .select('w.id')
            .whereRef('w.org_unit_id', '=', 'v.org_unit_id')
            .whereRef('w.valid_from', '>', 'v.valid_from'),
        ),
      ),
    )
    .where(inScope('v.path', scope));
}

const columns = [
  'h.id',
  'h.name',
  'h.kind',
  'h.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'h.user_id as userId',
  'h.organisation',
  (eb: Eb) =>
    eb
      .selectFrom('assistance_case as c')
      .select(sql<number>`count(*)::int`.as('n'))
      .whereRef('c.handler_id', '=', 'h.id')
      .where('c.closed_on', 'is', null)
      .as('openCases'),
] as const;

export interface HandlerFilter {
  q?: string;
  kind?: HandlerKind;
}

function filterWhere(f: HandlerFilter) {
  return (eb: Eb) => {
    const conds = [];
    if (f.kind) conds.push(eb('h.kind', '=', f.kind));
    if (f.q?.trim()) conds.push(eb('h.name', 'like', containing(f.q.trim())));
    return eb.and(conds);
  };
}

export const handlerRepository = {
  async find(db: AppDb, id: number, scope: Scope) {
    return scoped(db, scope).select(columns).where('h.id', '=', id).executeTakeFirst();
  },

  async list(db: AppDb, scope: Scope, f: HandlerFilter, page: PageRequest) {
    return listPage(db, {
      rows: scoped(db, scope).where(filterWhere(f)).select(columns),
      orderBy: [
        ['h.name', 'asc'],
        ['h.id', 'asc'],
      ],
      page,
      total: 'exact',
    });
  },

  async insert(db: AppDb, values: Insertable<CaseHandlerTable>): Promise<number> {
    const { id } = await withAssistance(db)
      .insertInto('case_handler')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** The account of a staff handler, if it belongs to a unit in the scope. */
  async userInScope(db: AppDb, userId: number, scope: Scope) {
    return db
      .selectFrom('app_user as u')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'u.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select(['u.id', 'u.display_name as displayName'])
      .where('u.id', '=', userId)
      .where(inScope('v.path', scope))
      .executeTakeFirst();
  },
};

export type HandlerRow = NonNullable<Awaited<ReturnType<typeof handlerRepository.find>>>;
