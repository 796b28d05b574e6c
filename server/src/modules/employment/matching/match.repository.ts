import { sql } from 'kysely';
import type { Scope } from '../../../platform/scope.ts';
import type { Db } from '../employment.definitions.ts';
import { positionColumns, visiblePositions } from '../fairs/fair.repository.ts';
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

export const matchRepository = {
  /**
   * Open positions of the fairs the caller sees, held since `since`, that fit the seeker, best first. The
   * ranking reads only the position rows; positions already filled are dropped from each ranked batch
   * afterwards, which is rare enough to cost one more batch at most.
   */
  async positionsFor(db: Db, scope: Scope, s: SeekerProfile, since: string, limit: number) {
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
    const batch = limit * 2;
    const out = [];
    for (let offset = 0; out.length < limit; offset += batch) {
      const rows = await visiblePositions(db, scope)
        .select([...positionColumns, score.as('score')])
        .where('f.held_on', '>=', since)
        .where(
          sql<boolean>`(p.job_category = any(${wished}) or p.skills && ${skills} or p.suitability && ${groups})`,
        )
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
  },

  /** Seekers in the scope still looking for work who fit the position, best first, the longest waiting first. */
  async seekersFor(db: Db, scope: Scope, p: PositionProfile, limit: number) {
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
    return scopedSeekers(db, scope)
      .select([...seekerColumns, score.as('score')])
      .where('s.status', 'in', ['registered', 'recommended', 'left'])
      .where(
        sql<boolean>`(${p.jobCategory} = any(s.wished_categories) or s.skills && ${skills} or ${seekerGroupsSql} && ${suited})`,
      )
      .where(sql<boolean>`(s.wished_pay_min_fen is null or s.wished_pay_min_fen <= ${p.payMaxFen})`)
      .where(sql<boolean>`s.id <> all(${idArray(asked)})`)
      .orderBy('score', 'desc')
      .orderBy('s.registered_on')
      .orderBy('s.id')
      .limit(limit)
      .execute();
  },
};
