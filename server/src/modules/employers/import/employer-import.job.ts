import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportStatus } from '@gonghui/contracts';
import type { Database, JobRow } from '../../../db/schema.ts';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import type { JobContext } from '../../../platform/jobs/job.runner.ts';
import { today } from '../../../platform/orgs/dates.ts';
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
} from './employer-import.check.ts';
import { employerApply } from './employer-import.apply.ts';
import {
  readEmployerSheet,
  SheetFormatError,
  sheetFormatOf,
  type SheetLine,
} from './employer-sheet.reader.ts';
import {
  runRecordImport,
  type CheckedRecord,
  type Planned,
  type RecordChecker,
} from '../../../platform/imports/import.pipeline.ts';
import { workbookBytes } from '../../../platform/imports/import.report.ts';
import { sheetColumns, sheetWriter } from './employer.sheet.ts';
import { inScope, scopeContains, storedScope, versionValidOn, type Scope } from '../../../platform/scope.ts';

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

/** One checked record of the file: an employer is always one line. */
export type EmployerLine = CheckedRecord<SheetLine, ImportedEmployer, RowProblem>;

/** Plans a batch of checked rows against the stored employers; rows that may not be applied get problems. */
export async function planBatch(db: Db, batch: EmployerLine[], scope: Scope, date: string) {
  const codes = batch.flatMap((c) => (c.record ? [c.record.creditCode] : []));
  const stored = await storedEmployers(db, codes, scope, date);
  const plans: Array<Planned<SheetLine, ImportedEmployer, RowProblem, RowPlan>> = [];
  for (const c of batch) {
    if (!c.record) continue;
    const plan = planRow(c.record, stored.get(c.record.creditCode), date);
    if ('problems' in plan) c.problems.push(...plan.problems);
    else plans.push({ item: c, plan });
  }
  return plans;
}

/** The error report: the faulty rows as they were, with their row number and what is wrong. */
async function errorReport(lines: EmployerLine[], formatMessage: string | null): Promise<Buffer> {
  const writer = sheetWriter(['原行号', '错误说明']);
  return workbookBytes(writer.stream, async () => {
    if (formatMessage) writer.add([...Array<string>(sheetColumns.length).fill(''), '1', formatMessage]);
    for (const c of lines) {
      const [line] = c.lines;
      const messages = c.problems.map((p) => describeProblem(line.rowNo, p));
      writer.add([...line.cells, String(line.rowNo), messages.join('；')]);
    }
    await writer.finish(false);
  });
}

/** How the platform pipeline reads an employer row: one line, checked on its own, keyed by credit code. */
function employerChecker(
  places: Localities,
  date: string,
): RecordChecker<SheetLine, ImportedEmployer, RowProblem> {
  return {
    skip: (line) => line.row.name.startsWith(EXAMPLE_MARK),
    check: ([line]) => {
      const r = checkRow(line, places, date);
      return 'problems' in r ? r : { record: r.employer };
    },
    key: (employer) => employer.creditCode,
    repeated: (first) => ({ column: 'creditCode', message: `与第 ${first} 行的统一社会信用代码重复` }),
  };
}

async function* fileLines(fileName: string, content: Buffer): AsyncGenerator<SheetLine> {
  const format = sheetFormatOf(fileName);
  if (!format) throw new SheetFormatError('只能导入 .xlsx 或 .csv 文件');
  yield* readEmployerSheet(content, format);
}

/**
 * Runs one employer import on the platform pipeline: reads the stored file, checks every row, then
 * applies the rows in one transaction (all of them, or only the valid ones, as the uploader chose). Rows
 * equal to the stored employer write nothing, so running the same file again changes nothing; a rerun of
 * the job after its import was applied answers what the import did.
 */
export async function runEmployerImport(job: JobRow, ctx: JobContext): Promise<ImportResult> {
  const { db } = ctx;
  const payload = job.payload as EmployerImportPayload;
  const imp = await db
    .selectFrom('employer_import')
    .selectAll()
    .where('id', '=', payload.importId)
    .executeTakeFirstOrThrow();
  if (imp.result) return imp.result as ImportResult;
  await db.updateTable('employer_import').set({ report: null }).where('id', '=', imp.id).execute();
  const date = today();
  const scope = storedScope(imp.scope_path);
  const places = await localitiesIn(db, scope, date);
  const run = await runRecordImport({
    db,
    ctx,
    mode: imp.mode,
    read: () => fileLines(imp.file_name, Buffer.from(imp.content)),
    checker: employerChecker(places, date),
    plan: (d, batch) => planBatch(d, batch, scope, date),
    apply: (trx) =>
      employerApply(trx, {
        importId: imp.id,
        fileName: imp.file_name,
        mode: imp.mode,
        scopePath: imp.scope_path,
        actor: payload.actor,
        date,
      }),
    batchSize: BATCH,
  });
  if (run.kind === 'file') {
    const report = await errorReport([], run.message);
    await db.updateTable('employer_import').set({ report }).where('id', '=', imp.id).execute();
    return {
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      invalid: 0,
      applied: false,
      message: run.message,
    };
  }
  const invalid = run.faulty.length;
  const counts = run.outcome ?? { created: 0, updated: 0, unchanged: 0 };
  const result: ImportResult = { rows: run.lines, ...counts, invalid, applied: run.outcome !== null };
  const report = invalid > 0 ? await errorReport(run.faulty, null) : null;
  await db
    .updateTable('employer_import')
    .set({ report, ...(run.outcome ? { result: JSON.stringify(result) } : {}) })
    .where('id', '=', imp.id)
    .execute();
  return result;
}
