import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { composeResidentId } from '@gonghui/contracts';
import type { Database } from '../server/src/db/schema.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { loadMembersDemo } from '../server/src/demo/members-demo.ts';
import { systemActor } from '../server/src/platform/auth/actor.ts';
import { memberImportService } from '../server/src/modules/members/member-import.service.ts';
import { runMemberImport } from '../server/src/modules/members/member.import.ts';
import { memberService } from '../server/src/modules/members/member.service.ts';
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
 * substring scan, and a roster import (validation, encryption, staging, apply) against a raw COPY of the
 * same rows into a bare table.
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
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const queued = await memberImportService.upload(
      db,
      actor as never,
      { orgUnitId: city.id, fileName: 'bench.csv' },
      fs.createReadStream(file),
    );
    const job = await db
      .updateTable('job')
      .set({ status: 'running', locked_by: 'bench' })
      .where(
        'id',
        '=',
        (
          await db
            .selectFrom('member_import')
            .select('job_id')
            .where('id', '=', queued.id)
            .executeTakeFirstOrThrow()
        ).job_id!,
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const t1 = Date.now();
    const summary = await runMemberImport(job, { db, progress: async () => {} });
    const importSeconds = (Date.now() - t0) / 1000;
    const jobSeconds = (Date.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (summary.created !== want.rows)
      throw new Error(`import created ${summary.created} of ${want.rows}: ${JSON.stringify(summary)}`);
    const importRate = want.rows / importSeconds;
    console.log(
      `\nimport of a ${want.rows.toLocaleString('en')}-row CSV (upload, validation, encryption, staging, apply)`,
    );
    console.log(
      `  gonghui: ${importSeconds.toFixed(1)} s, ${Math.round(importRate).toLocaleString('en')} rows/s` +
        ` (upload ${((t1 - t0) / 1000).toFixed(1)} s, job ${jobSeconds.toFixed(1)} s;` +
        ` CPU used by this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`,
    );
    if (kind === 'postgres') {
      await sql`create table bench_copy_baseline (name text, resident_id text, phone text, ethnicity text, education text,
        household text, migrant text, new_form text, joined_on date)`.execute(db);
      const c0 = Date.now();
      await sql.raw(`copy bench_copy_baseline from '${file}' (format csv, header true)`).execute(db);
      const copySeconds = (Date.now() - c0) / 1000;
      const copyRate = want.rows / copySeconds;
      console.log(
        `  raw COPY of the same file into a bare table: ${copySeconds.toFixed(1)} s, ${Math.round(copyRate).toLocaleString('en')} rows/s`,
      );
      console.log(
        `  ratio (gonghui rows/s / COPY rows/s): ${(importRate / copyRate).toFixed(2)} (aim ≥ 0.5)`,
      );
      await sql`drop table bench_copy_baseline`.execute(db);
    } else {
      console.log(
        '  raw COPY baseline: measured on PostgreSQL only (the embedded database reads no server-side files)',
      );
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}
