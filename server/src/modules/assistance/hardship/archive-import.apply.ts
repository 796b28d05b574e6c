import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportMode } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { auditMany, type AuditActor, type AuditChange } from '../../../platform/audit/audit.ts';
import type { ApplyRun, CheckedRecord, Planned } from '../../../platform/imports/import.pipeline.ts';
import { closeImportAudit, openImportAudit } from '../../../platform/imports/import.audit.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { inScope, versionValidOn, type Scope } from '../../../platform/scope.ts';
import { withAssistance } from '../cases/case.definitions.ts';
import type { ImportedHousehold, RowProblem } from './archive-import.check.ts';
import type { ArchiveLine } from './archive-import.sheet.ts';
import { hardshipCategory } from './hardship.definitions.ts';
import { hardshipRepository as repo, scopedArchives } from './hardship.repository.ts';
import { presentArchive } from './hardship.service.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;
export type HouseholdRecord = CheckedRecord<ArchiveLine, ImportedHousehold, RowProblem>;

interface Line {
  unitId: number;
  year: number;
  monthlyFen: number;
}
export type HouseholdPlan =
  { kind: 'create'; unitId: number; unitPath: string; line: Line } | { kind: 'unchanged'; archiveId: number };
type Batch = Array<Planned<ArchiveLine, ImportedHousehold, RowProblem, HouseholdPlan>>;

/** The units of the caller's scope an archive may be kept at, by name and by division code, today. */
export async function unitsIn(db: Db, scope: Scope, date: string) {
  const rows = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on(versionValidOn('v', date)),
    )
    .select(['u.id', 'u.division_code as code', 'v.name', 'v.path'])
    .where('u.closed_on', 'is', null)
    .where(inScope('v.path', scope))
    .execute();
  const byCode = new Map<string, { id: number; path: string }>();
  const byName = new Map<string, Array<{ id: number; path: string }>>();
  for (const r of rows) {
    if (r.code) byCode.set(r.code, r);
    byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  }
  return { byCode, byName };
}
export type Units = Awaited<ReturnType<typeof unitsIn>>;

/** This year's minimum-living line of the district a unit lies in, once per district. */
function linesOf(db: Db, year: number) {
  const cache = new Map<string, Line | null>();
  return async (unitPath: string): Promise<Line | null> => {
    const district = await repo.districtOf(db, unitPath);
    if (!district) return null;
    const key = String(district.id);
    if (!cache.has(key)) {
      const line = await repo.line(db, district.id, year);
      cache.set(key, line ? { unitId: district.id, year, monthlyFen: line.monthly_fen } : null);
    }
    return cache.get(key)!;
  };
}

const memberKey = (m: {
  name: string;
  relation: string;
  health: string;
  annualIncomeFen: number | string;
  occupation: string | null;
}) => [m.name, m.relation, m.health, String(m.annualIncomeFen), m.occupation ?? ''].join('|');

/** The archives in force or exited the scope keeps whose head has one of these ID hashes, with their members. */
async function storedByHead(db: Db, scope: Scope, hashes: Buffer[]) {
  if (hashes.length === 0)
    return new Map<string, { id: number; same: (h: ImportedHousehold, unitId: number) => boolean }>();
  const adb = withAssistance(db);
  const heads = await scopedArchives(db, scope)
    .innerJoin('hardship_member as hm', 'hm.archive_id', 'a.id')
    .select([
      'a.id',
      'a.org_unit_id as orgUnitId',
      'a.unavoidable_expense_fen as expense',
      'a.sudden_cause as suddenCause',
      'a.sudden_note as suddenNote',
      sql<string>`to_char(a.review_due_on, 'YYYY-MM-DD')`.as('reviewDueOn'),
      'hm.resident_id_hash as hash',
    ])
    .where('hm.relation', '=', 'head')
    .where('hm.resident_id_hash', 'in', hashes)
    .where('a.status', '!=', 'cancelled')
    .orderBy('a.id', 'desc')
    .execute();
  const members = heads.length
    ? await adb
        .selectFrom('hardship_member')
        .select([
          'archive_id as archiveId',
          'name',
          'relation',
          'health',
          'annual_income_fen as annualIncomeFen',
          'occupation',
          'resident_id_hash as hash',
        ])
        .where(
          'archive_id',
          'in',
          heads.map((h) => h.id),
        )
        .execute()
    : [];
  const cipher = personalData();
  const found = new Map<string, { id: number; same: (h: ImportedHousehold, unitId: number) => boolean }>();
  for (const a of heads) {
    const key = Buffer.from(a.hash).toString('hex');
    if (found.has(key)) continue;
    const stored = members
      .filter((m) => m.archiveId === a.id)
      .map((m) => `${Buffer.from(m.hash).toString('hex')}|${memberKey(m)}`)
      .sort();
    found.set(key, {
      id: a.id,
      same: (h, unitId) =>
        unitId === a.orgUnitId &&
        h.unavoidableExpenseFen === Number(a.expense) &&
        h.suddenCause === a.suddenCause &&
        (h.suddenNote ?? null) === (a.suddenNote ?? null) &&
        h.reviewDueOn === a.reviewDueOn &&
        h.members
          .map((m) => `${cipher.lookupHash('resident_id', m.residentId).toString('hex')}|${memberKey(m)}`)
          .sort()
          .join('\n') === stored.join('\n'),
    });
  }
  return found;
}

/**
 * Plans a batch of checked households against what is stored: each unit found in the caller's scope with
 * its district's line, and a household whose head the scope already keeps an archive of either equal to it
 * (nothing to write) or refused with its row.
 */
export async function planHouseholds(
  db: Db,
  batch: HouseholdRecord[],
  scope: Scope,
  units: Units,
  date: string,
) {
  const lineOf = linesOf(db, Number(date.slice(0, 4)));
  const cipher = personalData();
  const hashOf = (c: HouseholdRecord) => cipher.lookupHash('resident_id', c.record!.members[0].residentId);
  const stored = await storedByHead(db, scope, batch.filter((c) => c.record).map(hashOf));
  const plans: Batch = [];
  for (const c of batch) {
    const h = c.record;
    if (!h) continue;
    const problem = (column: RowProblem['column'], message: string) =>
      c.problems.push({ rowNo: h.headRowNo, column, message });
    const named = units.byName.get(h.unit) ?? [];
    const unit = units.byCode.get(h.unit) ?? (named.length === 1 ? named[0] : undefined);
    if (!unit) {
      problem(
        'unit',
        named.length > 1
          ? '本辖区有同名单位，请改填统计区划代码'
          : '找不到该单位，或该单位不在您的管理范围内',
      );
      continue;
    }
    const existing = stored.get(hashOf(c).toString('hex'));
    if (existing) {
      if (existing.same(h, unit.id))
        plans.push({ item: c, plan: { kind: 'unchanged', archiveId: existing.id } });
      else
        problem(
          'residentId',
          `该户主已有困难职工档案（档案编号 ${existing.id}），与文件中的内容不同；请在档案页修改`,
        );
      continue;
    }
    const line = await lineOf(unit.path);
    if (!line) {
      problem('unit', `所在区（县级市）尚未设置 ${date.slice(0, 4)} 年最低生活保障标准，请先设置`);
      continue;
    }
    plans.push({ item: c, plan: { kind: 'create', unitId: unit.id, unitPath: unit.path, line } });
  }
  return plans;
}

/** Writes the planned households in the import's transaction and audits each under the import's entry. */
export function archiveApply(
  trx: Trx,
  o: { importId: number; fileName: string; mode: ImportMode; scopePath: string; actor: AuditActor },
): ApplyRun<
  ArchiveLine,
  ImportedHousehold,
  RowProblem,
  HouseholdPlan,
  { created: number; unchanged: number }
> {
  const cipher = personalData();
  const audits: Array<Omit<AuditChange, 'parentId'>> = [];
  let created = 0;
  let unchanged = 0;
  return {
    async write(planned) {
      for (const { item, plan } of planned) {
        if (plan.kind === 'unchanged') {
          unchanged += 1;
          continue;
        }
        const h = item.record!;
        const r = hardshipCategory({
          memberIncomesFen: h.members.map((m) => m.annualIncomeFen),
          unavoidableExpenseFen: h.unavoidableExpenseFen,
          suddenCause: h.suddenCause,
          lineMonthlyFen: plan.line.monthlyFen,
        });
        const id = await repo.insert(trx, {
          org_unit_id: plan.unitId,
          unavoidable_expense_fen: h.unavoidableExpenseFen,
          sudden_cause: h.suddenCause,
          sudden_note: h.suddenNote,
          category: r.category,
          rule_version: r.ruleVersion,
          line_unit_id: plan.line.unitId,
          line_year: plan.line.year,
          line_monthly_fen: plan.line.monthlyFen,
          annual_income_fen: r.annualIncomeFen,
          household_size: r.householdSize,
          per_capita_monthly_fen: r.perCapitaMonthlyFen,
          review_due_on: h.reviewDueOn,
          created_by: o.actor.userId > 0 ? o.actor.userId : null,
          updated_at: new Date(),
        });
        await repo.insertMembers(
          trx,
          h.members.map((m) => ({
            archive_id: id,
            name: m.name,
            relation: m.relation,
            resident_id_cipher: cipher.encrypt(m.residentId),
            resident_id_hash: cipher.lookupHash('resident_id', m.residentId),
            resident_id_tail: m.residentId.slice(-4),
            health: m.health,
            annual_income_fen: m.annualIncomeFen,
            occupation: m.occupation,
          })),
        );
        created += 1;
        audits.push({
          action: 'hardship_archive.create',
          entityType: 'hardship_archive',
          entityId: id,
          scopePath: plan.unitPath,
          after: presentArchive(await repo.reload(trx, id)),
        });
      }
    },
    async finish(records) {
      const counts = { created, unchanged };
      const auditId = await openImportAudit(trx, o.actor, {
        action: 'hardship_archive.import',
        entityType: 'hardship_import',
        entityId: o.importId,
        scopePath: o.scopePath,
      });
      await closeImportAudit(trx, auditId, {
        fileName: o.fileName,
        mode: o.mode,
        households: records,
        ...counts,
      });
      await auditMany(
        trx,
        o.actor,
        audits.map((a) => ({ ...a, parentId: auditId })),
      );
      return counts;
    },
  };
}
