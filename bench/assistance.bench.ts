import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { listCasesQuery } from '@gonghui/contracts';
import { migrateToLatest, openDatabase } from '../server/src/db/database.ts';
import type { Database } from '../server/src/db/schema.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { caseService } from '../server/src/modules/assistance/cases/case.service.ts';
import { systemActor } from '../server/src/platform/auth/actor.ts';
import { today } from '../server/src/platform/orgs/dates.ts';
import { usePersonalDataSecret } from '../server/src/platform/personal-data/personal-data.ts';
import { inScope, scopeOf } from '../server/src/platform/scope.ts';
import { createPostgresDatabase, databaseUrlOf, dropPostgresDatabase } from '../server/test/database.ts';
import { time, type Timing } from './stats.ts';

/** The city-scale assistance data set, kept between runs; a new version of its generator gets a new name. */
export const ASSISTANCE_TEMPLATE = 'gonghui_bench_assistance_v1';
const CASES = 1_000_000;
const ARCHIVES = 100_000;
const PEOPLE = 200_000;
const RUNS = 100;
const GOAL_P95_MS = 20;
const BENCH_SECRET = crypto.createHash('sha256').update('gonghui-bench-assistance').digest();
const TYPES = ['legal_aid', 'petition', 'living_aid', 'mutual_insurance', 'employment', 'mediation'];

async function withAdmin<T>(adminUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const one = async <T>(db: Kysely<Database>, q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0];

/**
 * A million cases over five years across the demo city's towns and villages, set by set: one in 33 still
 * open (received in the last four months, so about two in three of those are overdue), a third escalated
 * to the unit above; and a hundred thousand hardship archives with their heads.
 */
async function loadCityCases(db: Kysely<Database>) {
  const cipher = usePersonalDataSecret(BENCH_SECRET);
  const sealed = Buffer.from(cipher.encrypt('（基准测试）'));
  const day = today();
  await sql`drop table if exists bench_unit`.execute(db);
  await sql`create table bench_unit as
    select row_number() over (order by u.id)::int as rn, u.id, v.parent_id
    from org_unit u join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
    where u.closed_on is null and u.level in ('town', 'village') and u.kind <> 'grassroots_union'`.execute(
    db,
  );
  const { units } = await one(db, sql<{ units: number }>`select count(*)::int as units from bench_unit`);
  await sql`
    insert into assistance_person (name, resident_id_cipher, resident_id_hash, resident_id_tail)
    select '基准职工' || i, ${sealed}::bytea, decode(md5('bench-person-' || i), 'hex'), lpad((i % 10000)::text, 4, '0')
    from generate_series(1, ${PEOPLE}) i`.execute(db);
  const { first } = await one(
    db,
    sql<{ first: number }>`select min(id)::int as first from assistance_person where name like '基准职工%'`,
  );
  const chunk = 250_000;
  for (let from = 1; from <= CASES; from += chunk) {
    const to = Math.min(CASES, from + chunk - 1);
    await sql`
      insert into assistance_case (number, case_type, status, subject, narrative_cipher, person_id,
        intake_unit_id, handling_unit_id, received_on, accepted_on, closed_on, outcome, deadline_kind,
        due_on, warn_on, handling_working_days, updated_at)
      select 'BENCH-' || x.i, (${TYPES}::text[])[1 + x.i % 6], case when x.open then 'in_progress' else 'resolved' end,
        '基准测试事由', ${sealed}::bytea, ${first} + x.i % ${PEOPLE}, x.unit,
        case when x.i % 3 = 0 and x.parent is not null then x.parent else x.unit end,
        x.received, x.received + 1, case when not x.open then x.received + 10 end,
        case when not x.open then '已办结' end, case when x.open then 'handle' end,
        case when x.open then x.received + 40 end, case when x.open then x.received + 36 end,
        case when not x.open then 7 end, now()
      from (
        select i, i % 33 = 0 as open, u.id as unit, u.parent_id as parent,
          ${day}::date - (case when i % 33 = 0 then i % 120 else i % 1800 end)::int as received
        from generate_series(${from}::bigint, ${to}::bigint) i
        join bench_unit u on u.rn = 1 + (i * 48271) % ${units}
      ) x`.execute(db);
    console.log(`  cases ${to.toLocaleString('en')} of ${CASES.toLocaleString('en')}`);
  }
  await sql`insert into assistance_case_unit (case_id, org_unit_id)
    select id, intake_unit_id from assistance_case where number like 'BENCH-%'
    union all select id, handling_unit_id from assistance_case where number like 'BENCH-%' and handling_unit_id <> intake_unit_id
    on conflict do nothing`.execute(db);
  const { line } = await one(
    db,
    sql<{ line: number }>`select id as line from org_unit where level = 'county' order by id limit 1`,
  );
  await sql`
    insert into hardship_archive (org_unit_id, unavoidable_expense_fen, category, rule_version, line_unit_id,
      line_year, line_monthly_fen, annual_income_fen, household_size, per_capita_monthly_fen, status, review_due_on)
    select u.id, 0, (array['deep', 'relative', 'sudden', 'none'])[1 + i % 4], '2026-1', ${line},
      2026, 109500, 1000000 + i % 100000, 3, 30000, case when i % 10 = 0 then 'exited' else 'active' end,
      ${day}::date - 180 + i % 365
    from generate_series(1, ${ARCHIVES}) i join bench_unit u on u.rn = 1 + (i * 7919) % ${units}`.execute(db);
  await sql`
    insert into hardship_member (archive_id, name, relation, resident_id_cipher, resident_id_hash, resident_id_tail,
      health, annual_income_fen)
    select a.id, '基准户主' || a.id, 'head', ${sealed}::bytea, decode(md5('bench-head-' || a.id), 'hex'),
      lpad((a.id % 10000)::text, 4, '0'), 'healthy', a.annual_income_fen
    from hardship_archive a where not exists (select 1 from hardship_member m where m.archive_id = a.id)`.execute(
    db,
  );
  await sql`drop table bench_unit`.execute(db);
}

/** Builds the template once: the demo city with the city-scale cases and archives; a kept one is migrated in place. */
export async function ensureAssistanceTemplate(adminUrl: string): Promise<string[]> {
  usePersonalDataSecret(BENCH_SECRET);
  const exists = await withAdmin(
    adminUrl,
    async (c) =>
      (await c.query('select 1 from pg_database where datname = $1', [ASSISTANCE_TEMPLATE])).rowCount === 1,
  );
  if (exists) {
    const kept = await openDatabase({
      databaseUrl: databaseUrlOf(adminUrl, ASSISTANCE_TEMPLATE),
      poolSize: 1,
    });
    try {
      const ran = await migrateToLatest(kept.db);
      if (ran.length > 0) await sql`vacuum analyze`.execute(kept.db);
      return ran;
    } finally {
      await kept.close();
    }
  }
  const building = `${ASSISTANCE_TEMPLATE}_building`;
  console.log(
    `Building the city-scale assistance data set ${ASSISTANCE_TEMPLATE} (once; kept for later runs) …`,
  );
  const started = Date.now();
  await dropPostgresDatabase(adminUrl, building);
  await createPostgresDatabase(adminUrl, building, null);
  const handle = await openDatabase({ databaseUrl: databaseUrlOf(adminUrl, building), poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    await loadDemo(handle.db);
    console.log(`  demo city loaded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    await loadCityCases(handle.db);
    await sql`vacuum analyze`.execute(handle.db);
  } finally {
    await handle.close();
  }
  await withAdmin(adminUrl, (c) => c.query(`alter database ${building} rename to ${ASSISTANCE_TEMPLATE}`));
  console.log(`  built in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  return [];
}

/**
 * The naive way to the same figure: every open case of the table read in order of its due date, its
 * handling chain looked up for each, no index used (the planner's index scans switched off).
 */
async function naive<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_indexscan = off`.execute(trx);
    await sql`set local enable_bitmapscan = off`.execute(trx);
    await sql`set local enable_indexonlyscan = off`.execute(trx);
    return work(trx);
  });
}

/**
 * The overdue list (its first page with its total, as the list page asks) and the workbench's overdue
 * count at city scale, for the city, a county-level city and a town, p95 against the same queries made
 * by a naive scan in the same run. PostgreSQL only.
 */
export async function benchAssistance() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log('assistance: city scale is measured on PostgreSQL only; set DATABASE_URL');
    return;
  }
  usePersonalDataSecret(BENCH_SECRET);
  const migrated = await ensureAssistanceTemplate(adminUrl);
  const name = `gonghui_bench_assistance_${crypto.randomBytes(4).toString('hex')}`;
  const t0 = Date.now();
  await createPostgresDatabase(adminUrl, name, ASSISTANCE_TEMPLATE);
  const handle = await openDatabase({ databaseUrl: databaseUrlOf(adminUrl, name) });
  const db = handle.db;
  try {
    const ran = [...migrated, ...(await migrateToLatest(db))];
    if (ran.length > migrated.length) await sql`analyze`.execute(db);
    const counts = await one(
      db,
      sql<{ c: number; a: number; open: number }>`select (select count(*) from assistance_case)::int as c,
        (select count(*) from hardship_archive)::int as a,
        (select count(*) from assistance_case where closed_on is null)::int as open`,
    );
    console.log(
      `Assistance at city scale: ${counts.c.toLocaleString('en')} cases (${counts.open.toLocaleString('en')} open), ` +
        `${counts.a.toLocaleString('en')} archives (copy of ${ASSISTANCE_TEMPLATE} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s)\n`,
    );
    const units = await sql<{ label: string; id: number }>`
      select '全市' as label, u.id from org_unit u join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
        where v.parent_id is null order by u.id limit 1`.execute(db);
    const more = await sql<{ label: string; id: number }>`
      select case when division_code = '320581' then '常熟市' else '董浜镇' end as label, id from org_unit
      where division_code in ('320581', '320581107') order by length(division_code)`.execute(db);
    const day = today();
    const query = listCasesQuery.parse({ clock: 'overdue', open: 'true', sort: 'dueOn', order: 'asc' });
    const rows: string[][] = [];
    let worst = 0;
    for (const unit of [...units.rows, ...more.rows]) {
      const actor = systemActor(unit.id, 'bench');
      const scope = await scopeOf(db, actor);
      const list = await caseService.list(db, actor, query);
      const count = await caseService.countOverdue(db, scope);
      const naiveCount = () =>
        naive(db, (trx) =>
          sql`select count(*)::int as n from assistance_case c
            where c.closed_on is null and c.paused_since is null and c.due_on < ${day}
            and exists (select 1 from assistance_case_unit cu join org_unit_version cv on cv.org_unit_id = cu.org_unit_id
              and cv.valid_to is null where cu.case_id = c.id and ${inScope('cv.path', scope)})`.execute(trx),
        );
      const { rows: check } = await naiveCount();
      if ((check[0] as { n: number }).n !== count)
        throw new Error(`${unit.label}: count ${count} ≠ naive ${(check[0] as { n: number }).n}`);
      const measures: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
        [
          '超期案件列表（首页及总数）',
          () => caseService.list(db, actor, query),
          () => naive(db, (trx) => caseService.list(trx, actor, query)),
        ],
        ['工作台超期件数', () => caseService.countOverdue(db, scope), naiveCount],
      ];
      for (const [what, fast, slow] of measures) {
        const a: Timing = await time(RUNS, fast);
        const b: Timing = await time(Math.max(5, Math.floor(RUNS / 10)), slow);
        worst = Math.max(worst, a.p95);
        rows.push([
          `${unit.label} ${what}`,
          `${list.total.toLocaleString('en')}${list.totalCapped ? '+' : ''} / ${count.toLocaleString('en')}`,
          a.p50.toFixed(2),
          a.p95.toFixed(2),
          b.p95.toFixed(1),
          (b.p95 / a.p95).toFixed(0),
        ]);
      }
    }
    const header = ['query', 'list total / count', 'p50 ms', 'p95 ms', 'naive p95 ms', 'naive ÷'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
    console.log(
      `\nworst p95 ${worst.toFixed(2)} ms (goal ≤ ${GOAL_P95_MS} ms): ${worst <= GOAL_P95_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    await handle.close();
    await dropPostgresDatabase(adminUrl, name);
  }
}
