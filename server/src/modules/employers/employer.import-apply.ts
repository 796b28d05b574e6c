import type { Kysely, Transaction, Updateable } from 'kysely';
import type { ImportMode } from '@gonghui/contracts';
import type { Database, EmployerTable } from '../../db/schema.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import {
  audit,
  auditMany,
  type AuditActor,
  type AuditChange,
  auditScopeOfUnit,
} from '../../platform/audit/audit.ts';
import { nameInitials } from '../../platform/orgs/initials.ts';
import { tallyRepository } from '../indicators/index.ts';
import type { ImportedEmployer, PlainField, RowPlan, RowProblem } from './employer.import-check.ts';
import { employerRepository as repo } from './employer.repository.ts';
import { foundGrassrootsUnion } from './employer.service.ts';
import type { SheetLine } from './employer.sheet-reader.ts';
import { versionValidOn } from '../../platform/scope.ts';

type Trx = Transaction<Database>;
const BATCH = 1000;

interface Line {
  line: SheetLine;
  employer: ImportedEmployer | null;
  problems: RowProblem[];
}
type Planned = Array<{ line: Line; plan: RowPlan }>;
type Update = Extract<RowPlan, { kind: 'update' }>;

const columnOf: Record<PlainField, keyof EmployerTable> = {
  name: 'name',
  unitCategory: 'unit_category',
  industryCode: 'industry_code',
  employees: 'employees',
  aboveScale: 'above_scale',
  orgUnitId: 'org_unit_id',
  address: 'address',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  registeredOn: 'registered_on',
};

class Rollback extends Error {}

interface Writer {
  trx: Trx;
  actor: Actor;
  importId: number;
  date: string;
  units: Set<number>;
  /** Audit entries waiting for the path of the unit they concern, looked up once for the batch. */
  audits: Array<Omit<AuditChange, 'scopePath'> & { unitId: number }>;
}

function auditedFields({ instructorDated: _, ...e }: ImportedEmployer) {
  return e;
}

async function create(w: Writer, rows: ImportedEmployer[]) {
  if (rows.length === 0) return;
  const inserted = await w.trx
    .insertInto('employer')
    .values(
      rows.map((e) => ({
        credit_code: e.creditCode,
        name: e.name,
        name_initials: nameInitials(e.name),
        unit_category: e.unitCategory,
        industry_code: e.industryCode,
        employees: e.employees,
        above_scale: e.aboveScale,
        org_unit_id: e.orgUnitId,
        address: e.address,
        contact_name: e.contactName,
        contact_phone: e.contactPhone,
        registered_on: e.registeredOn,
        union_status: e.unionStatus,
        party_status: e.partyStatus,
        instructor_name: e.instructorName,
      })),
    )
    .returning(['id', 'credit_code'])
    .execute();
  const idOf = new Map(inserted.map((r) => [r.credit_code, r.id]));
  const changes = rows.flatMap((e) => {
    const employer_id = idOf.get(e.creditCode)!;
    const by = w.actor.userId || null;
    return [
      ...(e.unionStatus !== 'none'
        ? [
            {
              employer_id,
              aspect: 'union' as const,
              value: e.unionStatus,
              valid_from: e.unionSince!,
              created_by: by,
            },
          ]
        : []),
      ...(e.partyStatus !== 'none'
        ? [
            {
              employer_id,
              aspect: 'party' as const,
              value: e.partyStatus,
              valid_from: e.partySince!,
              created_by: by,
            },
          ]
        : []),
      ...(e.instructorName
        ? [
            {
              employer_id,
              aspect: 'instructor' as const,
              value: 'assigned',
              // Files made before the date column was added date the assignment at registration, as before.
              valid_from: e.instructorSince ?? e.registeredOn,
              note: e.instructorName,
              created_by: by,
            },
          ]
        : []),
    ];
  });
  if (changes.length > 0) await w.trx.insertInto('employer_status_change').values(changes).execute();
  for (const e of rows) {
    const id = idOf.get(e.creditCode)!;
    if (e.unionStatus === 'own') {
      const unionId = await foundGrassrootsUnion(w.trx, w.actor, e, e.unionSince!);
      await w.trx
        .updateTable('employer')
        .set({ grassroots_union_id: unionId })
        .where('id', '=', id)
        .execute();
    }
    w.units.add(e.orgUnitId);
    w.audits.push({
      action: 'employer.create',
      entityType: 'employer',
      entityId: id,
      unitId: e.orgUnitId,
      after: { ...auditedFields(e), importId: w.importId },
    });
  }
}

async function update(w: Writer, u: Update) {
  const { employer: e, stored: s } = u;
  const set: Updateable<EmployerTable> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of u.fields) {
    Object.assign(set, { [columnOf[f]]: e[f] });
    before[f] = s[f];
    after[f] = e[f];
  }
  if (u.fields.includes('name')) set.name_initials = nameInitials(e.name);
  const by = w.actor.userId || null;
  if (u.union) {
    await repo.recordStatus(w.trx, {
      employerId: s.id,
      aspect: 'union',
      value: e.unionStatus,
      date: e.unionSince!,
      note: null,
      by,
    });
    set.union_status = e.unionStatus;
    if (e.unionStatus === 'own' && s.grassrootsUnionId === null) {
      set.grassroots_union_id = await foundGrassrootsUnion(w.trx, w.actor, e, e.unionSince!);
    }
    Object.assign(before, { unionStatus: s.unionStatus });
    Object.assign(after, { unionStatus: e.unionStatus, unionSince: e.unionSince });
  }
  if (u.party) {
    await repo.recordStatus(w.trx, {
      employerId: s.id,
      aspect: 'party',
      value: e.partyStatus,
      date: e.partySince!,
      note: null,
      by,
    });
    set.party_status = e.partyStatus;
    Object.assign(before, { partyStatus: s.partyStatus });
    Object.assign(after, { partyStatus: e.partyStatus, partySince: e.partySince });
  }
  if (u.instructor) {
    await repo.recordStatus(w.trx, {
      employerId: s.id,
      aspect: 'instructor',
      value: e.instructorName ? 'assigned' : 'none',
      date: e.instructorSince ?? w.date,
      note: e.instructorName,
      by,
    });
    set.instructor_name = e.instructorName;
    Object.assign(before, { instructorName: s.instructorName });
    Object.assign(after, { instructorName: e.instructorName, instructorSince: e.instructorSince ?? w.date });
  }
  await repo.update(w.trx, s.id, set);
  w.units.add(s.orgUnitId).add(e.orgUnitId);
  w.audits.push({
    action: 'employer.update',
    entityType: 'employer',
    entityId: s.id,
    unitId: s.orgUnitId,
    before,
    after: { ...after, importId: w.importId },
  });
}

/** Each audit record's scope is the path of the employer's locality, so the admins above it see it. */
async function withPaths(trx: Trx, audits: Writer['audits'], date: string): Promise<AuditChange[]> {
  const ids = [...new Set(audits.map((a) => a.unitId))];
  const paths = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await trx
      .selectFrom('org_unit_version')
      .select(['org_unit_id as id', 'path'])
      .where('org_unit_id', 'in', ids.slice(i, i + 5000))
      .where(versionValidOn('org_unit_version', date))
      .execute();
    for (const r of rows) paths.set(r.id, r.path);
  }
  for (const { unitId } of audits) {
    if (!paths.has(unitId)) paths.set(unitId, await auditScopeOfUnit(trx, unitId));
  }
  return audits.map(({ unitId, ...a }) => ({ ...a, scopePath: paths.get(unitId)! }));
}

/**
 * Applies the checked rows in one transaction, planning each batch again inside it so a change made
 * meanwhile is seen. All-or-nothing rolls everything back when any row turns out invalid.
 */
export async function applyPlans(
  db: Kysely<Database>,
  o: {
    importId: number;
    fileName: string;
    mode: ImportMode;
    scopePath: string;
    actor: AuditActor;
    date: string;
    rows: Line[];
    plan: (trx: Trx, batch: Line[]) => Promise<Planned>;
    allOrNothing: boolean;
  },
): Promise<{ applied: boolean; counts: { created: number; updated: number; unchanged: number } }> {
  const zero = { created: 0, updated: 0, unchanged: 0 };
  try {
    return await db.transaction().execute(async (trx) => {
      const counts = { ...zero };
      const w: Writer = {
        trx,
        actor: { ...systemActor(o.actor.orgUnitId, o.actor.username), ...o.actor },
        importId: o.importId,
        date: o.date,
        units: new Set(),
        audits: [],
      };
      for (let i = 0; i < o.rows.length; i += BATCH) {
        const batch = o.rows.slice(i, i + BATCH);
        const planned = await o.plan(trx, batch);
        if (o.allOrNothing && batch.some((c) => c.problems.length > 0)) throw new Rollback();
        const creates = planned.flatMap((p) => (p.plan.kind === 'create' ? [p.plan.employer] : []));
        await create(w, creates);
        counts.created += creates.length;
        for (const p of planned) {
          if (p.plan.kind === 'update') {
            await update(w, p.plan);
            counts.updated++;
          } else if (p.plan.kind === 'unchanged') counts.unchanged++;
        }
      }
      if (counts.created + counts.updated > 0) {
        await tallyRepository.rebuild(trx, [...w.units]);
        await auditMany(trx, w.actor, await withPaths(trx, w.audits, o.date));
        await audit(trx, w.actor, {
          action: 'employer.import',
          entityType: 'employer_import',
          entityId: o.importId,
          scopePath: o.scopePath,
          after: { fileName: o.fileName, mode: o.mode, rows: o.rows.length, ...counts },
        });
      }
      return { applied: true, counts };
    });
  } catch (e) {
    if (e instanceof Rollback) return { applied: false, counts: zero };
    throw e;
  }
}
