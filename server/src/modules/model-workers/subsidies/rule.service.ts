import type { Kysely } from 'kysely';
import type {
  CreateSubsidyRuleBody,
  ReviseSubsidyRuleBody,
  SubsidyRule,
  SubsidyRuleVersion,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { scopeOf, type Scope } from '../../../platform/scope.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { modelWorkerDb, type Db as ModuleDb } from '../model-workers.definitions.ts';
import { ruleRepository as repo, type RuleRow } from './rule.repository.ts';

type Db = Kysely<Database>;
const RULE = '劳模补助标准';
type RuleWithVersions = RuleRow & { versions: SubsidyRuleVersion[] };

function presentVersion(v: Awaited<ReturnType<typeof repo.versionsOf>>[number]): SubsidyRuleVersion {
  return {
    id: v.id,
    version: v.version,
    level: v.level,
    condition: v.condition,
    amountFen: v.amountFen,
    per: v.per,
    validFrom: v.validFrom,
    validTo: v.validTo,
    reason: v.reason,
    createdAt: new Date(v.createdAt).toISOString(),
  };
}

function presentRule(r: RuleWithVersions): SubsidyRule {
  return {
    id: r.id,
    name: r.name,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    current: r.versions[0],
    versions: r.versions,
  };
}

async function withVersions(db: ModuleDb, rows: RuleRow[]): Promise<RuleWithVersions[]> {
  const versions = (
    await repo.versionsOf(
      db,
      rows.map((r) => r.id),
    )
  ).map((v) => ({ ...presentVersion(v), ruleId: v.ruleId }));
  return rows.map((r) => ({
    ...r,
    versions: versions.filter((v) => v.ruleId === r.id).map(({ ruleId: _r, ...v }) => v),
  }));
}

function ruleRecord(scope: Scope): ChangeableRecord<RuleWithVersions, SubsidyRule> {
  return {
    entityType: 'subsidy_rule',
    label: RULE,
    lock: async (trx, id) => {
      const row = await repo.lock(modelWorkerDb(trx), id, scope);
      return row ? (await withVersions(modelWorkerDb(trx), [row]))[0] : null;
    },
    reload: async (trx, id) =>
      (await withVersions(modelWorkerDb(trx), [(await repo.find(modelWorkerDb(trx), id, scope))!]))[0],
    present: presentRule,
    scopePath: (r) => r.orgUnitPath,
  };
}

function checkTerms(t: { validFrom: string; validTo?: string | null }) {
  if (t.validTo && t.validTo <= t.validFrom)
    throw invalid([{ field: 'validTo', message: '失效日期应晚于生效日期' }]);
}

/**
 * Subsidy rules: by level and condition, an amount per month or per year, valid from/to. A change is a
 * new version; no version is ever rewritten, so a line approved under one keeps its amount and its rule.
 */
export const ruleService = {
  async list(db: Db, actor: Actor, orgUnitId?: number): Promise<SubsidyRule[]> {
    const mdb = modelWorkerDb(db);
    return (await withVersions(mdb, await repo.list(mdb, await scopeUnderUnit(db, actor, orgUnitId)))).map(
      presentRule,
    );
  },

  async get(db: Db, actor: Actor, id: number): Promise<SubsidyRule> {
    const mdb = modelWorkerDb(db);
    const row = await repo.find(mdb, id, await scopeOf(db, actor));
    if (!row) throw notFound(RULE);
    return presentRule((await withVersions(mdb, [row]))[0]);
  },

  async create(db: Db, actor: Actor, body: CreateSubsidyRuleBody): Promise<SubsidyRule> {
    checkTerms(body);
    const scope = await scopeOf(db, actor);
    return createRecord(db, actor, ruleRecord(scope), 'subsidy_rule.create', async (trx) => {
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '制定单位不存在、已撤销或不在您的管辖范围内' }]);
      const mdb = modelWorkerDb(trx);
      const createdBy = actor.userId > 0 ? actor.userId : null;
      const id = await repo.insertRule(mdb, { org_unit_id: unit.id, name: body.name, created_by: createdBy });
      await repo.insertVersion(mdb, {
        rule_id: id,
        version: 1,
        level: body.level,
        condition: body.condition,
        amount_fen: body.amountFen,
        per: body.per,
        valid_from: body.validFrom,
        valid_to: body.validTo ?? null,
        reason: null,
        created_by: createdBy,
      });
      return id;
    });
  },

  /** A new version of the rule; the earlier ones, and what was approved under them, stay as they were. */
  async revise(db: Db, actor: Actor, id: number, body: ReviseSubsidyRuleBody): Promise<SubsidyRule> {
    checkTerms(body);
    const scope = await scopeOf(db, actor);
    return changeRecord(db, actor, ruleRecord(scope), id, 'subsidy_rule.revise', async (trx, before) => {
      await repo.insertVersion(modelWorkerDb(trx), {
        rule_id: id,
        version: before.versions[0].version + 1,
        level: body.level,
        condition: body.condition,
        amount_fen: body.amountFen,
        per: body.per,
        valid_from: body.validFrom,
        valid_to: body.validTo ?? null,
        reason: body.reason,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
    });
  },
};
