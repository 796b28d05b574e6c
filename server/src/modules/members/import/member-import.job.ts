import { Readable, Transform } from 'node:stream';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, JobRow, MemberImportTable } from '../../../db/schema.ts';
import type { JobContext } from '../../../platform/jobs/job.runner.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { personalData, type PersonalDataCipher } from '../../../platform/personal-data/personal-data.ts';
import { EnrolledMeanwhileError, ImportApply, type ImportSummary } from './member-import.apply.ts';
import { rosterBatches, type ReadMeter } from './member-import.csv.ts';
import { factsFor, lookedUpAhead, StagingWriter } from './member-import.stage.ts';
import { batchCheckers, importThreads } from './member-import.checkers.ts';
import type { CheckedBatch } from './member-import.rows.ts';
import { RosterIdentities, type RowProblem } from './member-import.check.ts';
import { RosterFormatError, rosterWriter } from './member.sheet.ts';
import { inScope, storedScope } from '../../../platform/scope.ts';
import { workbookBytes } from '../../../platform/imports/import.report.ts';

export type { ImportSummary };

export const MEMBER_IMPORT_JOB = 'member.import';
/** Rows checked and staged together: large enough that the per-statement cost disappears. */
export const IMPORT_BATCH = 5000;
/** Errors listed in the report; past this the report says how many more there were. */
const MAX_REPORTED = 100_000;
/** Files from this size on are checked on threads of their own (about 10,000 rows). */
const THREADED_FROM_BYTES = 1_000_000;

export interface ImportOptions {
  /** Checking threads whatever the file's size; by default `importThreads()` from THREADED_FROM_BYTES on. */
  threads?: number;
  /** Rows per batch; IMPORT_BATCH unless a test wants several batches from a small file. */
  batchSize?: number;
}

/** The uploaded file, decrypted chunk by chunk as the parser asks for it. */
function fileStream(db: Kysely<Database>, importId: number, cipher: PersonalDataCipher): Readable {
  let seq = 0;
  return new Readable({
    async read() {
      try {
        const chunk = await db
          .selectFrom('member_import_chunk')
          .select('content')
          .where('import_id', '=', importId)
          .where('seq', '=', seq++)
          .executeTakeFirst();
        this.push(chunk ? cipher.open(chunk.content) : null);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
  });
}

/**
 * Runs one roster import. Rows are checked and sealed into a staging table; only when every row is valid
 * is the import committed, in one transaction of set-based statements. A crash at any point leaves no
 * member from the file: staging is invisible and is cleared when the job runs again; the apply either
 * commits whole or not at all. A re-import of the same file finds every person already there and changes
 * nothing.
 */
export async function runMemberImport(
  job: JobRow,
  ctx: JobContext,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const { db } = ctx;
  const importId = (job.payload as { importId: number }).importId;
  const imp = await db
    .selectFrom('member_import')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  // A rerun after the import was committed or rejected (the process died before the job was marked done)
  // answers what it did: its file is gone, and running it again would count every row as unchanged.
  if (imp.summary && ['done', 'rejected', 'undone'].includes(imp.status)) return imp.summary as ImportSummary;
  // Anything a crashed run left staged goes: the rerun starts clean from the file.
  await db.deleteFrom('member_import_row').where('import_id', '=', importId).execute();
  await db.deleteFrom('member_import_held').where('import_id', '=', importId).execute();
  await db
    .updateTable('member_import')
    .set({ status: 'running', rows_read: 0, report: null, summary: null })
    .where('id', '=', importId)
    .execute();
  const date = today();
  const apply = await ImportApply.open(db, importId, date);
  const staging = new StagingWriter((batch) => apply.stage(batch));
  const threads = options.threads ?? (imp.size_bytes >= THREADED_FROM_BYTES ? importThreads() : 0);
  try {
    const read = await stageFile(db, ctx, imp, staging, date, threads, options.batchSize ?? IMPORT_BATCH);
    if (read.errors > 0) {
      await apply.rollback();
      return await reject(db, importId, read.problems, read.errors);
    }
    // Every row is read and staged: the last step applies the rest and commits.
    await ctx.progress(imp.size_bytes, imp.size_bytes);
    const summary = await apply.commit(imp.accept_name_changes);
    // The embedded database has no autovacuum, so a large import refreshes the planner's statistics itself.
    if (summary.created >= 10_000 && !apply.onServer) await sql`analyze member, member_history`.execute(db);
    await ctx.progress(imp.size_bytes, imp.size_bytes);
    return summary;
  } catch (e) {
    await staging.settle();
    await apply.rollback();
    if (!(e instanceof EnrolledMeanwhileError)) throw e;
    const message =
      '导入期间有名单中的人员在别处登记了会籍，本次导入未写入任何数据；请重新导入，系统会列出这些人员';
    return reject(db, importId, [{ rowNo: 0, name: '', residentIdMasked: '', message }], 1);
  }
}

/**
 * Reads the file, checks every row and stages the good ones while no row has failed; the problems found
 * (a malformed file counts as one). What must follow file order (reading, hashing IDs, spotting repeats)
 * happens here; checking and sealing happen on `threads` threads of their own, batches in flight while
 * the database stores the ones before.
 */
async function stageFile(
  db: Kysely<Database>,
  ctx: JobContext,
  imp: Selectable<MemberImportTable>,
  staging: StagingWriter,
  date: string,
  threads: number,
  batchSize: number,
): Promise<{ errors: number; problems: RowProblem[] }> {
  const cipher = personalData();
  const unionRows = await db
    .selectFrom('org_unit_version as v')
    .innerJoin('org_unit as u', 'u.id', 'v.org_unit_id')
    .select(['u.id', 'v.name'])
    .where('v.valid_to', 'is', null)
    .where('u.closed_on', 'is', null)
    .where(inScope('v.path', storedScope(imp.scope_path)))
    .execute();
  const identities = new RosterIdentities(cipher, date);
  const checkers = batchCheckers(
    {
      defaultUnionId: imp.org_unit_id,
      today: date,
      unions: new Map(unionRows.map((u) => [u.id, u.name])),
      maxProblems: MAX_REPORTED,
    },
    threads,
  );
  const problems: RowProblem[] = [];
  let errors = 0;
  let rows = 0;
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const meter: ReadMeter = { bytes: 0, records: 0 };
  const inFlight: Array<Promise<CheckedBatch>> = [];
  const tally = (checked: CheckedBatch) => {
    errors += checked.errors;
    for (const p of checked.problems) if (problems.length < MAX_REPORTED) problems.push(p);
    rows += checked.rows;
  };
  /** Takes the oldest checked batch: counts its problems and, while no row has failed, stages it. */
  const settleOldest = async () => {
    const checked = await inFlight.shift()!;
    tally(checked);
    if (errors === 0 && checked.fresh.count + checked.existing.count + checked.held.length > 0)
      await staging.write(checked);
    await db.updateTable('member_import').set({ rows_read: rows }).where('id', '=', imp.id).execute();
    // A CSV is parsed a stored chunk at a time, well ahead of the rows checked: its share of the file is
    // the rows done at the bytes per record read so far.
    const done = meter.records > 0 ? Math.round((rows / meter.records) * meter.bytes) : bytes;
    await ctx.progress(Math.min(done, imp.size_bytes), imp.size_bytes);
  };
  try {
    const input = fileStream(db, imp.id, cipher).pipe(counted);
    const batches = lookedUpAhead(rosterBatches(input, imp.format, batchSize, meter), async (lines) => {
      const ids = lines.map((l) => identities.identify(l.row));
      return { ids, facts: await factsFor(db, lines, ids, storedScope(imp.scope_path)) };
    });
    for await (const [lines, { ids, facts }] of batches) {
      const repeats = lines.map((line, i) => identities.repeats(line, ids[i], facts));
      const checked = checkers.check({ lines, identities: ids, repeats, facts, seal: errors === 0 });
      // Awaited in turn below; until then a failure must not count as unhandled.
      checked.catch(() => {});
      inFlight.push(checked);
      if (inFlight.length > checkers.depth) await settleOldest();
    }
    while (inFlight.length > 0) await settleOldest();
    await staging.flush();
  } catch (e) {
    if (!(e instanceof RosterFormatError)) throw e;
    // The batches read before the malformed record are still checked and reported.
    for (const checked of inFlight.splice(0)) tally(await checked);
    await staging.settle();
    errors++;
    problems.push({ rowNo: 1, name: '', residentIdMasked: '', message: e.message });
  } finally {
    await checkers.close();
  }
  if (rows === 0 && errors === 0) {
    errors++;
    problems.push({ rowNo: 2, name: '', residentIdMasked: '', message: '文件中没有数据行' });
  }
  return { errors, problems };
}

/** Marks an import rejected with its error report; nothing of it was applied. */
async function reject(
  db: Kysely<Database>,
  importId: number,
  problems: RowProblem[],
  errors: number,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    errors,
    heldElsewhere: 0,
    nameChanges: 0,
  };
  await db.deleteFrom('member_import_row').where('import_id', '=', importId).execute();
  await db.deleteFrom('member_import_held').where('import_id', '=', importId).execute();
  await db
    .updateTable('member_import')
    .set({
      status: 'rejected',
      summary: JSON.stringify(summary),
      report: await errorReport(problems, errors),
      finished_at: new Date(),
    })
    .where('id', '=', importId)
    .execute();
  await db.deleteFrom('member_import_chunk').where('import_id', '=', importId).execute();
  return summary;
}

/** The error report: one line per faulty row, IDs masked, with the row number as Excel shows it. */
async function errorReport(problems: RowProblem[], total: number): Promise<Buffer> {
  const w = rosterWriter('错误报告', ['行号', '错误说明']);
  return workbookBytes(w.stream, async () => {
    for (const p of problems)
      w.add({ name: p.name, residentId: p.residentIdMasked }, [String(p.rowNo), p.message]);
    if (total > problems.length) w.add({}, ['', `另有 ${total - problems.length} 行错误未列出`]);
    await w.finish();
  });
}
