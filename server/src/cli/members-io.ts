import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { jobQueue } from '../platform/jobs/job.queue.ts';
import {
  memberImportService,
  runMemberImport,
  exportFilter,
  memberRosterExport,
  memberRepository,
  readRoster,
  rosterWriter,
} from '../modules/members/index.ts';
import { recordReveal } from '../platform/personal-data/reveal.ts';
import { progressReporter } from './progress.ts';
import { Scope } from '../platform/scope.ts';

async function rootUnit(db: Kysely<Database>) {
  const root = await db
    .selectFrom('org_unit_version')
    .select(['org_unit_id as id', 'path'])
    .where('parent_id', 'is', null)
    .where('valid_to', 'is', null)
    .orderBy('org_unit_id')
    .executeTakeFirst();
  if (!root) throw new Error('数据库中还没有组织，请先创建根组织（gonghui user add）');
  return root;
}

/** Finds a union by its number or its administrative division code. */
async function unionOf(db: Kysely<Database>, ref: string): Promise<number> {
  const byCode = await db
    .selectFrom('org_unit')
    .select('id')
    .where('division_code', '=', ref)
    .executeTakeFirst();
  if (byCode) return byCode.id;
  const n = Number(ref);
  if (Number.isInteger(n) && n > 0 && n <= 2147483647) {
    const byId = await db.selectFrom('org_unit').select('id').where('id', '=', n).executeTakeFirst();
    if (byId) return byId.id;
  }
  throw new Error(`找不到工会“${ref}”：请给出组织编号或行政区划代码`);
}

/**
 * The union a roster file is for when `--union` is not given: each row names its own (所属工会编号, as the
 * export writes it), so the file is for that union when all rows name one, else for the whole city. A row
 * that leaves it empty needs `--union`, and the message names the first such row.
 */
async function unionOfRows(db: Kysely<Database>, file: string, cityId: number): Promise<number> {
  const named = new Set<string>();
  const format = /\.csv$/i.test(file) ? 'csv' : 'xlsx';
  for await (const line of readRoster(fs.createReadStream(file), format)) {
    const union = line.row.orgUnitId.trim();
    if (!union) {
      throw new Error(
        `第 ${line.rowNo} 行的“所属工会编号”为空：请在文件中填写，或用 --union 指定这些行所属的工会`,
      );
    }
    named.add(union);
  }
  const [only] = named;
  return named.size === 1 && /^\d{1,9}$/.test(only) ? await unionOf(db, only) : cityId;
}

/**
 * `gonghui import members FILE [--union X]`: the same checked, all-or-nothing import the web app runs.
 * Rows go to their own 所属工会编号; `--union` is needed only for rows that leave it empty.
 */
export async function importMembersFile(
  db: Kysely<Database>,
  file: string,
  union: string | undefined,
  options: { acceptNameChanges?: boolean } = {},
) {
  if (!fs.existsSync(file)) throw new Error(`文件不存在：${file}`);
  const root = await rootUnit(db);
  const actor = systemActor(root.id, 'cli');
  const orgUnitId = union === undefined ? await unionOfRows(db, file, root.id) : await unionOf(db, union);
  const queued = await memberImportService.upload(
    db,
    actor,
    { orgUnitId, fileName: path.basename(file) },
    fs.createReadStream(file),
    options,
  );
  const imp = await db
    .selectFrom('member_import')
    .select('job_id')
    .where('id', '=', queued.id)
    .executeTakeFirstOrThrow();
  // Taken straight away by this process, so no server's runner picks it up meanwhile.
  const job = await jobQueue.claimById(db, imp.job_id!, 'cli');
  if (!job) throw new Error(`导入任务 ${imp.job_id} 已被其他进程领取`);
  const bar = progressReporter('导入会员名册');
  try {
    const summary = await runMemberImport(job, {
      db,
      progress: async (done, total) => bar.update('读取并校验', done, total ?? done),
    });
    await jobQueue.complete(db, job.id, summary);
    bar.stop();
    return { importId: queued.id, summary };
  } catch (e) {
    bar.stop();
    await jobQueue.fail(db, { id: job.id, attempts: 99 }, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

/** Writes the error report of an import next to the file, when there is one. */
export async function writeImportReport(
  db: Kysely<Database>,
  importId: number,
  file: string,
): Promise<string | null> {
  const r = await db
    .selectFrom('member_import')
    .select('report')
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!r?.report) return null;
  const out = file.replace(/\.(csv|xlsx)$/i, '') + '.错误报告.xlsx';
  fs.writeFileSync(out, r.report);
  return out;
}

/** Writes the rows an import held apart (other unions' members, changed names) next to the file, if any. */
export async function writeHeldReport(
  db: Kysely<Database>,
  importId: number,
  file: string,
): Promise<string | null> {
  const rows = await db
    .selectFrom('member_import_held')
    .select(['row_no', 'name', 'resident_id_masked', 'message'])
    .where('import_id', '=', importId)
    .orderBy('row_no')
    .execute();
  if (rows.length === 0) return null;
  const out = file.replace(/\.(csv|xlsx)$/i, '') + '.未导入的行.xlsx';
  const w = rosterWriter('未导入的行', ['行号', '说明']);
  const written = pipeline(w.stream, fs.createWriteStream(out));
  for (const r of rows)
    w.add({ name: r.name, residentId: r.resident_id_masked }, [String(r.row_no), r.message]);
  await w.finish();
  await written;
  return out;
}

/** `gonghui export members FILE`: every member, IDs masked unless a reason to reveal them is given. */
export async function exportMembersFile(db: Kysely<Database>, file: string, revealReason: string | null) {
  const root = await rootUnit(db);
  if (revealReason !== null) {
    await recordReveal(db, systemActor(root.id, 'cli'), {
      entityType: 'member_export',
      entityId: 0,
      field: 'residentId,phone',
      reason: revealReason,
      scopePath: root.path,
    });
  }
  // The command line runs on the server itself, as the system: the export holds the whole city.
  const city = Scope.everywhere;
  const filter = await exportFilter(db, city, {});
  const bar = progressReporter('导出会员名册');
  const total = (await memberRepository.list(db, city, filter, 'id', 'asc', { limit: 0, offset: 0 })).total;
  const stream = memberRosterExport(db, city, filter, {
    reveal: revealReason !== null,
    onRows: async (written) => bar.update('写入', written, Math.max(total, written)),
  });
  try {
    await pipeline(stream, fs.createWriteStream(file));
  } finally {
    bar.stop();
  }
}
