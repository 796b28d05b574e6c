import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { ModelWorkerImportQuery, ModelWorkerImportResult } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { runRecordImport, type RecordChecker } from '../../../platform/imports/import.pipeline.ts';
import { visibleImport } from '../../../platform/imports/import.scope.ts';
import { ImportFileError, readUpload } from '../../../platform/imports/import.upload.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { inScope, scopeOf, type Scope } from '../../../platform/scope.ts';
import { firstSheetRows } from '../../../platform/spreadsheet/workbook-reader.ts';
import { modelWorkerDb } from '../model-workers.definitions.ts';
import { cellText, sheetBytes, type SheetColumn } from '../model-workers.sheet.ts';
import { planBatch, workerApply } from './model-worker-import.apply.ts';
import {
  checkHeader,
  checkRow,
  describeProblem,
  EXAMPLE_MARK,
  importColumns,
  type ImportedWorker,
  type RowProblem,
  type WorkerLine,
} from './model-worker-import.check.ts';

type Db = Kysely<Database>;

const LIMIT = {
  maxBytes: 20 * 1024 * 1024,
  tooLarge: '文件过大：劳动模范名册最大 20 MB，请分成几个文件导入',
};

const templateColumns: Array<SheetColumn<string[]>> = importColumns.map((c, i) => ({
  header: c.header,
  width: c.width,
  value: (cells) => cells[i] ?? '',
}));

/** The file's data rows; a file that is no .xlsx or lacks the template's header is one report line. */
async function* fileLines(content: Buffer): AsyncGenerator<WorkerLine> {
  let header = false;
  try {
    for await (const { rowNo, values } of firstSheetRows(Readable.from([content]), cellText)) {
      if (!header) {
        const problem = checkHeader(values);
        if (problem) throw new ImportFileError(problem);
        header = true;
      } else if (values.some((v) => v !== '')) {
        yield { rowNo, cells: importColumns.map((_, i) => values[i] ?? '') };
      }
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError('无法读取 .xlsx 文件，请确认文件完整且为导入模板格式');
  }
  if (!header) throw new ImportFileError('文件是空的：没有表头和数据行');
}

function checker(thisYear: number): RecordChecker<WorkerLine, ImportedWorker, RowProblem> {
  return {
    skip: (line) => (line.cells[0] ?? '').startsWith(EXAMPLE_MARK),
    check: ([line]) => checkRow(line, thisYear),
    key: (w) => w.residentId,
    repeated: (first) => ({ column: 'residentId', message: `与第 ${first} 行的身份证号码重复` }),
  };
}

/** The error report: each faulty row as it was, with its row number and what is wrong, in Chinese. */
async function errorReport(rows: Array<{ line: WorkerLine; messages: string[] }>): Promise<Buffer> {
  const columns: Array<SheetColumn<{ line: WorkerLine; messages: string[] }>> = [
    ...importColumns.map((c, i) => ({
      header: c.header,
      width: c.width,
      value: (r: { line: WorkerLine }) => r.line.cells[i] ?? '',
    })),
    { header: '原行号', width: 8, value: (r) => r.line.rowNo },
    { header: '错误说明', width: 60, value: (r) => r.messages.join('；') },
  ];
  return sheetBytes('错误报告', columns, rows);
}

async function findImport(db: Db, id: number, scope: Scope) {
  return modelWorkerDb(db)
    .selectFrom('model_worker_import')
    .select(['id', 'result', 'report'])
    .where('id', '=', id)
    .where(inScope('scope_path', scope))
    .executeTakeFirst();
}

export const modelWorkerImportService = {
  /** The template: the header and one example row the import skips. */
  async template(): Promise<Buffer> {
    return sheetBytes('劳动模范名册', templateColumns, [
      [
        `${EXAMPLE_MARK}张三（此行为示例，导入时跳过）`,
        '320581197001011234',
        '省部级',
        '江苏省劳动模范',
        '2016',
        '91320581MA1XXXXXXX',
        '退休',
        '是',
        '患重病，家庭人均收入低于当地最低生活保障标准',
      ],
    ]);
  },

  /**
   * Imports an uploaded registry file at once: every row is checked, then all rows are applied in one
   * transaction (or only the valid ones, as the uploader chose). Rows touch only the uploader's scope.
   */
  async upload(
    db: Db,
    actor: Actor,
    q: ModelWorkerImportQuery,
    body: AsyncIterable<Buffer>,
  ): Promise<ModelWorkerImportResult> {
    const scope = await scopeOf(db, actor);
    const content = await readUpload(body, LIMIT);
    const mdb = modelWorkerDb(db);
    const { id } = await mdb
      .insertInto('model_worker_import')
      .values({
        file_name: q.fileName,
        mode: q.mode,
        scope_path: scope,
        created_by: actor.userId > 0 ? actor.userId : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const date = today();
    const run = await runRecordImport({
      db,
      ctx: { db, progress: async () => {} },
      mode: q.mode,
      read: () => fileLines(content),
      checker: checker(Number(date.slice(0, 4))),
      plan: (d, batch) => planBatch(d, batch, scope, date),
      apply: (trx) => workerApply(trx, { importId: id, fileName: q.fileName, mode: q.mode, scope, actor }),
    });
    const base = { id, fileName: q.fileName, mode: q.mode };
    let result: ModelWorkerImportResult;
    let report: Buffer | null = null;
    if (run.kind === 'file') {
      report = await errorReport([{ line: { rowNo: 1, cells: [] }, messages: [`第 1 行：${run.message}`] }]);
      result = {
        ...base,
        rows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        invalid: 0,
        applied: false,
        message: run.message,
        hasReport: true,
      };
    } else {
      const counts = run.outcome ?? { created: 0, updated: 0, unchanged: 0 };
      const invalid = run.faulty.length;
      if (invalid > 0)
        report = await errorReport(
          run.faulty.map((c) => ({
            line: c.lines[0],
            messages: c.problems.map((p) => describeProblem(c.lines[0].rowNo, p)),
          })),
        );
      result = {
        ...base,
        rows: run.lines,
        ...counts,
        invalid,
        applied: run.outcome !== null,
        message: null,
        hasReport: report !== null,
      };
    }
    await mdb
      .updateTable('model_worker_import')
      .set({ result: JSON.stringify(result), report })
      .where('id', '=', id)
      .execute();
    return result;
  },

  /** The error report of an import in the caller's scope (404 outside it, as for a missing one). */
  async report(db: Db, actor: Actor, id: number): Promise<Buffer> {
    const { imp } = await visibleImport(db, actor, (scope) => findImport(db, id, scope));
    if (!imp.report) throw notFound('错误报告');
    return Buffer.from(imp.report);
  },
};
