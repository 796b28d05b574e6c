import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { ModelWorkerFilter } from '@gonghui/contracts';
import type { OrgUnitTable, OrgUnitVersionTable } from '../../../db/schema.ts';
import { containing } from '../../../db/like.ts';
import { listPage, sortTerms, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  latestVersion,
  platformDb,
  type Db,
  type ModelWorkerDatabase,
  type ModelWorkerTable,
} from '../model-workers.definitions.ts';

type Eb = ExpressionBuilder<
  ModelWorkerDatabase & { w: ModelWorkerTable; v: OrgUnitVersionTable; u: OrgUnitTable },
  'w' | 'v' | 'u'
>;

/** Model workers kept by a union in the scope (where that union stands today, or last stood). */
export function scopedWorkers(db: Db, scope: Scope) {
  return db
    .selectFrom('model_worker as w')
    .innerJoin('org_unit as u', 'u.id', 'w.org_unit_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'w.org_unit_id').on(latestVersion),
    )
    .leftJoin('employer as e', 'e.id', 'w.employer_id')
    .where(inScope('v.path', scope));
}

export const workerColumns = [
  'w.id',
  'w.name',
  'w.gender',
  'w.birth_date as birthDate',
  'w.resident_id_cipher as residentIdCipher',
  'w.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'w.level',
  'w.title',
  'w.equivalent',
  'w.awarded_year as awardedYear',
  'w.employer_id as employerId',
  'e.name as employerName',
  'w.work_unit as workUnit',
  'w.status',
  'w.hardship',
  'w.hardship_evidence as hardshipEvidence',
  'w.bank_name as bankName',
  'w.bank_account_cipher as bankAccountCipher',
  'w.updated_at as updatedAt',
] as const;

export type WorkerRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
function withColumns(db: Db, scope: Scope) {
  return scopedWorkers(db, scope).select(workerColumns);
}

export function workerFilter(f: Omit<ModelWorkerFilter, 'sort' | 'order' | 'orgUnitId'>) {
  return (eb: Eb) => {
    const conds = [];
    if (f.level) conds.push(eb('w.level', '=', f.level));
    if (f.status) conds.push(eb('w.status', '=', f.status));
    if (f.hardship !== undefined) conds.push(eb('w.hardship', '=', f.hardship));
    if (f.awardedFrom) conds.push(eb('w.awarded_year', '>=', f.awardedFrom));
    if (f.awardedTo) conds.push(eb('w.awarded_year', '<=', f.awardedTo));
    const q = f.q?.trim();
    if (q) {
      const any = [eb('w.name', 'like', containing(q)), eb('w.title', 'like', containing(q))];
      if (/^\d{3}[\dXx]$/.test(q)) any.push(eb('w.resident_id_tail', '=', q.toUpperCase()));
      conds.push(eb.or(any));
    }
    return eb.and(conds);
  };
}

const sortColumns = { name: 'w.name', awardedYear: 'w.awarded_year', updatedAt: 'w.updated_at' } as const;

export const modelWorkerRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('w.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope).where('w.id', '=', id).forUpdate('w').executeTakeFirst();
  },

  async list(db: Db, scope: Scope, f: ModelWorkerFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: scopedWorkers(db, scope).where(workerFilter(f)).select(workerColumns),
      orderBy: sortTerms({ columns: sortColumns, key: f.sort, order: f.order, tieBreak: 'w.id' }),
      page,
    });
  },

  async all(db: Db, scope: Scope, f: ModelWorkerFilter) {
    return scopedWorkers(db, scope)
      .where(workerFilter(f))
      .select(workerColumns)
      .orderBy(sortColumns[f.sort], f.order)
      .orderBy('w.id', f.order)
      .execute();
  },

  /** The record of a person, wherever it is kept (one per resident ID in the whole database). */
  async byHash(db: Db, hash: Buffer) {
    return db
      .selectFrom('model_worker as w')
      .innerJoin('org_unit as u', 'u.id', 'w.org_unit_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'w.org_unit_id').on(latestVersion),
      )
      .select(['w.id', 'w.name', 'v.name as orgUnitName', 'v.path as orgUnitPath'])
      .where('w.resident_id_hash', '=', hash)
      .executeTakeFirst();
  },

  async insert(db: Db, values: Insertable<ModelWorkerTable>): Promise<number> {
    const { id } = await db
      .insertInto('model_worker')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async update(db: Db, id: number, values: Updateable<ModelWorkerTable>) {
    await db
      .updateTable('model_worker')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },
};
