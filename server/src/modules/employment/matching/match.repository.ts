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

export const matchRepository = {
  /** Open positions of the fairs the caller sees, held since `since`, that fit the seeker, best first. */
  async positionsFor(db: Db, scope: Scope, s: SeekerProfile, since: string, limit: number) {
    const wished = textArray(s.wishedCategories);
    const skills = textArray(s.skills);
    const groups = textArray(s.groups);
    const score = sql<number>`(
      (case when p.job_category = any(${wished}) then ${WEIGHTS.category} else 0 end)
      + (case when p.suitability && ${groups} then ${WEIGHTS.suitability} else 0 end)
      + ${WEIGHTS.skill} * cardinality(array(select unnest(p.skills) intersect select unnest(${skills})))
      + (case when ${s.wishedPayMinFen}::int is not null and p.pay_min_fen >= ${s.wishedPayMinFen}::int then ${WEIGHTS.pay} else 0 end)
    )::int`;
    return visiblePositions(db, scope)
      .select([...positionColumns, score.as('score')])
      .where('f.held_on', '>=', since)
      .where(
        sql<boolean>`(p.job_category = any(${wished}) or p.skills && ${skills} or p.suitability && ${groups})`,
      )
      .where(sql<boolean>`(${s.wishedPayMinFen}::int is null or p.pay_max_fen >= ${s.wishedPayMinFen}::int)`)
      .where(
        sql<boolean>`not exists (select 1 from job_recommendation r where r.position_id = p.id and r.seeker_id = ${s.id})`,
      )
      .where(sql<boolean>`(select count(*) from job_placement pl where pl.position_id = p.id) < p.openings`)
      .orderBy('score', 'desc')
      .orderBy('p.pay_max_fen', 'desc')
      .orderBy('p.id')
      .limit(limit)
      .execute();
  },

  /** Seekers in the scope still looking for work who fit the position, best first, the longest waiting first. */
  async seekersFor(db: Db, scope: Scope, p: PositionProfile, limit: number) {
    const skills = textArray(p.skills);
    const suited = textArray(p.suitability);
    const score = sql<number>`(
      (case when ${p.jobCategory} = any(s.wished_categories) then ${WEIGHTS.category} else 0 end)
      + (case when ${seekerGroupsSql} && ${suited} then ${WEIGHTS.suitability} else 0 end)
      + ${WEIGHTS.skill} * cardinality(array(select unnest(s.skills) intersect select unnest(${skills})))
      + (case when s.wished_pay_min_fen is not null and s.wished_pay_min_fen <= ${p.payMinFen} then ${WEIGHTS.pay} else 0 end)
    )::int`;
    return scopedSeekers(db, scope)
      .select([...seekerColumns, score.as('score')])
      .where('s.status', 'in', ['registered', 'recommended', 'left'])
      .where(
        sql<boolean>`(${p.jobCategory} = any(s.wished_categories) or s.skills && ${skills} or ${seekerGroupsSql} && ${suited})`,
      )
      .where(sql<boolean>`(s.wished_pay_min_fen is null or s.wished_pay_min_fen <= ${p.payMaxFen})`)
      .where(
        sql<boolean>`not exists (select 1 from job_recommendation r where r.seeker_id = s.id and r.position_id = ${p.id})`,
      )
      .orderBy('score', 'desc')
      .orderBy('s.registered_on')
      .orderBy('s.id')
      .limit(limit)
      .execute();
  },
};
