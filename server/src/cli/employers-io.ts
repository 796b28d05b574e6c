import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import type { ImportMode } from '@gonghui/contracts';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { jobQueue } from '../platform/jobs/job.queue.ts';
import { today } from '../platform/orgs/dates.ts';
import {
  employerImportService,
  runEmployerImport,
  type ImportResult,
  exportEmployers,
  employerRepository,
} from '../modules/employers/index.ts';
import { Scope } from '../platform/scope.ts';
import { progressReporter } from './progress.ts';

/** A union by its number, division code or current full name; the root federation when none is given. */
async function unitOf(db: Kysely<Database>, ref: string | undefined) {
  const base = db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
    )
    .select(['u.id', 'v.path', 'v.name'])
    .where('u.closed_on', 'is', null);
  if (ref === undefined) {
    const root = await base.where('v.parent_id', 'is', null).orderBy('u.id').executeTakeFirst();
    if (!root) throw new Error('数据库中还没有组织，请先创建根组织（gonghui user add）');
    return root;
  }
  const n = /^\d{1,9}$/.test(ref) ? Number(ref) : 0;
  const found = await base
    .where((eb) => eb.or([eb('u.division_code', '=', ref), eb('u.id', '=', n), eb('v.name', '=', ref)]))
    .orderBy(sql`u.division_code = ${ref}`, 'desc')
    .execute();
  if (found.length === 0) throw new Error(`找不到组织“${ref}”：请给出组织编号、行政区划代码或全称`);
  if (found.length > 1 && found[0].name === ref && found[1].name === ref) {
    throw new Error(`有多个名为“${ref}”的组织，请改用组织编号或行政区划代码`);
  }
  return found[0];
}

export interface EmployerImportOutcome {
  result: ImportResult;
  report: string | null;
}

/**
 * `gonghui import employers FILE`: the same checked import the web app queues, run at once in this process
 * with a progress bar. Rows may only touch the subtree of `--org` (default: the whole city).
 */
export async function importEmployersFile(
  db: Kysely<Database>,
  file: string,
  opts: { org?: string; mode: ImportMode },
): Promise<EmployerImportOutcome> {
  if (!fs.existsSync(file)) throw new Error(`文件不存在：${file}`);
  const unit = await unitOf(db, opts.org);
  const actor = systemActor(unit.id, 'cli');
  const queued = await employerImportService.upload(
    db,
    actor,
    { fileName: path.basename(file), mode: opts.mode },
    fs.createReadStream(file),
  );
  const imp = await db
    .selectFrom('employer_import')
    .select('job_id')
    .where('id', '=', queued.id)
    .executeTakeFirstOrThrow();
  // Taken straight away by this process, so no server's runner picks it up meanwhile.
  const job = await jobQueue.claimById(db, imp.job_id!, 'cli');
  if (!job) throw new Error(`导入任务 ${imp.job_id} 已被其他进程领取`);
  const bar = progressReporter('导入单位名录');
  try {
    const result = await runEmployerImport(job, {
      db,
      progress: async (done, total) => bar.update(total === null ? '读取' : '校验', done, total ?? done),
    });
    bar.stop();
    await jobQueue.complete(db, job.id, result);
    const stored = await db
      .selectFrom('employer_import')
      .select('report')
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    let report: string | null = null;
    if (stored.report) {
      report = `${file.replace(/\.(csv|xlsx)$/i, '')}.错误报告.xlsx`;
      fs.writeFileSync(report, stored.report);
    }
    return { result, report };
  } catch (e) {
    bar.stop();
    await jobQueue.fail(
      db,
      { id: job.id, attempts: Number.MAX_SAFE_INTEGER },
      e instanceof Error ? e.message : String(e),
    );
    throw e;
  }
}

/** `gonghui export employers FILE`: every registered (not closed) employer, in the import template's columns. */
export async function exportEmployersFile(db: Kysely<Database>, file: string): Promise<number> {
  const date = today();
  const { n } = await db
    .selectFrom('employer')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('closed_on', 'is', null)
    .executeTakeFirstOrThrow();
  const bar = progressReporter('导出单位名录');
  let done = 0;
  const stream = exportEmployers(
    db,
    // The command line runs on the server itself, as the system: the export holds the whole city.
    employerRepository.stream(db, Scope.everywhere, date, { sort: 'name', order: 'asc' }),
    (rows) => {
      done += rows;
      bar.update('写入', done, n);
    },
  );
  try {
    await pipeline(stream, fs.createWriteStream(file));
  } finally {
    bar.stop();
  }
  return done;
}
