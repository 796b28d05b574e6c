import type { Kysely, Transaction } from 'kysely';
import type { ImportMode } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { JobContext } from '../jobs/job.runner.ts';
import { ImportFileError } from './import.upload.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One line of an imported file: its row number as Excel shows it (the header is row 1) and its cells. */
export interface ImportLine {
  rowNo: number;
  cells: string[];
}

/** One record of the file: the lines that form it, and what checking them found. */
export interface CheckedRecord<L extends ImportLine, R, P> {
  lines: L[];
  /** The record the lines make, or null when they are faulty. */
  record: R | null;
  /** What is wrong with the lines: the record is not applied and is listed in the error report. */
  problems: P[];
  /**
   * Why the record is skipped though it is valid (e.g. it is held by another union): it is listed apart,
   * does not stop an all-or-nothing file, and the other records apply.
   */
  held: string | null;
}

/**
 * What a module plugs into the pipeline to read its rows. A record is usually one line; `group` lets
 * several lines form one record (a household and its members), and `check` then sees them together.
 */
export interface RecordChecker<L extends ImportLine, R, P> {
  /** Lines never imported, such as the template's example row. */
  skip?(line: L): boolean;
  /** Splits the file's lines into the groups that each form one record; by default every line is one. */
  group?(lines: L[]): L[][];
  /** Checks one group on its own (no database): the record it makes, or its problems. */
  check(group: L[]): { record: R } | { problems: P[] };
  /** The record's identity in the file: a later record with the same key is refused. */
  key(record: R): string;
  /** The problem of a record whose key an earlier record, starting at `firstRowNo`, already had. */
  repeated(firstRowNo: number): P;
}

/** A planned record, ready to write. */
export interface Planned<L extends ImportLine, R, P, Plan> {
  item: CheckedRecord<L, R, P>;
  plan: Plan;
}

/** What a module's apply step does, in the import's one transaction. */
export interface ApplyRun<L extends ImportLine, R, P, Plan, O> {
  /** Writes one batch of planned records. */
  write(planned: Array<Planned<L, R, P, Plan>>): Promise<void>;
  /** After the last batch: tallies, the audit, the undo record. What the import did. */
  finish(records: number): Promise<O>;
}

export interface RecordImport<L extends ImportLine, R, P, Plan, O> {
  db: Kysely<Database>;
  ctx: JobContext;
  mode: ImportMode;
  /** The file's lines, read as they come; an `ImportFileError` makes the whole file one report line. */
  read: () => AsyncIterable<L>;
  checker: RecordChecker<L, R, P>;
  /**
   * Compares a batch of checked records with what is stored: the plan of each that may apply. A record
   * that may not gets problems (or `held`) instead. Run once to check, and again inside the apply's
   * transaction, so a change made meanwhile is seen.
   */
  plan: (db: Db, batch: Array<CheckedRecord<L, R, P>>) => Promise<Array<Planned<L, R, P, Plan>>>;
  /** Starts the apply step in the import's transaction. */
  apply: (trx: Transaction<Database>) => ApplyRun<L, R, P, Plan, O>;
  batchSize?: number;
}

export type RecordImportResult<L extends ImportLine, R, P, O> =
  | { kind: 'file'; message: string }
  | {
      kind: 'checked';
      records: Array<CheckedRecord<L, R, P>>;
      /** Lines read (the example row not counted). */
      lines: number;
      faulty: Array<CheckedRecord<L, R, P>>;
      held: Array<CheckedRecord<L, R, P>>;
      /** What the apply step did, or null when nothing was applied. */
      outcome: O | null;
    };

class Rollback extends Error {}

/** Groups, checks and spots repeated keys; every line ends up in exactly one record. */
export function checkRecords<L extends ImportLine, R, P>(
  lines: L[],
  checker: RecordChecker<L, R, P>,
): Array<CheckedRecord<L, R, P>> {
  const groups = checker.group ? checker.group(lines) : lines.map((l) => [l]);
  const firstRowOf = new Map<string, number>();
  return groups.map((group) => {
    const r = checker.check(group);
    if ('problems' in r) return { lines: group, record: null, problems: r.problems, held: null };
    const key = checker.key(r.record);
    const first = firstRowOf.get(key);
    if (first !== undefined)
      return { lines: group, record: null, problems: [checker.repeated(first)], held: null };
    firstRowOf.set(key, group[0].rowNo);
    return { lines: group, record: r.record, problems: [], held: null };
  });
}

/**
 * The platform's import pipeline for files that fit in memory (a register of up to some hundred
 * thousand records): read → group and check every record → plan against the stored data, reporting
 * progress → apply in one transaction, all records or only the valid ones as the uploader chose. A crash
 * leaves nothing applied (the transaction), so a rerun of the job starts from the file again and gives
 * the same result; records equal to what is stored write nothing, so the same file twice changes nothing.
 * The caller writes the error report from the faulty records.
 */
export async function runRecordImport<L extends ImportLine, R, P, Plan, O>(
  o: RecordImport<L, R, P, Plan, O>,
): Promise<RecordImportResult<L, R, P, O>> {
  const { db, ctx, checker } = o;
  const batchSize = o.batchSize ?? 1000;
  const lines: L[] = [];
  try {
    for await (const line of o.read()) {
      if (checker.skip?.(line)) continue;
      lines.push(line);
      if (lines.length % 5000 === 0) await ctx.progress(0, null);
    }
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    return { kind: 'file', message: e.message };
  }
  if (lines.length === 0) return { kind: 'file', message: '文件中没有数据行' };

  const total = lines.length;
  await ctx.progress(0, total);
  const records = checkRecords(lines, checker);
  const valid = () => records.filter((c) => c.problems.length === 0 && c.held === null);
  // Planned outside any transaction, so the job reports its progress as it goes.
  let done = 0;
  for (let i = 0; i < records.length; i += batchSize) {
    const batch = records.slice(i, i + batchSize).filter((c) => c.record !== null);
    await o.plan(db, batch);
    done += records.slice(i, i + batchSize).reduce((n, c) => n + c.lines.length, 0);
    await ctx.progress(Math.min(done, total), total);
  }
  const faulty = () => records.filter((c) => c.problems.length > 0);
  let outcome: O | null = null;
  if (faulty().length === 0 || o.mode === 'valid_only') {
    const rows = valid();
    try {
      outcome = await db.transaction().execute(async (trx) => {
        const run = o.apply(trx);
        for (let i = 0; i < rows.length; i += batchSize) {
          const batch = rows.slice(i, i + batchSize);
          const planned = await o.plan(trx, batch);
          if (o.mode === 'all_or_nothing' && batch.some((c) => c.problems.length > 0)) throw new Rollback();
          await run.write(planned.filter((p) => p.item.held === null));
        }
        return run.finish(rows.length);
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  }
  return {
    kind: 'checked',
    records,
    lines: total,
    faulty: faulty(),
    held: records.filter((c) => c.held !== null && c.problems.length === 0),
    outcome,
  };
}
