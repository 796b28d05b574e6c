import type { Kysely } from 'kysely';
import dayjs from 'dayjs';
import {
  jobCategoryLabels,
  suitabilityLabels,
  type JobCategory,
  type Position,
  type PositionMatch,
  type Seeker,
  type SeekerMatch,
  type Suitability,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { employmentDb } from '../employment.definitions.ts';
import { fairRepository } from '../fairs/fair.repository.ts';
import { presentPosition } from '../fairs/fair.presenter.ts';
import { seekerRepository } from '../seekers/seeker.repository.ts';
import { presentSeeker } from '../seekers/seeker.presenter.ts';
import { matchRepository } from './match.repository.ts';

/** Positions of fairs held in the last half year are still open to matching. */
const OPEN_DAYS = 183;

const situationGroup: Record<Seeker['situation'], Suitability | null> = {
  laid_off: 'laid_off',
  unemployed: 'laid_off',
  migrant: 'migrant',
  disabled: 'disabled',
  graduate: 'graduate',
  other: null,
};

/** The groups a seeker belongs to for suitability: by situation, gender and age (45 and over). */
export function seekerGroups(
  s: Pick<Seeker, 'situation' | 'gender' | 'birthDate'>,
  on = today(),
): Suitability[] {
  const groups: Suitability[] = [];
  const g = situationGroup[s.situation];
  if (g) groups.push(g);
  if (s.gender === 'female') groups.push('women');
  if (dayjs(on).diff(dayjs(s.birthDate), 'year') >= 45) groups.push('older');
  return groups;
}

/** Why a seeker and a position fit, in the words the cadre reads. */
function reasons(
  s: Pick<Seeker, 'skills' | 'wishedCategories' | 'wishedPayMinFen'>,
  groups: Suitability[],
  p: Position,
) {
  const out: string[] = [];
  if (s.wishedCategories.includes(p.jobCategory))
    out.push(`求职意向：${jobCategoryLabels[p.jobCategory as JobCategory]}`);
  const suited = p.suitability.filter((x) => groups.includes(x));
  if (suited.length > 0) out.push(`适合${suited.map((x) => suitabilityLabels[x]).join('、')}`);
  const common = p.skills.filter((x) => s.skills.includes(x));
  if (common.length > 0) out.push(`技能相符：${common.join('、')}`);
  if (s.wishedPayMinFen !== null && p.payMinFen >= s.wishedPayMinFen) out.push('薪酬达到期望');
  return out;
}

export const matchService = {
  /** The open positions that fit a seeker, ranked. */
  async positionsForSeeker(
    db: Kysely<Database>,
    actor: Actor,
    seekerId: number,
    limit: number,
  ): Promise<PositionMatch[]> {
    const edb = employmentDb(db);
    const scope = await scopeOf(db, actor);
    const row = await seekerRepository.find(edb, seekerId, scope);
    if (!row) throw notFound('求职人员');
    const s = presentSeeker(row, personalData());
    const groups = seekerGroups(s);
    const since = dayjs(today()).subtract(OPEN_DAYS, 'day').format('YYYY-MM-DD');
    const rows = await matchRepository.positionsFor(edb, scope, { ...s, groups }, since, limit);
    return rows.map((r) => {
      const position = presentPosition(r);
      return { position, score: r.score, reasons: reasons(s, groups, position) };
    });
  },

  /** The seekers in the caller's scope who fit a position, ranked. */
  async seekersForPosition(
    db: Kysely<Database>,
    actor: Actor,
    positionId: number,
    limit: number,
  ): Promise<SeekerMatch[]> {
    const edb = employmentDb(db);
    const scope = await scopeOf(db, actor);
    const row = await fairRepository.findPosition(edb, positionId, scope);
    if (!row) throw notFound('招聘岗位');
    const position = presentPosition(row);
    const cipher = personalData();
    const rows = await matchRepository.seekersFor(edb, scope, position, limit);
    return rows.map((r) => {
      const seeker = presentSeeker(r, cipher);
      return { seeker, score: r.score, reasons: reasons(seeker, seekerGroups(seeker), position) };
    });
  },
};
