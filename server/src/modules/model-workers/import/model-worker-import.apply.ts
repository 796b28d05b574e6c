import type { Kysely, Transaction } from 'kysely';
import type { ImportMode, ModelWorker, ModelWorkerLevel, ModelWorkerStatus } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { auditMany, type AuditActor, type AuditChange } from '../../../platform/audit/audit.ts';
import { openImportAudit, closeImportAudit } from '../../../platform/imports/import.audit.ts';
import type { ApplyRun, CheckedRecord, Planned } from '../../../platform/imports/import.pipeline.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { scopeContains, versionValidOn, type Scope } from '../../../platform/scope.ts';
import { modelWorkerDb, type Db as WorkerDb } from '../model-workers.definitions.ts';
import { presentWorker } from '../registry/model-worker.presenter.ts';
import {
  modelWorkerRepository as repo,
  scopedWorkers,
  workerColumns,
} from '../registry/model-worker.repository.ts';
import type { ImportedWorker, RowProblem, WorkerLine } from './model-worker-import.check.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type WorkerRecord = CheckedRecord<WorkerLine, ImportedWorker, RowProblem>;

export type RowPlan =
  | { kind: 'create'; hash: Buffer; orgUnitId: number; employerId: number }
  | { kind: 'update'; id: number; employerId: number }
  | { kind: 'unchanged'; id: number };
type Batch = Array<Planned<WorkerLine, ImportedWorker, RowProblem, RowPlan>>;

const OUTSIDE_EMPLOYER = '单位名录中没有此统一社会信用代码的单位，或该单位不在您的管辖范围内';
const HELD_ELSEWHERE = '该身份证号码已在其他单位登记为劳动模范，请联系共同的上级工会';

/** The employers with these credit codes that lie in the scope today: their id and the unit they sit at. */
async function employersInScope(db: Db, codes: string[], scope: Scope, date: string) {
  if (codes.length === 0) return new Map<string, { id: number; orgUnitId: number }>();
  const rows = await db
    .selectFrom('employer as e')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on(versionValidOn('v', date)),
    )
    .select(['e.id', 'e.credit_code as creditCode', 'e.org_unit_id as orgUnitId', 'v.path'])
    .where('e.credit_code', 'in', codes)
    .where('e.closed_on', 'is', null)
    .execute();
  return new Map(
    rows
      .filter((r) => scopeContains(scope, r.path))
      .map((r) => [r.creditCode, { id: r.id, orgUnitId: r.orgUnitId }]),
  );
}

/** The registered workers with these keyed ID hashes, wherever they are kept. */
async function storedWorkers(db: WorkerDb, hashes: Buffer[]): Promise<Map<string, StoredWorker>> {
  if (hashes.length === 0) return new Map<string, StoredWorker>();
  const rows = await db
    .selectFrom('model_worker as w')
    .innerJoin('org_unit as u', 'u.id', 'w.org_unit_id')
    .innerJoin('org_unit_version as v', (j) => j.onRef('v.org_unit_id', '=', 'w.org_unit_id'))
    .select([
      'w.id',
      'w.resident_id_hash as hash',
      'w.name',
      'w.level',
      'w.title',
      'w.awarded_year as awardedYear',
      'w.employer_id as employerId',
      'w.status',
      'w.hardship',
      'w.hardship_evidence as hardshipEvidence',
      'v.path',
    ])
    .where('w.resident_id_hash', 'in', hashes)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '=', eb.ref('u.closed_on'))]))
    .execute();
  return new Map(rows.map(({ hash, ...r }) => [Buffer.from(hash).toString('hex'), r]));
}
interface StoredWorker {
  id: number;
  name: string;
  level: ModelWorkerLevel;
  title: string;
  awardedYear: number;
  employerId: number | null;
  status: ModelWorkerStatus;
  hardship: boolean;
  hardshipEvidence: string | null;
  path: string;
}

function sameAs(s: StoredWorker, r: ImportedWorker, employerId: number): boolean {
  return (
    s.level === r.level &&
    s.title === r.title &&
    s.awardedYear === r.awardedYear &&
    s.employerId === employerId &&
    s.status === r.status &&
    s.hardship === r.hardship &&
    (s.hardshipEvidence ?? null) === r.hardshipEvidence
  );
}

/**
 * Compares a batch of checked rows with the registry. A person is found by the keyed hash of their
 * resident ID, in the whole database as the registry keeps one record per person; rows equal to the
 * stored record plan nothing, so the same file twice changes nothing. Rows that may not apply get problems
 * that name nothing outside the importer's scope.
 */
export async function planBatch(db: Db, batch: WorkerRecord[], scope: Scope, date: string): Promise<Batch> {
  const cipher = personalData();
  const records = batch.flatMap((c) => (c.record ? [{ c, r: c.record }] : []));
  const hashes = records.map(({ r }) => cipher.lookupHash('resident_id', r.residentId));
  const employers = await employersInScope(
    db,
    [...new Set(records.map(({ r }) => r.creditCode))],
    scope,
    date,
  );
  const stored = await storedWorkers(modelWorkerDb(db), hashes);
  const plans: Batch = [];
  records.forEach(({ c, r }, i) => {
    const employer = employers.get(r.creditCode);
    const s = stored.get(hashes[i].toString('hex'));
    const problems: RowProblem[] = [];
    if (!employer) problems.push({ column: 'creditCode', message: OUTSIDE_EMPLOYER });
    if (s && !scopeContains(scope, s.path)) problems.push({ column: 'residentId', message: HELD_ELSEWHERE });
    else if (s && s.name !== r.name)
      problems.push({
        column: 'name',
        message: `该身份证号码已登记为劳动模范「${s.name}」，姓名不一致，请核对`,
      });
    else if (s && s.status === 'deceased' && r.status !== 'deceased')
      problems.push({ column: 'status', message: '已故的劳动模范不能再改为在职或退休' });
    if (problems.length > 0 || !employer) {
      c.problems.push(...problems);
      return;
    }
    const plan: RowPlan = !s
      ? { kind: 'create', hash: hashes[i], orgUnitId: employer.orgUnitId, employerId: employer.id }
      : sameAs(s, r, employer.id)
        ? { kind: 'unchanged', id: s.id }
        : { kind: 'update', id: s.id, employerId: employer.id };
    plans.push({ item: c, plan });
  });
  return plans;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

async function presented(trx: Transaction<Database>, ids: number[], scope: Scope) {
  if (ids.length === 0) return new Map<number, { worker: ModelWorker; path: string }>();
  const cipher = personalData();
  const rows = await scopedWorkers(modelWorkerDb(trx), scope)
    .select(workerColumns)
    .where('w.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { worker: presentWorker(r, cipher), path: r.orgUnitPath }]));
}

function auditedOf({ updatedAt: _, ...w }: ModelWorker) {
  return w;
}

/**
 * The apply step, in the import's one transaction: registers the new workers, updates the changed ones,
 * and audits each under the import's own entry, before and after, as the registry's own writes do.
 */
export function workerApply(
  trx: Transaction<Database>,
  o: {
    importId: number;
    fileName: string;
    mode: ImportMode;
    scope: Scope;
    actor: AuditActor & { userId: number };
  },
): ApplyRun<WorkerLine, ImportedWorker, RowProblem, RowPlan, Counts> {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const audits: Array<Omit<AuditChange, 'parentId'>> = [];
  const cipher = personalData();
  const mdb = modelWorkerDb(trx);
  return {
    async write(planned: Batch) {
      const created: number[] = [];
      for (const { item, plan } of planned) {
        const r = item.record!;
        if (plan.kind !== 'create') continue;
        created.push(
          await repo.insert(mdb, {
            name: r.name,
            gender: r.gender,
            birth_date: r.birthDate,
            resident_id_cipher: cipher.encrypt(r.residentId),
            resident_id_hash: plan.hash,
            resident_id_tail: r.residentId.slice(-4),
            org_unit_id: plan.orgUnitId,
            level: r.level,
            title: r.title,
            equivalent: false,
            awarded_year: r.awardedYear,
            employer_id: plan.employerId,
            status: r.status,
            hardship: r.hardship,
            hardship_evidence: r.hardshipEvidence,
            created_by: o.actor.userId > 0 ? o.actor.userId : null,
          }),
        );
      }
      const updates = planned.flatMap((p) =>
        p.plan.kind === 'update' ? [{ r: p.item.record!, plan: p.plan }] : [],
      );
      const before = await presented(
        trx,
        updates.map((u) => u.plan.id),
        o.scope,
      );
      for (const { r, plan } of updates)
        await repo.update(mdb, plan.id, {
          level: r.level,
          title: r.title,
          awarded_year: r.awardedYear,
          employer_id: plan.employerId,
          status: r.status,
          hardship: r.hardship,
          hardship_evidence: r.hardshipEvidence,
        });
      const after = await presented(trx, [...created, ...updates.map((u) => u.plan.id)], o.scope);
      for (const id of created) {
        const a = after.get(id)!;
        audits.push({
          action: 'model_worker.create',
          entityType: 'model_worker',
          entityId: id,
          scopePath: a.path,
          after: { ...auditedOf(a.worker), importId: o.importId },
        });
      }
      for (const { plan } of updates) {
        const a = after.get(plan.id)!;
        audits.push({
          action: 'model_worker.update',
          entityType: 'model_worker',
          entityId: plan.id,
          scopePath: a.path,
          before: auditedOf(before.get(plan.id)!.worker),
          after: { ...auditedOf(a.worker), importId: o.importId },
        });
      }
      counts.created += created.length;
      counts.updated += updates.length;
      counts.unchanged += planned.filter((p) => p.plan.kind === 'unchanged').length;
    },
    async finish(rows: number) {
      if (counts.created + counts.updated === 0) return counts;
      const auditId = await openImportAudit(trx, o.actor, {
        action: 'model_worker.import',
        entityType: 'model_worker_import',
        entityId: o.importId,
        scopePath: o.scope,
      });
      await closeImportAudit(trx, auditId, { fileName: o.fileName, mode: o.mode, rows, ...counts });
      await auditMany(
        trx,
        o.actor,
        audits.map((a) => ({ ...a, parentId: auditId })),
      );
      return counts;
    },
  };
}
