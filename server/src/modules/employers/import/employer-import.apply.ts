import { sql, type RawBuilder, type Transaction, type Updateable } from 'kysely';
import type { ImportMode } from '@gonghui/contracts';
import type { Database, EmployerTable } from '../../../db/schema.ts';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import {
  auditMany,
  type AuditActor,
  type AuditChange,
  auditScopeOfUnit,
} from '../../../platform/audit/audit.ts';
import { nameInitials } from '../../../platform/orgs/initials.ts';
import { nameSortKey } from '../registry/name-sort.ts';
import { tallyRepository } from '../../indicators/index.ts';
import type { ImportedEmployer, PlainField, RowPlan, RowProblem } from './employer-import.check.ts';
import type { ApplyRun, Planned } from '../../../platform/imports/import.pipeline.ts';
import { openImportAudit } from '../../../platform/imports/import.audit.ts';
import { employerRepository as repo } from '../registry/employer.repository.ts';
import { foundGrassrootsUnion } from '../registry/employer.service.ts';
import type { SheetLine } from './employer-sheet.reader.ts';
import { versionValidOn } from '../../../platform/scope.ts';

type Trx = Transaction<Database>;
type Batch = Array<Planned<SheetLine, ImportedEmployer, RowProblem, RowPlan>>;
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

interface Writer {
  trx: Trx;
  actor: Actor;
  importId: number;
  date: string;
  units: Set<number>;
  /** Audit entries waiting for the path of the unit they concern, looked up once for the batch. */
  audits: Array<Omit<AuditChange, 'scopePath'> & { unitId: number }>;
  /** Employers that founded their grassroots union in this import: the undo removes the union again. */
  founded: Map<number, number>;
  /** The employers it registered: their undo record is written once, when the import finishes. */
  created: number[];
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
        name_sort: nameSortKey(e.name),
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
  for (const r of inserted) w.created.push(r.id);
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
      w.founded.set(id, unionId);
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
  if (u.fields.includes('name')) {
    set.name_initials = nameInitials(e.name);
    set.name_sort = nameSortKey(e.name);
  }
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
      w.founded.set(s.id, set.grassroots_union_id);
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

/** An employer's status history as one value, to keep for an undo and to tell whether it changed since. */
export const statusesOf = (employerId: RawBuilder<unknown>) =>
  sql`(select jsonb_agg(to_jsonb(s) order by s.id) from employer_status_change s where s.employer_id = ${employerId})`;

/** Keeps the rows and status histories of the employers a batch will change, as they are before it. */
async function keepBefore(w: Writer, updates: Update[]) {
  if (updates.length === 0) return;
  await sql`
    insert into employer_import_change (import_id, employer_id, kind, before, before_statuses)
    select ${w.importId}, e.id, 'updated', to_jsonb(e), ${statusesOf(sql.ref('e.id'))}
    from employer e where e.id = any(${sql.val(updates.map((u) => u.stored.id))}::int[])`.execute(w.trx);
}

/**
 * The apply step the platform pipeline runs in the import's transaction: writes each planned batch, then
 * keeps the tallies current, audits every employer under the import's own entry, and stamps the undo
 * record with how the import left each employer.
 */
export function employerApply(
  trx: Trx,
  o: {
    importId: number;
    fileName: string;
    mode: ImportMode;
    scopePath: string;
    actor: AuditActor;
    date: string;
  },
): ApplyRun<SheetLine, ImportedEmployer, RowProblem, RowPlan, Counts> {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const w: Writer = {
    trx,
    actor: { ...systemActor(o.actor.orgUnitId, o.actor.username), ...o.actor },
    importId: o.importId,
    date: o.date,
    units: new Set(),
    audits: [],
    founded: new Map(),
    created: [],
  };
  return {
    async write(planned: Batch) {
      const creates = planned.flatMap((p) => (p.plan.kind === 'create' ? [p.plan.employer] : []));
      await create(w, creates);
      counts.created += creates.length;
      const updates = planned.flatMap((p) => (p.plan.kind === 'update' ? [p.plan] : []));
      await keepBefore(w, updates);
      for (const u of updates) await update(w, u);
      counts.updated += updates.length;
      counts.unchanged += planned.filter((p) => p.plan.kind === 'unchanged').length;
    },
    async finish(rows: number) {
      if (counts.created + counts.updated === 0) return counts;
      await tallyRepository.rebuild(trx, [...w.units]);
      const auditId = await openImportAudit(trx, w.actor, {
        action: 'employer.import',
        entityType: 'employer_import',
        entityId: o.importId,
        scopePath: o.scopePath,
      });
      await trx
        .updateTable('audit_log')
        .set({ after: JSON.stringify({ fileName: o.fileName, mode: o.mode, rows, ...counts }) })
        .where('id', '=', auditId)
        .execute();
      const audits = await withPaths(trx, w.audits, o.date);
      await auditMany(
        trx,
        w.actor,
        audits.map((a) => ({ ...a, parentId: auditId })),
      );
      // The changed employers' records were written before each batch, with their values from before; the
      // new ones' are written here in one statement, already stamped.
      await sql`
        update employer_import_change c set stamp = e.updated_at, after_statuses = ${statusesOf(sql.ref('c.employer_id'))}
        from employer e where c.import_id = ${o.importId} and e.id = c.employer_id`.execute(trx);
      for (let i = 0; i < w.created.length; i += 50_000)
        await sql`
          insert into employer_import_change (import_id, employer_id, kind, stamp, after_statuses)
          select ${o.importId}, e.id, 'created', e.updated_at, ${statusesOf(sql.ref('e.id'))}
          from employer e where e.id = any(${sql.val(w.created.slice(i, i + 50_000))}::int[])`.execute(trx);
      const founded = [...w.founded];
      if (founded.length > 0)
        await sql`
          update employer_import_change c set founded_union_id = x.union_id
          from unnest(${sql.val(founded.map(([e]) => e))}::int[], ${sql.val(founded.map(([, u]) => u))}::int[])
            x(employer_id, union_id)
          where c.import_id = ${o.importId} and c.employer_id = x.employer_id`.execute(trx);
      await trx
        .updateTable('employer_import')
        .set({ audit_id: auditId })
        .where('id', '=', o.importId)
        .execute();
      return counts;
    },
  };
}

/** What an applied import did. */
export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}
