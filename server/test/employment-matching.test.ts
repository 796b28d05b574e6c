import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/database.ts';
import { employmentBench } from '../src/modules/employment/index.ts';
import { scopeOf, type Scope } from '../src/platform/scope.ts';
import { createTestDatabase } from './database.ts';
import { buildOrgUnit } from './factories.ts';

// The ranked matching first ranks the candidates an index narrows down (the wished trade, then a skill)
// and answers from them only when nothing outside could rank among them; its answers must be exactly
// those of ranking every fitting row, whatever the profile, the scope and the length asked for.

const CATEGORIES = ['domestic', 'manufacturing', 'catering', 'retail', 'logistics', 'care'];
const SKILLS = ['育婴', '烹饪', '保洁', '设备操作', '质检', '收银', '叉车', '护理'];
const GROUPS = ['disabled', 'women', 'migrant', 'laid_off', 'graduate', 'older'];
const SITUATIONS = ['laid_off', 'unemployed', 'migrant', 'disabled', 'graduate', 'other'];

let handle: DatabaseHandle;
let scopes: Scope[];
const since = new Date(Date.now() - 183 * 86400000).toISOString().slice(0, 10);

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const pick = <T>(xs: readonly T[], n: number) => {
    const out = new Set<T>();
    for (let i = 0; i < n; i++) out.add(xs[Math.floor(next() * xs.length)]);
    return [...out];
  };
  return { next, pick };
}

beforeAll(async () => {
  handle = await createTestDatabase('empty');
  const db = handle.db;
  // A city with two districts, each with a town: fairs and seekers at every level.
  const city = await buildOrgUnit(db);
  const a = await buildOrgUnit(db, { parent: city });
  const a1 = await buildOrgUnit(db, { parent: a });
  const b = await buildOrgUnit(db, { parent: city });
  const b1 = await buildOrgUnit(db, { parent: b });
  const units = [a.id, a1.id, b.id, b1.id, city.id];
  await sql`select setseed(0.25)`.execute(db);
  await sql`
    insert into job_fair (title, category, held_on, venue, org_unit_id)
    select '测试招聘会' || i, 'general', current_date - (i * 7), '会场', (${units}::int[])[1 + i % 5]
    from generate_series(1, 30) i`.execute(db);
  await sql`
    insert into job_fair_employer (fair_id, name, credit_code)
    select f.id, '测试企业' || f.id || '-' || k, 'T' || f.id || '-' || k
    from job_fair f cross join generate_series(1, 5) k`.execute(db);
  // Few trades and skills, and pay on a coarse grid, so scores and tie-breaks collide often.
  await sql`
    insert into job_position (fair_id, fair_employer_id, title, job_category, openings, pay_min_fen, pay_max_fen, skills, suitability)
    select fe.fair_id, fe.id, '岗位', (${CATEGORIES}::text[])[1 + floor(random() * 6)::int],
      1 + floor(random() * 2)::int, m, m + 100000 * floor(random() * 3)::int,
      (array[(${SKILLS}::text[])[1 + floor(random() * 8)::int], (${SKILLS}::text[])[1 + floor(random() * 8)::int]])[1:floor(random() * 3)::int],
      case when random() < 0.5 then array[(${GROUPS}::text[])[1 + floor(random() * 6)::int]] else '{}' end
    from job_fair_employer fe cross join generate_series(1, 8) k
    cross join lateral (select 300000 + 100000 * floor(random() * 4)::int as m) pay`.execute(db);
  await sql`
    insert into job_seeker (name, gender, birth_date, resident_id_cipher, resident_id_hash, resident_id_tail, is_member,
      situation, skills, wished_categories, wished_pay_min_fen, org_unit_id, registered_via, registered_on, status, status_since)
    select '求职者' || i, case when i % 2 = 0 then 'female' else 'male' end, date '1965-01-01' + (i % 12000),
      decode(md5('c' || i), 'hex'), decode(md5('h' || i), 'hex'), lpad((i % 10000)::text, 4, '0'), false,
      (${SITUATIONS}::text[])[1 + i % 6],
      (array[(${SKILLS}::text[])[1 + floor(random() * 8)::int], (${SKILLS}::text[])[1 + floor(random() * 8)::int]])[1:floor(random() * 3)::int],
      (array[(${CATEGORIES}::text[])[1 + floor(random() * 6)::int], (${CATEGORIES}::text[])[1 + floor(random() * 6)::int]])[1:floor(random() * 3)::int],
      case when random() < 0.6 then 300000 + 100000 * floor(random() * 4)::int end,
      (${units}::int[])[1 + i % 5], 'office', current_date - (i % 40),
      (array['registered','recommended','placed','left','withdrawn'])[1 + i % 5], current_date - (i % 40)
    from generate_series(1, 2000) i`.execute(db);
  // Recommendations already made, and placements that fill some positions.
  await sql`
    insert into job_recommendation (seeker_id, position_id, recommended_on, result)
    select s.id, p.id, current_date, 'hired'
    from (select id, row_number() over (order by id) r from job_seeker where id % 7 = 0) s
    join (select id, row_number() over (order by id) r from job_position) p on p.r = s.r * 3`.execute(db);
  await sql`
    insert into job_placement (seeker_id, recommendation_id, position_id, placed_on, source, follow_up_due)
    select seeker_id, id, position_id, current_date, 'fair', current_date + 90 from job_recommendation`.execute(
    db,
  );
  await sql`analyze`.execute(db);
  scopes = [await scopeOf(db, { orgUnitId: city.id }), await scopeOf(db, { orgUnitId: a.id })];
}, 120_000);
afterAll(() => handle?.close());

describe('ranked matching narrowed by index', () => {
  it('gives a seeker exactly the positions ranking every position gives', async () => {
    const g = generator(7);
    const { rows } = await sql<{ id: number }>`select id from job_seeker order by id`.execute(handle.db);
    let compared = 0;
    for (let i = 0; i < 30; i++) {
      const profile = {
        id: rows[Math.floor(g.next() * rows.length)].id,
        skills: g.pick(SKILLS, Math.floor(g.next() * 4)),
        wishedCategories: g.pick(CATEGORIES, Math.floor(g.next() * 3)),
        wishedPayMinFen: g.next() < 0.3 ? null : 300000 + 100000 * Math.floor(g.next() * 4),
        groups: g.pick(GROUPS, Math.floor(g.next() * 3)),
      };
      const limit = [1, 5, 20][i % 3];
      const scope = scopes[i % 2];
      const narrowed = await employmentBench.positionsFor(handle.db, scope, profile, since, limit);
      const whole = await employmentBench.positionsFor(handle.db, scope, profile, since, limit, false);
      expect(narrowed.map((r) => [r.id, r.score])).toEqual(whole.map((r) => [r.id, r.score]));
      compared += whole.length;
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('gives a position exactly the seekers ranking every seeker gives', async () => {
    const { rows } = await sql<{
      id: number;
    }>`select id from job_position order by md5(id::text) limit 30`.execute(handle.db);
    let compared = 0;
    for (const [i, { id }] of rows.entries()) {
      const position = await employmentBench.positionProfile(handle.db, id);
      const limit = [1, 5, 20][i % 3];
      const scope = scopes[i % 2];
      const narrowed = await employmentBench.seekersFor(handle.db, scope, position, limit);
      const whole = await employmentBench.seekersFor(handle.db, scope, position, limit, false);
      expect(narrowed.map((r) => [r.id, r.score])).toEqual(whole.map((r) => [r.id, r.score]));
      compared += whole.length;
    }
    expect(compared).toBeGreaterThan(150);
  });
});
