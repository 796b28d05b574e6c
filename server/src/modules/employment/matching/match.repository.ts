import { sql } from 'kysely';
import { inScope, type Scope } from '../../../platform/scope.ts';
import type { Db } from '../employment.definitions.ts';
import { positionColumns, visibleFairs, visiblePositions } from '../fairs/fair.repository.ts';
import { scopedSeekers, seekerColumns, seekerGroupsSql } from '../seekers/seeker.repository.ts';

/** What a seeker brings to the match: their wishes, skills and the groups positions may be suited to. */
export interface SeekerProfile {
  id: number;
  skills: string[];
  wishedCategories: string[];
  wishedPayMinFen: number | null;
  groups: string[];
}

/** What a position asks for. */
export interface PositionProfile {
  id: number;
  jobCategory: string;
  skills: string[];
  suitability: string[];
  payMaxFen: number;
  payMinFen: number;
}

const textArray = (values: string[]) => sql<string[]>`${values}::text[]`;

/**
 * The score of a seeker against a position: the wished trade counts most, then the suited group, each
 * common skill, and pay at or above the wish. The same weights rank both directions.
 */
export const WEIGHTS = { category: 40, suitability: 20, skill: 10, pay: 10 } as const;

/** How many of `skills` a row's skill column holds, as a sum of containment tests (cheap, no subquery). */
function commonSkills(column: string, skills: string[]) {
  const terms = [...new Set(skills)].map(
    (x) => sql<number>`(${sql.ref(column)} @> array[${x}]::text[])::int`,
  );
  return terms.length === 0 ? sql<number>`0` : sql.join(terms, sql` + `);
}

const idArray = (ids: number[]) => sql<number[]>`${ids}::int[]`;

/** Matching reads only the seekers still looking for work; the literal lets the planner use their partial indexes. */
const looking = sql<boolean>`s.status in ('registered', 'recommended', 'left')`;

/**
 * A narrowing of the candidates to the rows sharing the wished trade (`category`) and, further, a skill
 * (`skills`): each one index, their intersection a few thousand rows at city scale instead of a third of
 * the table. `{}` is no narrowing: every row that fits at all.
 */
interface Narrowing {
  category?: true;
  skills?: true;
}

/** The narrowings tried in turn, the narrowest first and no narrowing last. */
function narrowings(hasCategory: boolean, hasSkills: boolean): Narrowing[] {
  const out: Narrowing[] = [];
  if (hasCategory && hasSkills) out.push({ category: true, skills: true });
  if (hasCategory) out.push({ category: true });
  else if (hasSkills) out.push({ skills: true });
  out.push({});
  return out;
}

/**
 * The best score a row outside the narrowing can reach: it lacks the trade or every skill, so it loses at
 * least the smaller of those weights from the best score of all.
 */
function outsideCeiling(n: Narrowing, best: number, skillsWeight: number) {
  const lost = Math.min(n.category ? WEIGHTS.category : Infinity, n.skills ? skillsWeight : Infinity);
  return best - lost;
}

/**
 * Ranks within each narrowing in turn until one answers: a narrowed ranking is the whole ranking's top
 * when it is full and its last row scores above anything a row outside could score (a tie might lose to
 * one outside by the tie-break, so it does not answer). The last, unnarrowed ranking always answers; the
 * results are exactly those of ranking every row.
 */
async function firstAnswer<R extends { score: number }>(
  tries: Narrowing[],
  limit: number,
  best: number,
  skillsWeight: number,
  rank: (n: Narrowing) => Promise<R[]>,
): Promise<R[]> {
  for (const [i, n] of tries.entries()) {
    const rows = await rank(n);
    if (i === tries.length - 1) return rows;
    if (limit > 0 && rows.length === limit && rows[limit - 1].score > outsideCeiling(n, best, skillsWeight))
      return rows;
  }
  return [];
}

export const matchRepository = {
  /**
   * Open positions of the fairs the caller sees, held since `since`, that fit the seeker, best first. The
   * ranking reads only the position rows; positions already filled are dropped from each ranked batch
   * afterwards, which is rare enough to cost one more batch at most. `narrow: false` ranks every fitting
   * position at once (the tests compare both).
   */
  async positionsFor(db: Db, scope: Scope, s: SeekerProfile, since: string, limit: number, narrow = true) {
    const wished = textArray(s.wishedCategories);
    const skills = textArray(s.skills);
    const groups = textArray(s.groups);
    const asked = (
      await db.selectFrom('job_recommendation').select('position_id').where('seeker_id', '=', s.id).execute()
    ).map((r) => r.position_id);
    const score = sql<number>`(
      (case when p.job_category = any(${wished}) then ${WEIGHTS.category} else 0 end)
      + (case when p.suitability && ${groups} then ${WEIGHTS.suitability} else 0 end)
      + ${WEIGHTS.skill} * (${commonSkills('p.skills', s.skills)})
      + (case when ${s.wishedPayMinFen}::int is not null and p.pay_min_fen >= ${s.wishedPayMinFen}::int then ${WEIGHTS.pay} else 0 end)
    )::int`;
    const skillsWeight = WEIGHTS.skill * new Set(s.skills).size;
    const best =
      (s.wishedCategories.length > 0 ? WEIGHTS.category : 0) +
      (s.groups.length > 0 ? WEIGHTS.suitability : 0) +
      skillsWeight +
      (s.wishedPayMinFen !== null ? WEIGHTS.pay : 0);
    // The ranking reads the position rows alone (the fairs only as a list of ids); the K best are then
    // read whole with their fair and employer.
    const fairs = visibleFairs(db, scope, true).select('f.id').where('f.held_on', '>=', since);
    const rank = async (n: Narrowing) => {
      const batch = limit * 2;
      const out = [];
      for (let offset = 0; out.length < limit; offset += batch) {
        const rows = await db
          .selectFrom('job_position as p')
          .select(['p.id', 'p.openings', score.as('score')])
          .where('p.fair_id', 'in', fairs)
          .where(
            sql<boolean>`(p.job_category = any(${wished}) or p.skills && ${skills} or p.suitability && ${groups})`,
          )
          .$if(!!n.category, (q) => q.where(sql<boolean>`p.job_category = any(${wished})`))
          .$if(!!n.skills, (q) => q.where(sql<boolean>`p.skills && ${skills}`))
          .where(
            sql<boolean>`(${s.wishedPayMinFen}::int is null or p.pay_max_fen >= ${s.wishedPayMinFen}::int)`,
          )
          .where(sql<boolean>`p.id <> all(${idArray(asked)})`)
          .orderBy('score', 'desc')
          .orderBy('p.pay_max_fen', 'desc')
          .orderBy('p.id')
          .limit(batch)
          .offset(offset)
          .execute();
        if (rows.length === 0) break;
        const filled = new Map(
          (
            await db
              .selectFrom('job_placement')
              .select(['position_id', (eb) => eb.fn.countAll<number>().as('n')])
              .where(
                'position_id',
                'in',
                rows.map((r) => r.id),
              )
              .groupBy('position_id')
              .execute()
          ).map((r) => [r.position_id, Number(r.n)]),
        );
        out.push(...rows.filter((r) => (filled.get(r.id) ?? 0) < r.openings));
        if (rows.length < batch) break;
      }
      return out.slice(0, limit);
    };
    const tries = narrow ? narrowings(s.wishedCategories.length > 0, s.skills.length > 0) : [{}];
    const ranked = await firstAnswer(tries, limit, best, skillsWeight, rank);
    if (ranked.length === 0) return [];
    const whole = new Map(
      (
        await visiblePositions(db, scope)
          .select(positionColumns)
          .where(
            'p.id',
            'in',
            ranked.map((r) => r.id),
          )
          .execute()
      ).map((r) => [r.id, r]),
    );
    return ranked.map((r) => ({ ...whole.get(r.id)!, score: r.score }));
  },

  /**
   * Seekers in the scope still looking for work who fit the position, best first, the longest waiting
   * first; `narrow: false` ranks every fitting seeker at once.
   */
  async seekersFor(db: Db, scope: Scope, p: PositionProfile, limit: number, narrow = true) {
    const skills = textArray(p.skills);
    const suited = textArray(p.suitability);
    const asked = (
      await db.selectFrom('job_recommendation').select('seeker_id').where('position_id', '=', p.id).execute()
    ).map((r) => r.seeker_id);
    const score = sql<number>`(
      (case when ${p.jobCategory} = any(s.wished_categories) then ${WEIGHTS.category} else 0 end)
      + (case when ${seekerGroupsSql} && ${suited} then ${WEIGHTS.suitability} else 0 end)
      + ${WEIGHTS.skill} * (${commonSkills('s.skills', p.skills)})
      + (case when s.wished_pay_min_fen is not null and s.wished_pay_min_fen <= ${p.payMinFen} then ${WEIGHTS.pay} else 0 end)
    )::int`;
    const skillsWeight = WEIGHTS.skill * new Set(p.skills).size;
    const best =
      WEIGHTS.category + (p.suitability.length > 0 ? WEIGHTS.suitability : 0) + skillsWeight + WEIGHTS.pay;
    // The ranking reads the seeker rows alone (the scope as a list of units); the K best are then read
    // whole with their unit and fair.
    const units = db
      .selectFrom('org_unit_version as v')
      .select('v.org_unit_id')
      .where('v.valid_to', 'is', null)
      .where(inScope('v.path', scope));
    const rank = (n: Narrowing) =>
      db
        .selectFrom('job_seeker as s')
        .select(['s.id', score.as('score')])
        .where('s.org_unit_id', 'in', units)
        .where(looking)
        .where(
          sql<boolean>`(${p.jobCategory} = any(s.wished_categories) or s.skills && ${skills} or ${seekerGroupsSql} && ${suited})`,
        )
        // `@>` rather than `= any`, so the index of the wished trades serves it.
        .$if(!!n.category, (q) =>
          q.where(sql<boolean>`s.wished_categories @> array[${p.jobCategory}]::text[]`),
        )
        .$if(!!n.skills, (q) => q.where(sql<boolean>`s.skills && ${skills}`))
        .where(sql<boolean>`(s.wished_pay_min_fen is null or s.wished_pay_min_fen <= ${p.payMaxFen})`)
        .where(sql<boolean>`s.id <> all(${idArray(asked)})`)
        .orderBy('score', 'desc')
        .orderBy('s.registered_on')
        .orderBy('s.id')
        .limit(limit)
        .execute();
    const tries = narrow ? narrowings(true, p.skills.length > 0) : [{}];
    const ranked = await firstAnswer(tries, limit, best, skillsWeight, rank);
    if (ranked.length === 0) return [];
    const whole = new Map(
      (
        await scopedSeekers(db, scope)
          .select(seekerColumns)
          .where(
            's.id',
            'in',
            ranked.map((r) => r.id),
          )
          .execute()
      ).map((r) => [r.id, r]),
    );
    return ranked.map((r) => ({ ...whole.get(r.id)!, score: r.score }));
  },
};
