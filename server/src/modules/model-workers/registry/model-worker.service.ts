import type { Kysely } from 'kysely';
import type {
  CreateModelWorkerBody,
  ListModelWorkersQuery,
  ModelWorker,
  ModelWorkerFilter,
  Page,
  RevealModelWorkerBody,
  UpdateModelWorkerBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { personalData, type PersonalDataCipher } from '../../../platform/personal-data/personal-data.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import { recordReveal } from '../../../platform/personal-data/reveal.ts';
import { scopeContains, scopeOf, type Scope } from '../../../platform/scope.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { employerRepository } from '../../employers/index.ts';
import { modelWorkerDb } from '../model-workers.definitions.ts';
import { presentWorker } from './model-worker.presenter.ts';
import { modelWorkerRepository as repo, type WorkerRow } from './model-worker.repository.ts';

type Db = Kysely<Database>;
const WORKER = '劳动模范';

export function workerRecord(scope: Scope): ChangeableRecord<WorkerRow, ModelWorker> {
  const cipher = personalData();
  return {
    entityType: 'model_worker',
    label: WORKER,
    lock: async (trx, id) => (await repo.lock(modelWorkerDb(trx), id, scope)) ?? null,
    reload: async (trx, id) => (await repo.find(modelWorkerDb(trx), id, scope))!,
    present: (r) => presentWorker(r, cipher),
    scopePath: (r) => r.orgUnitPath,
  };
}

interface HonourFacts {
  awardedYear?: number;
  hardship?: boolean;
  hardshipEvidence?: string | null;
  equivalent?: boolean;
  title?: string;
}

/** An honour cannot be awarded in the future; hardship is only recorded with its evidence. */
function checkFacts(f: HonourFacts, birthYear: number | null) {
  const thisYear = Number(today().slice(0, 4));
  if (f.awardedYear !== undefined && f.awardedYear > thisYear)
    throw invalid([{ field: 'awardedYear', message: `授予年份不能晚于 ${thisYear} 年` }]);
  if (f.awardedYear !== undefined && birthYear !== null && f.awardedYear < birthYear + 14)
    throw invalid([{ field: 'awardedYear', message: '授予年份早于本人 14 周岁，请核对' }]);
  if (f.hardship && !f.hardshipEvidence)
    throw invalid([{ field: 'hardshipEvidence', message: '标记生活困难时请填写困难情况说明' }]);
}

/** The employer of the register, in the caller's scope; refused otherwise. */
async function employerInScope(db: Db, scope: Scope, id: number | null | undefined) {
  if (!id) return null;
  const e = await employerRepository.findAt(db, id, scope, today());
  if (!e) throw invalid([{ field: 'employerId', message: '工作单位不在单位名录中或不在您的管辖范围内' }]);
  return e.id;
}

function sealAccount(cipher: PersonalDataCipher, account: string | null | undefined) {
  if (account === undefined) return {};
  if (account === null) return { bank_account_cipher: null, bank_account_tail: null };
  return { bank_account_cipher: cipher.encrypt(account), bank_account_tail: account.slice(-4) };
}

export const modelWorkerService = {
  async list(db: Db, actor: Actor, q: ListModelWorkersQuery): Promise<Page<ModelWorker>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const page = await repo.list(modelWorkerDb(db), scope, q, q);
    const cipher = personalData();
    return { ...page, items: page.items.map((r) => presentWorker(r, cipher)) };
  },

  async count(db: Db, actor: Actor, f: ModelWorkerFilter): Promise<number> {
    return (await this.list(db, actor, { ...f, page: 1, pageSize: 1 })).total;
  },

  async all(db: Db, actor: Actor, f: ModelWorkerFilter): Promise<ModelWorker[]> {
    const rows = await repo.all(modelWorkerDb(db), await scopeUnderUnit(db, actor, f.orgUnitId), f);
    const cipher = personalData();
    return rows.map((r) => presentWorker(r, cipher));
  },

  /** A model worker in the caller's scope, as a row (404 outside it, as for a missing one). */
  async visible(db: Db, actor: Actor, id: number): Promise<WorkerRow> {
    const w = await repo.find(modelWorkerDb(db), id, await scopeOf(db, actor));
    if (!w) throw notFound(WORKER);
    return w;
  },

  async get(db: Db, actor: Actor, id: number): Promise<ModelWorker> {
    return presentWorker(await this.visible(db, actor, id), personalData());
  },

  /** Registers a model worker: one record per resident ID in the whole database, found by keyed hash. */
  async create(db: Db, actor: Actor, body: CreateModelWorkerBody): Promise<ModelWorker> {
    const parsed = checkResidentId(body.residentId);
    if (!parsed.ok) throw invalid([{ field: 'residentId', message: parsed.message }]);
    checkFacts(body, Number(parsed.id.birthDate.slice(0, 4)));
    const cipher = personalData();
    const hash = cipher.lookupHash('resident_id', parsed.id.value);
    const scope = await scopeOf(db, actor);
    return createRecord(db, actor, workerRecord(scope), 'model_worker.create', async (trx) => {
      const mdb = modelWorkerDb(trx);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '所属工会不存在、已撤销或不在您的管辖范围内' }]);
      const employerId = await employerInScope(trx, scope, body.employerId);
      const existing = await repo.byHash(mdb, hash);
      if (existing)
        throw conflict(
          scopeContains(scope, existing.orgUnitPath)
            ? `该身份证号码已由「${existing.orgUnitName}」登记为劳动模范「${existing.name}」，请在其记录上更新`
            : '该身份证号码已在其他单位登记为劳动模范，请联系共同的上级工会',
          [{ field: 'residentId', message: '已登记为劳动模范' }],
        );
      return repo.insert(mdb, {
        name: body.name,
        gender: parsed.id.gender,
        birth_date: parsed.id.birthDate,
        resident_id_cipher: cipher.encrypt(parsed.id.value),
        resident_id_hash: hash,
        resident_id_tail: parsed.id.value.slice(-4),
        org_unit_id: unit.id,
        level: body.level,
        title: body.title,
        equivalent: body.equivalent,
        awarded_year: body.awardedYear,
        employer_id: employerId,
        work_unit: body.workUnit ?? null,
        status: body.status,
        hardship: body.hardship,
        hardship_evidence: body.hardshipEvidence ?? null,
        bank_name: body.bankName ?? null,
        ...sealAccount(cipher, body.bankAccount ?? null),
        created_by: actor.userId > 0 ? actor.userId : null,
      });
    });
  },

  async update(db: Db, actor: Actor, id: number, body: UpdateModelWorkerBody): Promise<ModelWorker> {
    const scope = await scopeOf(db, actor);
    const cipher = personalData();
    return changeRecord(db, actor, workerRecord(scope), id, 'model_worker.update', async (trx, w) => {
      checkFacts(
        {
          awardedYear: body.awardedYear,
          hardship: body.hardship ?? w.hardship,
          hardshipEvidence: body.hardshipEvidence !== undefined ? body.hardshipEvidence : w.hardshipEvidence,
        },
        Number(w.birthDate.slice(0, 4)),
      );
      if (w.status === 'deceased' && body.status && body.status !== 'deceased')
        throw conflict('已故的劳动模范不能再改为在职或退休');
      const employerId =
        body.employerId === undefined ? undefined : await employerInScope(trx, scope, body.employerId);
      await repo.update(modelWorkerDb(trx), id, {
        level: body.level,
        title: body.title,
        equivalent: body.equivalent,
        awarded_year: body.awardedYear,
        employer_id: employerId,
        work_unit: body.workUnit,
        status: body.status,
        hardship: body.hardship,
        hardship_evidence: body.hardshipEvidence,
        bank_name: body.bankName,
        ...sealAccount(cipher, body.bankAccount),
      });
    });
  },

  /** A resident ID or bank account in clear, for a stated reason the audit log keeps. */
  async reveal(db: Db, actor: Actor, id: number, body: RevealModelWorkerBody) {
    return db.transaction().execute(async (trx) => {
      const w = await repo.find(modelWorkerDb(trx), id, await scopeOf(trx, actor));
      if (!w) throw notFound(WORKER);
      await recordReveal(trx, actor, {
        entityType: 'model_worker',
        entityId: id,
        field: body.field,
        reason: body.reason,
        scopePath: w.orgUnitPath,
      });
      const cipher = personalData();
      const sealed = body.field === 'residentId' ? w.residentIdCipher : w.bankAccountCipher;
      return { field: body.field, value: sealed ? cipher.decrypt(sealed) : null };
    });
  },
};
