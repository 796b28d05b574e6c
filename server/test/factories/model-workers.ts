import type { Kysely } from 'kysely';
import type {
  CreateModelWorkerBody,
  CreateSubsidyRuleBody,
  ModelWorker,
  SubsidyRule,
} from '@gonghui/contracts';
import type { Database } from '../../src/db/schema.ts';
import { modelWorkerService } from '../../src/modules/model-workers/registry/model-worker.service.ts';
import { ruleService } from '../../src/modules/model-workers/subsidies/rule.service.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { nextResidentId } from '../members-fixtures.ts';

/**
 * Model-worker factories: a registered model worker and a subsidy rule, made through the module's services
 * as a union of the given unit would (so every row is checked and audited).
 */
type Db = Kysely<Database>;
let serial = 0;
const chinese = (n: number) => String(n).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]);

export async function buildModelWorker(
  db: Db,
  o: Partial<CreateModelWorkerBody> & { orgUnitId: number },
): Promise<ModelWorker> {
  serial += 1;
  return modelWorkerService.create(db, systemActor(o.orgUnitId, 'test'), {
    name: `测试劳模${chinese(serial)}`,
    residentId: nextResidentId(),
    level: 'city',
    title: '苏州市劳动模范',
    equivalent: false,
    awardedYear: 2015,
    employerId: null,
    workUnit: '测试机械厂',
    status: 'retired',
    hardship: false,
    hardshipEvidence: null,
    bankName: '测试银行苏州分行',
    bankAccount: `62220210${String(100000 + serial).padStart(8, '0')}`,
    ...o,
  });
}

export async function buildSubsidyRule(
  db: Db,
  o: Partial<CreateSubsidyRuleBody> & { orgUnitId: number },
): Promise<SubsidyRule> {
  return ruleService.create(db, systemActor(o.orgUnitId, 'test'), {
    name: '退休困难劳模生活补助',
    level: 'city',
    condition: 'retired_hardship',
    amountFen: 20000,
    per: 'month',
    validFrom: '2010-01-01',
    validTo: null,
    ...o,
  });
}
