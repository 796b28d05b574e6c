import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { makeCreditCode, type ImportMode } from '@gonghui/contracts';
import type { Database } from '../server/src/db/schema.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { systemActor, type Actor } from '../server/src/platform/auth/actor.ts';
import { jobQueue } from '../server/src/platform/jobs/job.queue.ts';
import { employerImportService } from '../server/src/modules/employers/import/employer-import.service.ts';
import {
  runEmployerImport,
  type ImportResult,
} from '../server/src/modules/employers/import/employer-import.job.ts';
import {
  sheetColumns,
  sheetWriter,
  type SheetKey,
} from '../server/src/modules/employers/import/employer.sheet.ts';
import type {} from '../server/src/app.ts';

const CITY_IMPORT_ROWS = 100_000;

/** BENCH_EMPLOYER_ROWS, else the full 100,000 rows on PostgreSQL and a fifth of them on in-memory PGlite. */
function rowsWanted(kind: DatabaseKind): number {
  const given = Number(process.env.BENCH_EMPLOYER_ROWS);
  if (Number.isInteger(given) && given > 0) return given;
  return kind === 'postgres' ? CITY_IMPORT_ROWS : CITY_IMPORT_ROWS / 5;
}

const INDUSTRIES = ['13', '18', '29', '34', '39', '47', '52', '61', '72', '81'];
const CATEGORIES = ['170', '170', '170', '200', '300'];

/** Row i of the synthetic directory: a mix of statuses with their dates, as a county's 名录 would have. */
function employerCells(i: number, locality: string): Record<SheetKey, string> {
  const year = 2000 + (i % 11);
  const registeredOn = `${year}-0${(i % 9) + 1}-1${i % 10}`;
  const union = i % 100 === 0 ? '单独建会' : i % 3 === 0 ? '联合建会' : i % 7 === 0 ? '筹建中' : '未建会';
  const party = i % 5 === 0 ? '联合组建' : i % 17 === 0 ? '单独组建' : '未建党组织';
  const instructor = i % 4 === 0;
  return {
    creditCode: makeCreditCode('9', '1', locality.slice(0, 6), 500_000_000 + i),
    name: `压测${'东南西北中'[i % 5]}${'精密电子纺织机械物流'[i % 10]}${i}有限公司（演示）`,
    unitCategory: CATEGORIES[i % CATEGORIES.length],
    industryCode: INDUSTRIES[i % INDUSTRIES.length],
    employees: String(5 + ((i * 37) % 600)),
    aboveScale: i % 9 === 0 ? '是' : '否',
    localityCode: locality,
    localityName: '',
    address: `演示路 ${i % 500} 号`,
    contactName: `联系人${i % 1000}`,
    contactPhone: `0512-6${String(i % 10_000_000).padStart(7, '0')}`,
    registeredOn,
    unionStatus: union,
    unionSince: union === '未建会' ? '' : `2011-0${(i % 9) + 1}-01`,
    partyStatus: party,
    partySince: party === '未建党组织' ? '' : `2011-1${i % 3}-15`,
    instructorName: instructor ? `指导员${i % 300}` : '',
    instructorSince: instructor ? `2011-0${(i % 9) + 1}-20` : '',
  };
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes the same rows as .xlsx (the app's streaming sheet writer) and as .csv. */
async function writeFiles(rows: number, localities: string[]) {
  const base = path.join(os.tmpdir(), `gonghui-bench-employers-${process.pid}`);
  const csvFile = `${base}.csv`;
  const out = fs.openSync(csvFile, 'w');
  fs.writeSync(out, `${sheetColumns.map((c) => c.header).join(',')}\n`);
  const writer = sheetWriter();
  const xlsxFile = `${base}.xlsx`;
  const written = pipeline(writer.stream, fs.createWriteStream(xlsxFile));
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const cells = employerCells(i, localities[i % localities.length]);
    const values = sheetColumns.map((c) => cells[c.key]);
    writer.add(values);
    chunk += `${values.map(quote).join(',')}\n`;
    if (chunk.length > 1_000_000) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  await writer.finish();
  await written;
  return { csvFile, xlsxFile };
}

interface Phases {
  /** Upload (the file is stored in the database) and reading the sheet. */
  read: number;
  check: number;
  apply: number;
}

/**
 * One import the way the web app and `gonghui import employers` run it: the upload stores the file and
 * queues a job, which is claimed and run here. The phases come from the job's progress reports.
 */
async function importOnce(db: Kysely<Database>, actor: Actor, file: string, mode: ImportMode) {
  const t0 = performance.now();
  const queued = await employerImportService.upload(
    db,
    actor,
    { fileName: path.basename(file), mode },
    fs.createReadStream(file),
  );
  const { job_id } = await db
    .selectFrom('employer_import')
    .select('job_id')
    .where('id', '=', queued.id)
    .executeTakeFirstOrThrow();
  const job = await jobQueue.claimById(db, job_id!, 'bench');
  if (!job) throw new Error(`job ${job_id} was claimed by someone else`);
  let readDone = 0;
  let checkDone = 0;
  const result = await runEmployerImport(job, {
    db,
    progress: async (done, total) => {
      if (total !== null && done === 0 && !readDone) readDone = performance.now();
      if (total !== null && done === total) checkDone = performance.now();
    },
  });
  await jobQueue.complete(db, job.id, result);
  const end = performance.now();
  const phases: Phases = {
    read: (readDone - t0) / 1000,
    check: (checkDone - readDone) / 1000,
    apply: (end - checkDone) / 1000,
  };
  return { result, seconds: (end - t0) / 1000, phases };
}

const counts = async (db: Kysely<Database>) =>
  (
    await sql<{ employers: number; changes: number; audits: number; units: number }>`
      select (select count(*)::int from employer) as employers,
             (select count(*)::int from employer_status_change) as changes,
             (select count(*)::int from audit_log) as audits,
             (select count(*)::int from org_unit) as units`.execute(db)
  ).rows[0];

function expectResult(what: string, got: ImportResult, want: Partial<ImportResult>) {
  for (const [k, v] of Object.entries(want)) {
    if (got[k as keyof ImportResult] !== v) throw new Error(`${what}: ${JSON.stringify(got)}`);
  }
}

const rate = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en');
const line = (label: string, rows: number, seconds: number) =>
  console.log(`  ${label}: ${seconds.toFixed(1)} s, ${rate(rows, seconds)} rows/s`);
const phaseLine = (p: Phases) =>
  console.log(
    `    (upload and read ${p.read.toFixed(1)} s, check and plan ${p.check.toFixed(1)} s, apply ${p.apply.toFixed(1)} s)`,
  );

/** The bare table of the baseline: the template's columns, typed as the employer table types them. */
const bareColumns = sheetColumns
  .map((c) => {
    if (c.key === 'employees') return `${c.key} int`;
    if (c.key === 'registeredOn' || c.key.endsWith('Since')) return `"${c.key}" date`;
    return `"${c.key}" text`;
  })
  .join(', ');

/** Raw load of the same rows into a bare table: COPY of the CSV on PostgreSQL, batched INSERTs on PGlite. */
async function baseline(db: Kysely<Database>, kind: DatabaseKind, csvFile: string, rows: number) {
  await sql.raw(`create table bench_employer_baseline (${bareColumns})`).execute(db);
  try {
    const t0 = performance.now();
    if (kind === 'postgres') {
      await sql.raw(`copy bench_employer_baseline from '${csvFile}' (format csv, header true)`).execute(db);
    } else {
      const all = fs
        .readFileSync(csvFile, 'utf8')
        .split('\n')
        .slice(1, rows + 1);
      const employeesAt = sheetColumns.findIndex((c) => c.key === 'employees');
      for (let i = 0; i < all.length; i += 1000) {
        const tuples = all.slice(i, i + 1000).map((l) => {
          const cells = l.split(',').map((v, j) => (v === '' ? null : j === employeesAt ? Number(v) : v));
          return sql`(${sql.join(cells)})`;
        });
        await sql`insert into bench_employer_baseline values ${sql.join(tuples)}`.execute(db);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const { n } = (
      await sql<{ n: number }>`select count(*)::int as n from bench_employer_baseline`.execute(db)
    ).rows[0];
    if (n !== rows) throw new Error(`baseline loaded ${n} of ${rows} rows`);
    return seconds;
  } finally {
    await sql`drop table bench_employer_baseline`.execute(db);
  }
}

/**
 * The employer directory import (read, check, plan against the stored employers, apply with status
 * history, tallies and audit) of a new file and of the same file again, against a raw load of the same
 * rows into a bare table.
 */
export async function benchEmployerImport(db: Kysely<Database>, kind: DatabaseKind) {
  const rows = rowsWanted(kind);
  await loadDemo(db);
  const city = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
    )
    .select(['u.id', 'v.path'])
    .where('u.division_code', '=', '320500')
    .executeTakeFirstOrThrow();
  const localities = (
    await db
      .selectFrom('org_unit as u')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
      )
      .select('u.division_code')
      .where('u.kind', '!=', 'grassroots_union')
      .where('u.closed_on', 'is', null)
      .where(sql<boolean>`length(u.division_code) in (9, 12)`)
      .where('v.path', 'like', `${city.path}%`)
      .orderBy('u.division_code')
      .execute()
  ).map((r) => r.division_code!);
  const { csvFile, xlsxFile } = await writeFiles(rows, localities);
  const mb = (f: string) => (fs.statSync(f).size / 1e6).toFixed(1);
  console.log(
    `Employer import: ${rows.toLocaleString('en')} rows over ${localities.length.toLocaleString('en')} demo towns and villages (.xlsx ${mb(xlsxFile)} MB, .csv ${mb(csvFile)} MB)`,
  );
  const actor = systemActor(city.id, 'bench');
  try {
    const fresh = await importOnce(db, actor, xlsxFile, 'all_or_nothing');
    expectResult('first import', fresh.result, { created: rows, invalid: 0, applied: true });
    line('gonghui, new .xlsx', rows, fresh.seconds);
    phaseLine(fresh.phases);

    const before = await counts(db);
    const again = await importOnce(db, actor, xlsxFile, 'all_or_nothing');
    expectResult('same .xlsx again', again.result, { unchanged: rows, invalid: 0 });
    const csvAgain = await importOnce(db, actor, csvFile, 'all_or_nothing');
    expectResult('same .csv again', csvAgain.result, { unchanged: rows, invalid: 0 });
    const after = await counts(db);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      throw new Error(
        `importing the same rows again changed ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
      );
    }
    line('gonghui, same .xlsx again (nothing changes)', rows, again.seconds);
    phaseLine(again.phases);
    line('gonghui, same rows as .csv again (nothing changes)', rows, csvAgain.seconds);
    phaseLine(csvAgain.phases);

    const raw = await baseline(db, kind, csvFile, rows);
    line(
      kind === 'postgres'
        ? 'baseline, raw COPY of the .csv into a bare table'
        : 'baseline, INSERT of the same rows in batches of 1,000 into a bare table',
      rows,
      raw,
    );
    console.log(
      `  ratio (gonghui rows/s / baseline rows/s): new ${(raw / fresh.seconds).toFixed(3)}, again ${(raw / again.seconds).toFixed(3)}`,
    );
  } finally {
    fs.rmSync(csvFile, { force: true });
    fs.rmSync(xlsxFile, { force: true });
  }
}
