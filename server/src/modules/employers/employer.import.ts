import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportStatus } from '@gonghui/contracts';
import type { Database, JobRow } from '../../db/schema.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import type { JobContext } from '../../platform/jobs/job.runner.ts';
import { today } from '../../platform/orgs/dates.ts';
import {
  checkRow,
  describeProblem,
  EXAMPLE_MARK,
  planRow,
  type ImportedEmployer,
  type Localities,
  type RowPlan,
  type RowProblem,
  type StoredEmployer,
} from './employer.import-check.ts';
import { applyPlans } from './employer.import-apply.ts';
import {
  readEmployerSheet,
  SheetFormatError,
  sheetFormatOf,
  type SheetLine,
} from './employer.sheet-reader.ts';
import { sheetColumns, sheetWriter } from './employer.sheet.ts';
import { inScope, scopeContains, storedScope, versionValidOn, type Scope } from '../../platform/scope.ts';

export const EMPLOYER_IMPORT_JOB = 'employer.import';
const BATCH = 1000;

export interface EmployerImportPayload {
  importId: number;
  /** Who uploaded it, for the audit records the job writes. */
  actor: AuditActor;
}

export type ImportResult = NonNullable<ImportStatus['result']> & { message?: string };

type Db = Kysely<Database> | Transaction<Database>;

/** The units in scope an employer may be placed at: every federation and joint union, not grassroots ones. */
async function localitiesIn(db: Db, scope: Scope, date: string): Promise<Localities> {
  const rows = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on(versionValidOn('v', date)),
    )
    .select(['u.id', 'u.division_code as code', 'v.name'])
    .where('u.kind', '!=', 'grassroots_union')
    .where('u.closed_on', 'is', null)
    .where(inScope('v.path', scope))
    .execute();
  const byCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  for (const r of rows) {
    if (r.code) byCode.set(r.code, r.id);
    byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
  }
  return { byCode, byName };
}

/** The stored employers with these codes, whether each lies in scope, and the dates of their changes. */
export async function storedEmployers(
  db: Db,
  codes: string[],
  scope: Scope,
  date: string,
): Promise<Map<string, StoredEmployer>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('employer as e')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on(versionValidOn('v', date)),
    )
    .select([
      'e.id',
      'e.credit_code as creditCode',
      'e.closed_on as closedOn',
      'e.name',
      'e.unit_category as unitCategory',
      'e.industry_code as industryCode',
      'e.employees',
      'e.above_scale as aboveScale',
      'e.org_unit_id as orgUnitId',
      'e.address',
      'e.contact_name as contactName',
      'e.contact_phone as contactPhone',
      'e.registered_on as registeredOn',
      'e.union_status as unionStatus',
      'e.party_status as partyStatus',
      'e.instructor_name as instructorName',
      'e.grassroots_union_id as grassrootsUnionId',
      'v.path',
    ])
    .where('e.credit_code', 'in', codes)
    .execute();
  const dates = rows.length
    ? await db
        .selectFrom('employer_status_change')
        .select([
          'employer_id as id',
          'aspect',
          sql<string>`max(valid_from)::text`.as('latest'),
          sql<string>`min(valid_from)::text`.as('first'),
        ])
        .where(
          'employer_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy(['employer_id', 'aspect'])
        .execute()
    : [];
  const datesOf = new Map<number, typeof dates>();
  for (const d of dates) datesOf.set(d.id, [...(datesOf.get(d.id) ?? []), d]);
  const byCode = new Map<string, StoredEmployer>();
  for (const { path, creditCode, ...r } of rows) {
    const own = datesOf.get(r.id) ?? [];
    const latest = Object.fromEntries(own.map((d) => [d.aspect, d.latest]));
    const firstChange = own.map((d) => d.first).sort()[0] ?? null;
    byCode.set(creditCode, { ...r, inScope: scopeContains(scope, path), latest, firstChange });
  }
  return byCode;
}

interface CheckedLine {
  line: SheetLine;
  employer: ImportedEmployer | null;
  problems: RowProblem[];
}

/** Plans a batch of checked rows against the stored employers; rows that may not be applied get problems. */
export async function planBatch(db: Db, batch: CheckedLine[], scope: Scope, date: string) {
  const codes = batch.flatMap((c) => (c.employer ? [c.employer.creditCode] : []));
  const stored = await storedEmployers(db, codes, scope, date);
  const plans: Array<{ line: CheckedLine; plan: RowPlan }> = [];
  for (const c of batch) {
    if (!c.employer) continue;
    const plan = planRow(c.employer, stored.get(c.employer.creditCode), date);
    if ('problems' in plan) c.problems.push(...plan.problems);
    else plans.push({ line: c, plan });
  }
  return plans;
}

/** The error report: the faulty rows as they were, with their row number and what is wrong. */
async function errorReport(lines: CheckedLine[], formatMessage: string | null): Promise<Buffer> {
  const writer = sheetWriter(['原行号', '错误说明']);
  const parts: Buffer[] = [];
  writer.stream.on('data', (c: Buffer) => parts.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    writer.stream.on('end', resolve);
    writer.stream.on('error', reject);
  });
  if (formatMessage) writer.add([...Array<string>(sheetColumns.length).fill(''), '1', formatMessage]);
  for (const c of lines) {
    const messages = c.problems.map((p) => describeProblem(c.line.rowNo, p));
    writer.add([...c.line.cells, String(c.line.rowNo), messages.join('；')]);
  }
  await writer.finish(false);
  await ended;
  return Buffer.concat(parts);
}

/**
 * Runs one employer import: reads the stored file, checks every row, then applies the rows in one
 * transaction (all of them, or only the valid ones, as the uploader chose). Rows equal to the stored
 * employer write nothing, so running the same file again changes nothing.
 */
export async function runEmployerImport(job: JobRow, ctx: JobContext): Promise<ImportResult> {
  const { db } = ctx;
  const payload = job.payload as EmployerImportPayload;
  const imp = await db
    .selectFrom('employer_import')
    .selectAll()
    .where('id', '=', payload.importId)
    .executeTakeFirstOrThrow();
  await db.updateTable('employer_import').set({ report: null }).where('id', '=', imp.id).execute();
  const date = today();
  const lines: SheetLine[] = [];
  let formatMessage: string | null = null;
  try {
    const format = sheetFormatOf(imp.file_name);
    if (!format) throw new SheetFormatError('只能导入 .xlsx 或 .csv 文件');
    for await (const line of readEmployerSheet(Buffer.from(imp.content), format)) {
      if (line.row.name.startsWith(EXAMPLE_MARK)) continue;
      lines.push(line);
      if (lines.length % 5000 === 0) await ctx.progress(0, null);
    }
    if (lines.length === 0) formatMessage = '文件中没有数据行';
  } catch (e) {
    if (!(e instanceof SheetFormatError)) throw e;
    formatMessage = e.message;
  }
  if (formatMessage) {
    const report = await errorReport([], formatMessage);
    await db.updateTable('employer_import').set({ report }).where('id', '=', imp.id).execute();
    return {
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      invalid: 0,
      applied: false,
      message: formatMessage,
    };
  }

  const total = lines.length;
  await ctx.progress(0, total);
  const scope = storedScope(imp.scope_path);
  const places = await localitiesIn(db, scope, date);
  const firstRowOf = new Map<string, number>();
  const checked: CheckedLine[] = lines.map((line) => {
    const r = checkRow(line, places, date);
    if ('problems' in r) return { line, employer: null, problems: r.problems };
    const first = firstRowOf.get(r.employer.creditCode);
    if (first !== undefined) {
      return {
        line,
        employer: null,
        problems: [{ column: 'creditCode', message: `与第 ${first} 行的统一社会信用代码重复` }],
      };
    }
    firstRowOf.set(r.employer.creditCode, line.rowNo);
    return { line, employer: r.employer, problems: [] };
  });
  // Checked against the stored employers outside any transaction, so the job reports its progress as it goes.
  for (let i = 0; i < total; i += BATCH) {
    await planBatch(db, checked.slice(i, i + BATCH), scope, date);
    await ctx.progress(Math.min(i + BATCH, total), total);
  }
  const bad = () => checked.filter((c) => c.problems.length > 0);
  let invalid = bad().length;
  let applied = false;
  let counts = { created: 0, updated: 0, unchanged: 0 };
  if (invalid === 0 || imp.mode === 'valid_only') {
    const outcome = await applyPlans(db, {
      importId: imp.id,
      fileName: imp.file_name,
      mode: imp.mode,
      scopePath: imp.scope_path,
      actor: payload.actor,
      date,
      rows: checked.filter((c) => c.problems.length === 0),
      plan: (trx, batch) => planBatch(trx, batch, scope, date),
      allOrNothing: imp.mode === 'all_or_nothing',
    });
    invalid = bad().length;
    applied = outcome.applied;
    counts = outcome.counts;
  }
  const report = invalid > 0 ? await errorReport(bad(), null) : null;
  await db.updateTable('employer_import').set({ report }).where('id', '=', imp.id).execute();
  return { rows: total, ...counts, invalid, applied };
}
