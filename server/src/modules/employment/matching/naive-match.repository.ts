import { sql } from 'kysely';
import type { Scope } from '../../../platform/scope.ts';
import type { Db } from '../employment.definitions.ts';
import { visiblePositions } from '../fairs/fair.repository.ts';
import { scopedSeekers } from '../seekers/seeker.repository.ts';
import { WEIGHTS, type PositionProfile, type SeekerProfile } from './match.repository.ts';

const overlap = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x)).length;

/**
 * The benchmarks' baselines: the same answers as the ranked queries, found the naive way, by reading
 * every candidate row and scoring it in JavaScript.
 */
export const naiveMatchRepository = {
  async positionsFor(db: Db, scope: Scope, s: SeekerProfile, since: string, limit: number) {
    const rows = await visiblePositions(db, scope)
      .select([
        'p.id',
        'p.job_category as jobCategory',
        'p.skills',
        'p.suitability',
        'p.pay_min_fen as payMinFen',
        'p.pay_max_fen as payMaxFen',
        'p.openings',
        sql<number>`(select count(*)::int from job_placement pl where pl.position_id = p.id)`.as('filled'),
        sql<boolean>`exists (select 1 from job_recommendation r where r.position_id = p.id and r.seeker_id = ${s.id})`.as(
          'asked',
        ),
      ])
      .where('f.held_on', '>=', since)
      .execute();
    return rows
      .filter((p) => !p.asked && p.filled < p.openings)
      .filter((p) => s.wishedPayMinFen === null || p.payMaxFen >= s.wishedPayMinFen)
      .map((p) => {
        const cat = s.wishedCategories.includes(p.jobCategory);
        const suit = overlap(p.suitability, s.groups) > 0;
        const skills = overlap([...new Set(p.skills)], s.skills);
        if (!cat && !suit && skills === 0) return null;
        const pay = s.wishedPayMinFen !== null && p.payMinFen >= s.wishedPayMinFen;
        return {
          ...p,
          score:
            (cat ? WEIGHTS.category : 0) +
            (suit ? WEIGHTS.suitability : 0) +
            WEIGHTS.skill * skills +
            (pay ? WEIGHTS.pay : 0),
        };
      })
      .filter((p) => p !== null)
      .sort((a, b) => b.score - a.score || b.payMaxFen - a.payMaxFen || a.id - b.id)
      .slice(0, limit);
  },

  async seekersFor(db: Db, scope: Scope, p: PositionProfile, limit: number) {
    const rows = await scopedSeekers(db, scope)
      .select([
        's.id',
        's.skills',
        's.wished_categories as wished',
        's.wished_pay_min_fen as pay',
        's.situation',
        's.gender',
        's.registered_on as registeredOn',
      ])
      .where('s.status', 'in', ['registered', 'recommended', 'left'])
      .execute();
    return rows
      .filter((s) => s.pay === null || s.pay <= p.payMaxFen)
      .map((s) => {
        const groups = [
          s.situation === 'unemployed' ? 'laid_off' : s.situation,
          ...(s.gender === 'female' ? ['women'] : []),
        ];
        const cat = (s.wished as string[]).includes(p.jobCategory);
        const suit = overlap(groups, p.suitability) > 0;
        const skills = overlap([...new Set(s.skills)], p.skills);
        if (!cat && !suit && skills === 0) return null;
        return {
          ...s,
          score: (cat ? WEIGHTS.category : 0) + (suit ? WEIGHTS.suitability : 0) + WEIGHTS.skill * skills,
        };
      })
      .filter((s) => s !== null)
      .sort((a, b) => b.score - a.score || a.registeredOn.localeCompare(b.registeredOn) || a.id - b.id)
      .slice(0, limit);
  },

  /** The year's figures from every raw row of the scope's seekers, counted in JavaScript. */
  async figures(db: Db, scope: Scope, from: string, to: string) {
    const seekers = new Map(
      (await scopedSeekers(db, scope).select(['s.id', 's.situation']).execute()).map((s) => [
        s.id,
        s.situation,
      ]),
    );
    const enrolments = await db
      .selectFrom('job_course_enrolment as e')
      .innerJoin('job_course as c', 'c.id', 'e.course_id')
      .select(['e.id', 'e.seeker_id as seekerId', 'e.status', 'c.starts_on as startsOn'])
      .execute();
    const placements = await db
      .selectFrom('job_placement')
      .select([
        'seeker_id as seekerId',
        'placed_on as placedOn',
        'followed_up_on as followedUpOn',
        'still_employed as stillEmployed',
      ])
      .execute();
    const certificates = await db
      .selectFrom('job_certificate')
      .select(['enrolment_id as enrolmentId', 'issued_on as issuedOn', 'revoked_on as revokedOn'])
      .execute();
    const within = (d: string) => d >= from && d <= to;
    const everPlaced = new Set(placements.map((p) => p.seekerId));
    const trained = new Set(
      enrolments
        .filter((e) => e.status === 'enrolled' && within(e.startsOn) && seekers.has(e.seekerId))
        .map((e) => e.seekerId),
    );
    const enrolmentSeeker = new Map(enrolments.map((e) => [e.id, e.seekerId]));
    const placed = placements.filter((p) => within(p.placedOn) && seekers.has(p.seekerId));
    return {
      trained: trained.size,
      trainedPlaced: [...trained].filter((id) => everPlaced.has(id)).length,
      certified: certificates.filter(
        (c) => !c.revokedOn && within(c.issuedOn) && seekers.has(enrolmentSeeker.get(c.enrolmentId) ?? 0),
      ).length,
      placed: placed.length,
      laidOffPlaced: placed.filter((p) => ['laid_off', 'unemployed'].includes(seekers.get(p.seekerId) ?? ''))
        .length,
      followedUp: placed.filter((p) => p.followedUpOn !== null).length,
      stillEmployed: placed.filter((p) => p.stillEmployed).length,
    };
  },
};
