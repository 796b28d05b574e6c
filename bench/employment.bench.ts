import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { employmentBench } from '../server/src/modules/employment/index.ts';
import { today } from '../server/src/platform/orgs/dates.ts';
import { scopeOf } from '../server/src/platform/scope.ts';
import { report, time } from './stats.ts';
// The app's request augmentations (request.actor, cookies), which the demo loader's modules compile against.
import type {} from '../server/src/app.ts';

const CITY_SEEKERS = 200_000;
const CITY_POSITIONS = 50_000;

/** Seekers and positions to add: BENCH_SEEKERS / BENCH_POSITIONS, else city scale on PostgreSQL, a tenth on PGlite. */
function wanted(kind: DatabaseKind) {
  const share = kind === 'postgres' ? 1 : 0.1;
  const seekers = Number(process.env.BENCH_SEEKERS) || CITY_SEEKERS * share;
  const positions = Number(process.env.BENCH_POSITIONS) || CITY_POSITIONS * share;
  return { seekers: Math.round(seekers), positions: Math.round(positions) };
}

const CATEGORIES = [
  'domestic',
  'manufacturing',
  'catering',
  'retail',
  'logistics',
  'construction',
  'care',
  'cleaning',
  'office',
  'technician',
  'it',
  'other',
];
const SKILLS = [
  '育婴',
  '烹饪',
  '保洁',
  '设备操作',
  '质检',
  '收银',
  '销售',
  '叉车',
  '护理',
  '办公软件',
  '数控',
  '电工证',
  '焊接',
  '编程',
];
const SUITS = ['disabled', 'women', 'migrant', 'laid_off', 'graduate', 'older'];
const SITUATIONS = ['laid_off', 'unemployed', 'migrant', 'disabled', 'graduate', 'other'];

/** Fairs over the last half year in every county, 10 employers each, and positions spread over them, in SQL. */
export async function loadScale(db: Kysely<Database>, n: { seekers: number; positions: number }) {
  const fairs = Math.max(10, Math.round(n.positions / 100));
  await sql`select setseed(0.42)`.execute(db);
  await sql`
    insert into job_fair (title, category, held_on, venue, org_unit_id)
    select '基准招聘会' || i, (array['general','disabled','women','domestic','migrant','technician'])[1 + i % 6],
      current_date - (i % 180), '基准会场', u.id
    from generate_series(1, ${fairs}) i
    join lateral (select id from org_unit where level in ('city', 'county') and closed_on is null
      order by id offset (i % 10) limit 1) u on true`.execute(db);
  await sql`
    insert into job_fair_employer (fair_id, name, credit_code)
    select f.id, '基准企业' || f.id || '-' || k, 'BENCH' || f.id || '-' || k
    from job_fair f cross join generate_series(1, 10) k where f.title like '基准招聘会%'`.execute(db);
  await sql`
    insert into job_position (fair_id, fair_employer_id, title, job_category, openings, pay_min_fen, pay_max_fen, skills, suitability)
    select fe.fair_id, fe.id, '基准岗位', (${CATEGORIES}::text[])[1 + floor(random() * 12)::int],
      1 + floor(random() * 10)::int, m, m + 100000 + floor(random() * 300000)::int,
      array[(${SKILLS}::text[])[1 + floor(random() * 14)::int], (${SKILLS}::text[])[1 + floor(random() * 14)::int]],
      case when random() < 0.5 then array[(${SUITS}::text[])[1 + floor(random() * 6)::int]] else '{}' end
    from (select fe.*, row_number() over () as r from job_fair_employer fe where fe.credit_code like 'BENCH%') fe
    cross join generate_series(1, ceil(${n.positions}::numeric / (${fairs} * 10))::int) k
    cross join lateral (select 250000 + floor(random() * 500000)::int as m) pay
    limit ${n.positions}`.execute(db);
  // Seekers with stand-in sealed IDs: the benchmark reads matches, never the IDs themselves.
  await sql`
    insert into job_seeker (name, gender, birth_date, resident_id_cipher, resident_id_hash, resident_id_tail, is_member,
      situation, skills, wished_categories, wished_pay_min_fen, org_unit_id, registered_via, registered_on, status, status_since)
    select '基准求职者' || i, case when i % 2 = 0 then 'female' else 'male' end, date '1970-01-01' + (i % 12000),
      decode(md5('c' || i), 'hex'), decode(md5('h' || i), 'hex'), lpad((i % 10000)::text, 4, '0'), false,
      (${SITUATIONS}::text[])[1 + i % 6],
      array[(${SKILLS}::text[])[1 + floor(random() * 14)::int]],
      array[(${CATEGORIES}::text[])[1 + floor(random() * 12)::int], (${CATEGORIES}::text[])[1 + floor(random() * 12)::int]],
      case when random() < 0.6 then 300000 + floor(random() * 300000)::int end,
      u.id, 'office', current_date - (i % 300), (array['registered','recommended','placed','left'])[1 + i % 4], current_date - (i % 300)
    from generate_series(1, ${n.seekers}) i
    join lateral (select id from org_unit where level = 'town' and closed_on is null order by id offset (i % 100) limit 1) u on true`.execute(
    db,
  );
  await sql`analyze`.execute(db);
}

/**
 * Matching at city scale (200,000 seekers, 50,000 positions on PostgreSQL): the ranked query against a
 * naive scan that reads every open position (or every looking seeker) and scores it in JavaScript; then
 * the dashboard's yearly figures against counting the raw rows in JavaScript.
 */
export async function benchEmployment(db: Kysely<Database>, kind: DatabaseKind) {
  const n = wanted(kind);
  const started = Date.now();
  await loadDemo(db);
  await loadScale(db, n);
  console.log(
    `employment: demo city plus ${n.seekers.toLocaleString('en-US')} seekers and ${n.positions.toLocaleString('en-US')} positions loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const city = await db
    .selectFrom('org_unit')
    .select('id')
    .where('division_code', '=', '320500')
    .executeTakeFirstOrThrow();
  const scope = await scopeOf(db, { orgUnitId: city.id });
  const since = new Date(Date.now() - 183 * 86400000).toISOString().slice(0, 10);
  const { rows: sample } = await sql<{
    id: number;
    skills: string[];
    wished_categories: string[];
    wished_pay_min_fen: number | null;
    situation: string;
    gender: string;
    birth_date: string;
  }>`select id, skills, wished_categories, wished_pay_min_fen, situation, gender, birth_date::text from job_seeker
     where name like '基准求职者%' order by md5(id::text) limit 50`.execute(db);
  const profiles = sample.map((s) => ({
    id: s.id,
    skills: s.skills,
    wishedCategories: s.wished_categories as string[],
    wishedPayMinFen: s.wished_pay_min_fen,
    // The groups the service reads off the seeker (situation, gender, age), as a cadre's match has them.
    groups: employmentBench.seekerGroups(s.situation, s.gender, s.birth_date),
  }));
  let k = 0;
  const next = () => profiles[k++ % profiles.length];
  const runs = kind === 'postgres' ? 40 : 15;
  const subject = await time(runs, () => employmentBench.positionsFor(db, scope, next(), since, 20));
  const baseline = await time(Math.max(3, runs / 5), () =>
    employmentBench.positionsForNaive(db, scope, next(), since, 20),
  );
  report(
    `positions for a seeker, whole city (${n.positions.toLocaleString('en-US')} positions), top 20`,
    subject,
    baseline,
  );

  const { rows: positions } = await sql<{
    id: number;
  }>`select id from job_position order by md5(id::text) limit 20`.execute(db);
  let j = 0;
  const nextPosition = async () => employmentBench.positionProfile(db, positions[j++ % positions.length].id);
  const seekersSubject = await time(runs, async () =>
    employmentBench.seekersFor(db, scope, await nextPosition(), 20),
  );
  const seekersBaseline = await time(3, async () =>
    employmentBench.seekersForNaive(db, scope, await nextPosition(), 20),
  );
  report(
    `seekers for a position, whole city (${n.seekers.toLocaleString('en-US')} seekers), top 20`,
    seekersSubject,
    seekersBaseline,
  );

  const year = Number(today().slice(0, 4));
  const kept = await employmentBench.figures(db, scope, year);
  const raw = await employmentBench.figuresNaive(db, scope, year);
  if (JSON.stringify(kept) !== JSON.stringify(raw))
    throw new Error(
      `the figures and the raw rows disagree: ${JSON.stringify(kept)} / ${JSON.stringify(raw)}`,
    );
  const figures = await time(kind === 'postgres' ? 10 : 5, () => employmentBench.figures(db, scope, year));
  const figuresBaseline = await time(3, () => employmentBench.figuresNaive(db, scope, year));
  report(`the dashboard's yearly figures, whole city`, figures, figuresBaseline);
}
