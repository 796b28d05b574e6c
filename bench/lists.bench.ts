import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { migrateToLatest, openDatabase } from '../server/src/db/database.ts';
import type { Database } from '../server/src/db/schema.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { loadCityScale } from '../server/src/demo/city-scale.ts';
import { DEMO_PASSWORD } from '../server/src/demo/demo-accounts.ts';
import { nameKeys } from '../server/src/modules/members/registry/member.names.ts';
import { usePersonalDataSecret } from '../server/src/platform/personal-data/personal-data.ts';
import { createPostgresDatabase, databaseUrlOf, dropPostgresDatabase } from '../server/test/database.ts';

/** The city-scale data set, kept between runs; a new version of its generator gets a new name. */
export const CITY_TEMPLATE = 'gonghui_bench_city_v1';
const CITY_MEMBERS = 3_000_000;
/** The data set's own personal-data key: its sealed columns are read back with it in every run. */
const BENCH_SECRET = crypto.createHash('sha256').update('gonghui-bench-city').digest();
const SINGLE_RUNS = 40;
const LOAD_USERS = 100;
const LOAD_SECONDS = 15;
const REQUEST_TIMEOUT_MS = 10_000;
const GOAL_SINGLE_P95 = 50;
const GOAL_LOAD_P95 = 500;
const LOAD_CLIENT = fileURLToPath(new URL('./load-client.mjs', import.meta.url));
const execFileAsync = promisify(execFile);

async function withAdmin<T>(adminUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const databaseExists = (adminUrl: string, name: string) =>
  withAdmin(
    adminUrl,
    async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1,
  );

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅丹玲飞鹏辉燕云峰波宇浩凯俊晨瑶婷雪琳欣怡佳慧';

/**
 * Members made in SQL, set by set: names from common characters with their pinyin keys, one dummy
 * ciphertext for every sealed column, a distinct keyed-hash stand-in per person, spread over the open
 * employers at their own union (or their locality's).
 */
async function loadCityMembers(db: Kysely<Database>, count: number) {
  const keys = (chars: string) => {
    const list = Array.from(chars);
    return {
      chars: list,
      pinyin: list.map((c) => nameKeys(c).pinyin),
      initials: list.map((c) => nameKeys(c).initials),
    };
  };
  const s = keys(SURNAMES);
  const g = keys(GIVEN);
  const suffix = nameKeys('（演示）');
  const cipher = usePersonalDataSecret(BENCH_SECRET);
  const idCipher = Buffer.from(cipher.encrypt('110105199001011234'));
  const phoneCipher = Buffer.from(cipher.encrypt('13900000000'));
  await sql`drop table if exists bench_member_home`.execute(db);
  await sql`create table bench_member_home as
    select row_number() over (order by e.id)::int as rn, e.id as employer_id,
      case when e.union_status = 'own' and e.grassroots_union_id is not null then e.grassroots_union_id else e.org_unit_id end as org_unit_id
    from employer e where e.closed_on is null`.execute(db);
  await sql`alter table bench_member_home add primary key (rn)`.execute(db);
  const { n } = (await sql<{ n: number }>`select count(*)::int as n from bench_member_home`.execute(db))
    .rows[0];
  const { have } = (await sql<{ have: number }>`select count(*)::int as have from member`.execute(db))
    .rows[0];
  const chunk = 250_000;
  for (let from = have + 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    const started = Date.now();
    await sql`
      insert into member (name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash, resident_id_tail,
        gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type, migrant_worker,
        new_employment_form, employer_id, org_unit_id, status, status_since, joined_on)
      select
        x.sc || x.g1c || x.g2c || '（演示）', x.spy || x.g1py || x.g2py || ${suffix.pinyin},
        x.sini || x.g1ini || x.g2ini || ${suffix.initials},
        ${idCipher}::bytea, decode(md5('bench-resident-' || x.i), 'hex'), lpad((x.i % 10000)::text, 4, '0'),
        case when x.i % 2 = 0 then 'male' else 'female' end, date '1960-01-01' + (x.i % 14600)::int,
        case when x.i % 10 < 7 then ${phoneCipher}::bytea end, case when x.i % 10 < 7 then decode(md5('bench-phone-' || x.i), 'hex') end,
        '汉族', '高中', case when x.i % 3 = 0 then 'urban' else 'rural' end, x.i % 20 < 9, x.i % 25 = 0,
        h.employer_id, h.org_unit_id,
        case when x.i % 100 < 95 then 'active' when x.i % 100 < 98 then 'retired' else 'left' end,
        date '2011-01-01' + (x.i % 5000)::int, date '2011-01-01' + (x.i % 5000)::int
      from (
        select i,
          (${s.chars}::text[])[1 + (i * 7919) % ${s.chars.length}] as sc,
          (${s.pinyin}::text[])[1 + (i * 7919) % ${s.chars.length}] as spy,
          (${s.initials}::text[])[1 + (i * 7919) % ${s.chars.length}] as sini,
          (${g.chars}::text[])[1 + (i * 104729) % ${g.chars.length}] as g1c,
          (${g.pinyin}::text[])[1 + (i * 104729) % ${g.chars.length}] as g1py,
          (${g.initials}::text[])[1 + (i * 104729) % ${g.chars.length}] as g1ini,
          case when i % 5 < 3 then (${g.chars}::text[])[1 + (i * 15485863) % ${g.chars.length}] else '' end as g2c,
          case when i % 5 < 3 then (${g.pinyin}::text[])[1 + (i * 15485863) % ${g.chars.length}] else '' end as g2py,
          case when i % 5 < 3 then (${g.initials}::text[])[1 + (i * 15485863) % ${g.chars.length}] else '' end as g2ini
        from generate_series(${from}::bigint, ${to}::bigint) i
      ) x
      join bench_member_home h on h.rn = 1 + (x.i * 48271) % ${n}`.execute(db);
    console.log(
      `  members ${to.toLocaleString('en')} of ${count.toLocaleString('en')} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  await sql`drop table bench_member_home`.execute(db);
}

/**
 * Builds the city-scale template once: the demo city, 300,000 employers and 3,000,000 members. A kept
 * template is brought up to the latest migrations in place, so each run's copy starts migrated.
 */
async function ensureTemplate(adminUrl: string): Promise<string[]> {
  if (await databaseExists(adminUrl, CITY_TEMPLATE)) {
    const kept = await openDatabase({ databaseUrl: databaseUrlOf(adminUrl, CITY_TEMPLATE), poolSize: 1 });
    try {
      const ran = await migrateToLatest(kept.db);
      if (ran.length > 0) await sql`vacuum analyze`.execute(kept.db);
      return ran;
    } finally {
      await kept.close();
    }
  }
  const building = `${CITY_TEMPLATE}_building`;
  console.log(`Building the city-scale data set ${CITY_TEMPLATE} (once; kept for later runs) …`);
  const started = Date.now();
  await dropPostgresDatabase(adminUrl, building);
  await createPostgresDatabase(adminUrl, building, null);
  const handle = await openDatabase({ databaseUrl: databaseUrlOf(adminUrl, building), poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    await loadDemo(handle.db);
    console.log(`  demo city loaded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    const added = await loadCityScale(handle.db);
    console.log(
      `  ${added.toLocaleString('en')} employers added (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    await loadCityMembers(handle.db, CITY_MEMBERS);
    await sql`vacuum analyze`.execute(handle.db);
  } finally {
    await handle.close();
  }
  await withAdmin(adminUrl, (c) => c.query(`alter database ${building} rename to ${CITY_TEMPLATE}`));
  console.log(`  built in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  return [];
}

interface Stats {
  p50: number;
  p95: number;
  n: number;
}
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

interface Session {
  name: string;
  cookie: string;
}

async function logIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { name: username, cookie };
}

async function call(
  base: string,
  who: Session | null,
  path: string,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<{ ms: number; ok: boolean; body?: unknown }> {
  const start = process.hrtime.bigint();
  try {
    const res = await fetch(`${base}${path}`, {
      headers: who ? { cookie: who.cookie } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as unknown;
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, ok: res.status === 200, body };
  } catch {
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, ok: false };
  }
}

/** One user, one request after another; a request slower than a second is timed 5 times, not 40. */
async function single(base: string, who: Session | null, path: string) {
  const first = await call(base, who, path, 120_000); // warm
  if (!first.ok) throw new Error(`${path} as ${who?.name ?? 'anyone'} failed: ${JSON.stringify(first.body)}`);
  const runs = first.ms > 1000 ? 5 : SINGLE_RUNS;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await call(base, who, path, 120_000)).ms);
  const page = first.body as { total?: number; totalCapped?: boolean };
  const total =
    page.total === undefined ? '' : `${page.total.toLocaleString('en')}${page.totalCapped ? '+' : ''}`;
  return { ...stats(samples), total };
}

/**
 * `users` loops side by side for `seconds`, each over the mix, in a client process of its own (as an
 * outside load tool would be), so the server's event loop serves requests only.
 */
async function load(base: string, mix: Array<{ who: Session | null; path: string }>, seconds = LOAD_SECONDS) {
  const task = {
    base,
    mix: mix.map(({ who, path }) => ({ cookie: who?.cookie ?? null, path })),
    users: LOAD_USERS,
    seconds,
    timeoutMs: REQUEST_TIMEOUT_MS,
  };
  const { stdout } = await execFileAsync(process.execPath, [LOAD_CLIENT, JSON.stringify(task)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const r = JSON.parse(stdout) as { samples: number[]; errors: number; seconds: number };
  return { ...stats(r.samples), errors: r.errors, rate: r.samples.length / r.seconds };
}

/**
 * The main lists at city scale through the real app on a loopback socket: first page with its total and
 * name searches, one user at a time (p50/p95 and as a multiple of /api/health in the same run), then 100
 * users at once over the same mix. PostgreSQL only: the embedded database has its own goal.
 */
export async function benchLists() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log('lists: city scale is measured on PostgreSQL only; set DATABASE_URL');
    return;
  }
  usePersonalDataSecret(BENCH_SECRET);
  const migrated = await ensureTemplate(adminUrl);
  const name = `gonghui_bench_lists_${crypto.randomBytes(4).toString('hex')}`;
  const t0 = Date.now();
  await createPostgresDatabase(adminUrl, name, CITY_TEMPLATE);
  const handle = await openDatabase({ databaseUrl: databaseUrlOf(adminUrl, name) });
  const app = await buildApp({ db: handle.db, databaseKind: 'postgres', webDist: null });
  try {
    const ran = [...migrated, ...(await migrateToLatest(handle.db))];
    if (ran.length > migrated.length) await sql`analyze`.execute(handle.db);
    const counts = (
      await sql<{
        e: number;
        m: number;
      }>`select (select count(*) from employer)::int as e, (select count(*) from member)::int as m`.execute(
        handle.db,
      )
    ).rows[0];
    console.log(
      `Lists at city scale: ${counts.e.toLocaleString('en')} employers, ${counts.m.toLocaleString('en')} members ` +
        `(copy of ${CITY_TEMPLATE} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s${ran.length ? `; migrated ${ran.join(', ')}` : ''})\n`,
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const admin = await logIn(base, 'admin');
    const town = await logIn(base, 'dongbang');
    const first = 'page=1&pageSize=20';
    const lists = [
      ['employers', `/api/employers?${first}`],
      ['members', `/api/members?${first}`],
      ['agreements', `/api/agreements?${first}`],
      ['employers q=华盛', `/api/employers?${first}&q=${encodeURIComponent('华盛')}`],
      ['members q=张伟', `/api/members?${first}&q=${encodeURIComponent('张伟')}`],
      ['members q=王', `/api/members?${first}&q=${encodeURIComponent('王')}`],
      // A column header clicked: each sortable order has its index.
      ['employers by employees ↓', `/api/employers?${first}&sort=employees&order=desc`],
      ['members by name, page 3', `/api/members?page=3&pageSize=20&sort=name`],
      ['members by join date ↓', `/api/members?${first}&sort=joinedOn&order=desc`],
    ] as const;

    const health = await single(base, null, '/api/health');
    const rows: string[][] = [];
    const fmt = (v: number) => v.toFixed(1);
    rows.push(['/api/health', '', fmt(health.p50), fmt(health.p95), '1.0', '']);
    let worst = 0;
    for (const [label, path] of lists) {
      for (const who of [admin, town]) {
        const r = await single(base, who, path);
        worst = Math.max(worst, r.p95);
        rows.push([
          `${label} (${who.name})`,
          r.total,
          fmt(r.p50),
          fmt(r.p95),
          (r.p50 / health.p50).toFixed(1),
          r.p95 <= GOAL_SINGLE_P95 ? 'ok' : 'over',
        ]);
      }
    }
    const widths = [34, 10, 9, 9, 11, 5];
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
    console.log(
      `one user at a time, ${SINGLE_RUNS} runs each (5 when slower than 1 s) (goal: p95 ≤ ${GOAL_SINGLE_P95} ms)`,
    );
    console.log(line(['request', 'total', 'p50 ms', 'p95 ms', '× health', 'goal']));
    for (const r of rows) console.log(line(r));

    const mix = lists.flatMap(([, path]) => [admin, town].map((who) => ({ who, path })));
    const healthLoad = await loadHealth(base);
    const l = await load(base, mix);
    console.log(
      `\n${LOAD_USERS} users at once for ${LOAD_SECONDS} s over the ${mix.length} requests above (goal: p95 ≤ ${GOAL_LOAD_P95} ms, 0 errors)`,
    );
    console.log(line(['load', 'req/s', 'p50 ms', 'p95 ms', 'errors', 'goal']));
    console.log(
      line([
        '/api/health',
        healthLoad.rate.toFixed(0),
        fmt(healthLoad.p50),
        fmt(healthLoad.p95),
        String(healthLoad.errors),
        '',
      ]),
    );
    console.log(
      line([
        'lists and searches',
        l.rate.toFixed(0),
        fmt(l.p50),
        fmt(l.p95),
        String(l.errors),
        l.p95 <= GOAL_LOAD_P95 && l.errors === 0 ? 'ok' : 'over',
      ]),
    );
    console.log(
      `\nsingle-user worst p95 ${fmt(worst)} ms (goal ${GOAL_SINGLE_P95}); load p95 ${fmt(l.p95)} ms with ${l.errors} errors (goal ${GOAL_LOAD_P95}, 0)`,
    );
  } finally {
    await app.close();
    await handle.close();
    await dropPostgresDatabase(adminUrl, name);
  }
}

/** The same load shape against /api/health, for the ratio. */
const loadHealth = (base: string) => load(base, [{ who: null, path: '/api/health' }], 5);
