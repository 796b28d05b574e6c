import type { ImportStatus } from '@gonghui/contracts';
import type { JobRow } from '../../../db/schema.ts';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import { runRecordImport } from '../../../platform/imports/import.pipeline.ts';
import { workbookBytes } from '../../../platform/imports/import.report.ts';
import type { JobContext } from '../../../platform/jobs/job.runner.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { storedScope } from '../../../platform/scope.ts';
import { withAssistance } from '../cases/case.definitions.ts';
import { archiveApply, planHouseholds, unitsIn, type HouseholdRecord } from './archive-import.apply.ts';
import { archiveChecker, describeProblem } from './archive-import.check.ts';
import { archiveColumns, archiveSheetWriter, readArchiveSheet } from './archive-import.sheet.ts';

export const ARCHIVE_IMPORT_JOB = 'hardship_archive.import';

export interface ArchiveImportPayload {
  importId: number;
  /** Who uploaded it, for the audit entries the job writes. */
  actor: AuditActor;
}

export type ArchiveImportResult = NonNullable<ImportStatus['result']> & { message?: string };

/** The error report: every row of the faulty households as it was, with its row number and what is wrong. */
async function errorReport(faulty: HouseholdRecord[], fileMessage: string | null): Promise<Buffer> {
  const writer = archiveSheetWriter(['原行号', '错误说明']);
  return workbookBytes(writer.stream, async () => {
    if (fileMessage) writer.add([...Array<string>(archiveColumns.length).fill(''), '1', fileMessage]);
    for (const c of faulty) {
      const first = c.lines[0].rowNo;
      const problems = c.problems.map((p) => (p.rowNo === 0 ? { ...p, rowNo: first } : p));
      for (const line of c.lines) {
        const own = problems.filter((p) => p.rowNo === line.rowNo).map(describeProblem);
        const note = own.length > 0 ? own.join('；') : `同户第 ${first} 行起有错误，该户未导入`;
        writer.add([...line.cells, String(line.rowNo), note]);
      }
    }
    await writer.finish(false);
  });
}

/**
 * Runs one archive import on the platform pipeline: reads the stored file, groups its rows into households
 * and checks every one, then writes them in one transaction (all, or only the valid ones, as the uploader
 * chose). A household the caller's scope already keeps, unchanged, writes nothing, so the same file twice
 * changes nothing; a rerun of the job after the import was applied answers what it did.
 */
export async function runArchiveImport(job: JobRow, ctx: JobContext): Promise<ArchiveImportResult> {
  const db = ctx.db;
  const adb = withAssistance(db);
  const payload = job.payload as ArchiveImportPayload;
  const imp = await adb
    .selectFrom('hardship_import')
    .selectAll()
    .where('id', '=', payload.importId)
    .executeTakeFirstOrThrow();
  if (imp.result) return imp.result as ArchiveImportResult;
  const date = today();
  const scope = storedScope(imp.scope_path);
  const units = await unitsIn(db, scope, date);
  const run = await runRecordImport({
    db,
    ctx,
    mode: imp.mode,
    read: () => readArchiveSheet(Buffer.from(imp.content)),
    checker: archiveChecker,
    plan: (d, batch) => planHouseholds(d, batch, scope, units, date),
    apply: (trx) =>
      archiveApply(trx, {
        importId: imp.id,
        fileName: imp.file_name,
        mode: imp.mode,
        scopePath: imp.scope_path,
        actor: payload.actor,
      }),
    batchSize: 500,
  });
  const none = { rows: 0, created: 0, updated: 0, unchanged: 0, invalid: 0, applied: false };
  if (run.kind === 'file') {
    const report = await errorReport([], run.message);
    await adb.updateTable('hardship_import').set({ report }).where('id', '=', imp.id).execute();
    return { ...none, message: run.message };
  }
  const invalid = run.faulty.length;
  const counts = run.outcome ?? { created: 0, unchanged: 0 };
  const result: ArchiveImportResult = {
    ...none,
    rows: run.lines,
    ...counts,
    invalid,
    applied: run.outcome !== null,
  };
  const report = invalid > 0 ? await errorReport(run.faulty, null) : null;
  await adb
    .updateTable('hardship_import')
    .set({ report, ...(run.outcome ? { result: JSON.stringify(result) } : {}) })
    .where('id', '=', imp.id)
    .execute();
  return result;
}
