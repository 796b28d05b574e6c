import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { composeResidentId } from '@gonghui/contracts';
import type { Database } from '../server/src/db/schema.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { loadMembersDemo } from '../server/src/modules/members/registry/member.demo.ts';
import { systemActor } from '../server/src/platform/auth/actor.ts';
import { runMemberImport } from '../server/src/modules/members/import/member-import.job.ts';
import { memberService } from '../server/src/modules/members/registry/member.service.ts';
import { importThreads } from '../server/src/modules/members/import/member-import.checkers.ts';
import { rosterBatches } from '../server/src/modules/members/import/member-import.csv.ts';
import { RosterIdentities, RowChecker } from '../server/src/modules/members/import/member-import.check.ts';
import { uploadRoster } from './import-job.ts';
import { today } from '../server/src/platform/orgs/dates.ts';
import { personalData } from '../server/src/platform/personal-data/personal-data.ts';
import { report, time } from './stats.ts';
import type {} from '../server/src/app.ts';

const CITY_MEMBERS = 3_000_000;
const CITY_IMPORT_ROWS = 1_000_000;

/** BENCH_MEMBERS / BENCH_IMPORT_ROWS, else a scale each database finishes in minutes here. */
function sizes(kind: DatabaseKind) {
  const members =
    Number(process.env.BENCH_MEMBERS) || (kind === 'postgres' ? CITY_MEMBERS / 15 : CITY_MEMBERS / 60);
  const rows =
    Number(process.env.BENCH_IMPORT_ROWS) ||
    (kind === 'postgres' ? CITY_IMPORT_ROWS / 10 : CITY_IMPORT_ROWS / 50);
  return { members, rows };
}

function rosterCsv(rows: number): string {
  const file = path.join(os.tmpdir(), `gonghui-bench-roster-${process.pid}.csv`);
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '姓名,身份证号码,手机号码,民族,文化程度,户籍类型,农民工,新就业形态,入会日期\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14_600) * 86_400_000).toISOString().slice(0, 10);
    const id = composeResidentId('110105', birth, Math.floor(i / 14_600) * 2 + (i % 2));
    chunk += `压测${'甲乙丙丁戊己庚辛'[i % 8]}${'子丑寅卯辰巳午未'[(i >> 3) % 8]}（演示）,${id},1${30 + (i % 70)}${String(i).padStart(8, '0')},汉族,高中,农村户籍,是,否,2011-0${(i % 9) + 1}-01\n`;
    if (chunk.length > 1_000_000) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  return file;
}

/**
 * Member search (name, pinyin initials, ID tail) over the whole city against a naive unindexed
 * substring scan, and a roster import (validation, encryption, staging, apply) against two raw COPYs in
 * the same run: of the file into a bare table, and of the same rows as stored into the member tables.
 */
export async function benchMembers(db: Kysely<Database>, kind: DatabaseKind) {
  const want = sizes(kind);
  const started = Date.now();
  await loadDemo(db);
  const employers = (
    await db
      .selectFrom('employer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
  for (;;) {
    const have = (
      await db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    if (have >= want.members) break;
    await loadMembersDemo(db, {
      maxPerEmployer: Math.ceil((want.members - have) / employers) + 1,
      seed: have,
    });
  }
  await sql`analyze member, member_history`.execute(db);
  const total = (
    await db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
  console.log(
    `Members: ${total.toLocaleString('en')} members (city scale is ${CITY_MEMBERS.toLocaleString('en')}), loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );

  const city = await db
    .selectFrom('org_unit')
    .select('id')
    .where('division_code', '=', '320500')
    .executeTakeFirstOrThrow();
  const actor = systemActor(city.id, 'bench');
  const page = { page: 1, pageSize: 20, sort: 'id' as const, order: 'asc' as const };
  const naive = (pattern: string) =>
    sql`select id, name from member where name like ${pattern} or name_pinyin like ${pattern} or resident_id_tail like ${pattern} order by id limit 20`.execute(
      db,
    );
  const cases: Array<[string, string]> = [
    ['name prefix 张伟', '张伟'],
    ['pinyin initials zw', 'zw'],
    ['ID tail 0034', '0034'],
  ];
  for (const [label, q] of cases) {
    const subject = await time(30, () => memberService.list(db, actor as never, { ...page, q }));
    const baseline = await time(10, () => naive(`%${q}%`));
    report(
      `search, ${label}, whole city (${total.toLocaleString('en')} members), first page of 20`,
      subject,
      baseline,
    );
  }

  const file = rosterCsv(want.rows);
  try {
    const stored = kind === 'postgres' ? await storedRowsCopy(db, file, city.id) : null;
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const job = await uploadRoster(db, actor as never, city.id, file);
    const t1 = Date.now();
    const summary = await runMemberImport(job, { db, progress: async () => {} });
    const importSeconds = (Date.now() - t0) / 1000;
    const jobSeconds = (Date.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (summary.created !== want.rows)
      throw new Error(`import created ${summary.created} of ${want.rows}: ${JSON.stringify(summary)}`);
    const importRate = want.rows / importSeconds;
    console.log(
      `\nimport of a ${want.rows.toLocaleString('en')}-row CSV (upload, validation, encryption, staging, apply; ${importThreads()} checking threads)`,
    );
    console.log(
      `  gonghui: ${importSeconds.toFixed(1)} s, ${Math.round(importRate).toLocaleString('en')} rows/s` +
        ` (upload ${((t1 - t0) / 1000).toFixed(1)} s, job ${jobSeconds.toFixed(1)} s;` +
        ` CPU used by this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`,
    );
    if (!stored) {
      console.log(
        '  raw COPY baselines: measured on PostgreSQL only (the embedded database reads no server-side files)',
      );
      return;
    }
    await sql`create table bench_copy_baseline (name text, resident_id text, phone text, ethnicity text, education text,
      household text, migrant text, new_form text, joined_on date)`.execute(db);
    const c0 = Date.now();
    await sql.raw(`copy bench_copy_baseline from '${file}' (format csv, header true)`).execute(db);
    const bareRate = want.rows / ((Date.now() - c0) / 1000);
    await sql`drop table bench_copy_baseline`.execute(db);
    const storedRate = want.rows / stored.seconds;
    console.log(
      `  raw COPY of the file into a bare table (no index, no check): ${Math.round(bareRate).toLocaleString('en')} rows/s; ratio ${(importRate / bareRate).toFixed(3)}`,
    );
    console.log(
      `  raw COPY of the same rows as stored (sealed, hashed, name keys) into member and member_history, with their` +
        ` indexes and constraints: ${stored.seconds.toFixed(1)} s, ${Math.round(storedRate).toLocaleString('en')} rows/s;` +
        ` ratio ${(importRate / storedRate).toFixed(2)} (aim ≥ 0.5)`,
    );
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * The database's own share of an import: the rows of the file, checked and sealed beforehand, copied
 * straight into `member` and `member_history` with every index and constraint in force, then rolled back
 * (and vacuumed away) so the import that follows meets the same table.
 */
async function storedRowsCopy(db: Kysely<Database>, csvFile: string, unionId: number) {
  const date = today();
  const identities = new RosterIdentities(personalData(), date);
  const checker = new RowChecker(personalData(), unionId, date, new Map([[unionId, '']]));
  const none = { employers: new Map(), liveByHash: new Map(), byRegistry: new Map(), leftByHash: new Map() };
  const { first } = (
    await sql<{ first: number }>`select coalesce(max(id), 0) + 1 as first from member`.execute(db)
  ).rows[0];
  const memberFile = `${csvFile}.member.tsv`;
  const historyFile = `${csvFile}.history.tsv`;
  const members = fs.openSync(memberFile, 'w');
  const spans = fs.openSync(historyFile, 'w');
  const cell = (v: unknown) =>
    v === null
      ? '\\N'
      : Buffer.isBuffer(v)
        ? `\\\\x${v.toString('hex')}`
        : typeof v === 'boolean'
          ? v
            ? 't'
            : 'f'
          : String(v);
  let id = first;
  for await (const lines of rosterBatches(fs.createReadStream(csvFile), 'csv', 5000)) {
    let m = '';
    let h = '';
    for (const line of lines) {
      const identity = identities.identify(line.row);
      const r = checker.check(line, identity, identities.repeats(line, identity, none), none);
      if (!('staged' in r) || !r.staged)
        throw new Error(`row ${line.rowNo} did not pass: ${JSON.stringify(r)}`);
      const s = r.staged;
      const hash = (hex: string | null) => (hex === null ? null : `\\\\x${hex}`);
      m += `${[id, s.name, s.name_pinyin, s.name_initials, s.resident_id_cipher, hash(s.resident_id_hash), s.resident_id_tail, s.gender, s.birth_date, s.phone_cipher, hash(s.phone_hash), s.ethnicity, s.education, s.household_type, s.migrant_worker, s.new_employment_form, s.employer_id, s.org_unit_id, 'active', s.joined_on, s.joined_on].map(cell).join('\t')}\n`;
      h += `${[id, s.org_unit_id, s.employer_id, 'active', s.joined_on, 'import'].map(cell).join('\t')}\n`;
      id++;
    }
    fs.writeSync(members, m);
    fs.writeSync(spans, h);
  }
  fs.closeSync(members);
  fs.closeSync(spans);
  let seconds = 0;
  try {
    await db
      .transaction()
      .execute(async (trx) => {
        const t0 = Date.now();
        await sql
          .raw(
            `copy member (id, name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash,
          resident_id_tail, gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type,
          migrant_worker, new_employment_form, employer_id, org_unit_id, status, status_since, joined_on)
          from '${memberFile}'`,
          )
          .execute(trx);
        await sql
          .raw(
            `copy member_history (member_id, org_unit_id, employer_id, status, valid_from, change)
          from '${historyFile}'`,
          )
          .execute(trx);
        seconds = (Date.now() - t0) / 1000;
        throw new RolledBack();
      })
      .catch((e: unknown) => {
        if (!(e instanceof RolledBack)) throw e;
      });
  } finally {
    fs.rmSync(memberFile, { force: true });
    fs.rmSync(historyFile, { force: true });
  }
  await sql`vacuum member, member_history`.execute(db);
  return { seconds };
}

class RolledBack extends Error {}
