import { employmentContract, type Seeker } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { employmentAuditTargets } from './employment.names.ts';
import { loadEmploymentDemo } from './employment.demo.ts';
import * as m20261201T2130 from './migrations/20261201T2130_employment.ts';
import { boothExport, fairExport, positionExport } from './fairs/fair.export.ts';
import { fairRoutes } from './fairs/fair.routes.ts';
import { fairRepository } from './fairs/fair.repository.ts';
import { figuresRepository } from './figures/figures.repository.ts';
import { matchRepository, type SeekerProfile } from './matching/match.repository.ts';
import { naiveMatchRepository } from './matching/naive-match.repository.ts';
import { seekerGroups } from './matching/match.service.ts';
import { employmentDb } from './employment.definitions.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { Scope } from '../../platform/scope.ts';
import { figuresRoutes } from './figures/figures.routes.ts';
import { courseExport } from './courses/course.export.ts';
import { courseRoutes } from './courses/course.routes.ts';
import { courseService } from './courses/course.service.ts';
import * as m20261201T2200 from './migrations/20261201T2200_employment_courses.ts';
import { followUpExport } from './seekers/follow-up.export.ts';
import { followUpService } from './seekers/follow-up.service.ts';
import { seekerExport } from './seekers/seeker.export.ts';
import * as m20261201T2230 from './migrations/20261201T2230_placement_follow_up.ts';
import * as m20261202T0030 from './migrations/20261202T0030_matching_indexes.ts';
import { seekerRoutes } from './seekers/seeker.routes.ts';
import { fairService } from './fairs/fair.service.ts';
import { seekerService } from './seekers/seeker.service.ts';

/** Employment assistance: job fairs and their positions, job seekers, matching, recommendations and placements. */
export const employmentModule: GonghuiModule = {
  name: 'employment',
  auditTargets: employmentAuditTargets,
  routes: [fairRoutes, seekerRoutes, courseRoutes, figuresRoutes],
  grants: { 'employment:read': ['admin', 'cadre', 'viewer'], 'employment:write': ['admin', 'cadre'] },
  contract: employmentContract,
  exports: [
    fairExport.registration,
    positionExport.registration,
    boothExport.registration,
    seekerExport.registration,
    courseExport.registration,
    followUpExport.registration,
  ],
  migrations: {
    '20261201T2130_employment': m20261201T2130,
    '20261201T2200_employment_courses': m20261201T2200,
    '20261201T2230_placement_follow_up': m20261201T2230,
    '20261202T0030_matching_indexes': m20261202T0030,
  },
  counters: [
    {
      key: 'employment-follow-ups-overdue',
      title: '逾期未回访的就业登记',
      suffix: '人',
      link: '/employment/follow-ups?overdue=true',
      note: '就业满三个月应回访是否仍在岗',
      permission: 'employment:read',
      count: (db, _actor, scope) => followUpService.countOverdue(db, scope),
    },
  ],
  demo: (db) => loadEmploymentDemo(db),
};

// What tests and the demo use of it.
export const employmentServices = { fairs: fairService, seekers: seekerService, courses: courseService };
export { loadEmploymentDemo } from './employment.demo.ts';

/** The benchmark's entry points: the ranked matching and the yearly figures, and their naive baselines. */
export const employmentBench = {
  seekerGroups: (situation: string, gender: string, birthDate: string): string[] =>
    seekerGroups({
      situation: situation as Seeker['situation'],
      gender: gender as Seeker['gender'],
      birthDate,
    }),
  positionsFor: (
    db: Kysely<Database>,
    scope: Scope,
    s: SeekerProfile,
    since: string,
    limit: number,
    narrow = true,
  ) => matchRepository.positionsFor(employmentDb(db), scope, s, since, limit, narrow),
  positionsForNaive: (db: Kysely<Database>, scope: Scope, s: SeekerProfile, since: string, limit: number) =>
    naiveMatchRepository.positionsFor(employmentDb(db), scope, s, since, limit),
  async positionProfile(db: Kysely<Database>, id: number) {
    // The benchmark reads any position of the city it made, whoever organised its fair.
    const p = await fairRepository.findPosition(employmentDb(db), id, Scope.everywhere);
    if (!p) throw new Error(`no position ${id}`);
    return p;
  },
  seekersFor: (
    db: Kysely<Database>,
    scope: Scope,
    p: Parameters<typeof matchRepository.seekersFor>[2],
    limit: number,
    narrow = true,
  ) => matchRepository.seekersFor(employmentDb(db), scope, p, limit, narrow),
  seekersForNaive: (
    db: Kysely<Database>,
    scope: Scope,
    p: Parameters<typeof matchRepository.seekersFor>[2],
    limit: number,
  ) => naiveMatchRepository.seekersFor(employmentDb(db), scope, p, limit),
  figures: (db: Kysely<Database>, scope: Scope, year: number) =>
    figuresRepository.total(employmentDb(db), scope, `${year}-01-01`, `${year}-12-31`),
  figuresNaive: (db: Kysely<Database>, scope: Scope, year: number) =>
    naiveMatchRepository.figures(employmentDb(db), scope, `${year}-01-01`, `${year}-12-31`),
};
