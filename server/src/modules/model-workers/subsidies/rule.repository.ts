import type { Insertable } from 'kysely';
import { inScope, type Scope } from '../../../platform/scope.ts';
import { latestVersion, type Db, type SubsidyRuleVersionTable } from '../model-workers.definitions.ts';

function scopedRules(db: Db, scope: Scope) {
  return db
    .selectFrom('subsidy_rule as r')
    .innerJoin('org_unit as u', 'u.id', 'r.org_unit_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'r.org_unit_id').on(latestVersion),
    )
    .where(inScope('v.path', scope))
    .select([
      'r.id',
      'r.name',
      'r.org_unit_id as orgUnitId',
      'v.name as orgUnitName',
      'v.path as orgUnitPath',
    ]);
}

const versionColumns = [
  'x.id',
  'x.rule_id as ruleId',
  'x.version',
  'x.level',
  'x.condition',
  'x.amount_fen as amountFen',
  'x.per',
  'x.valid_from as validFrom',
  'x.valid_to as validTo',
  'x.reason',
  'x.created_at as createdAt',
] as const;

export type RuleRow = Awaited<ReturnType<ReturnType<typeof scopedRules>['executeTakeFirstOrThrow']>>;

export const ruleRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return scopedRules(db, scope).where('r.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: number, scope: Scope) {
    return scopedRules(db, scope).where('r.id', '=', id).forUpdate('r').executeTakeFirst();
  },

  async list(db: Db, scope: Scope) {
    return scopedRules(db, scope).orderBy('v.path').orderBy('r.id').execute();
  },

  /** Every version of the rules, newest first. */
  async versionsOf(db: Db, ruleIds: number[]) {
    if (ruleIds.length === 0) return [];
    return db
      .selectFrom('subsidy_rule_version as x')
      .select(versionColumns)
      .where('x.rule_id', 'in', ruleIds)
      .orderBy('x.rule_id')
      .orderBy('x.version', 'desc')
      .execute();
  },

  async insertRule(db: Db, values: { org_unit_id: number; name: string; created_by: number | null }) {
    const { id } = await db
      .insertInto('subsidy_rule')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async insertVersion(db: Db, values: Insertable<SubsidyRuleVersionTable>) {
    await db.insertInto('subsidy_rule_version').values(values).execute();
  },
};
