import { employmentContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { loadEmploymentDemo } from './employment.demo.ts';
import * as m20261201T2130 from './migrations/20261201T2130_employment.ts';
import { boothExport, fairExport, positionExport } from './fairs/fair.export.ts';
import { fairRoutes } from './fairs/fair.routes.ts';
import { figuresRoutes } from './figures/figures.routes.ts';
import { courseExport } from './courses/course.export.ts';
import { courseRoutes } from './courses/course.routes.ts';
import { courseService } from './courses/course.service.ts';
import * as m20261201T2200 from './migrations/20261201T2200_employment_courses.ts';
import { followUpExport } from './seekers/follow-up.export.ts';
import { followUpService } from './seekers/follow-up.service.ts';
import { seekerExport } from './seekers/seeker.export.ts';
import * as m20261201T2230 from './migrations/20261201T2230_placement_follow_up.ts';
import { seekerRoutes } from './seekers/seeker.routes.ts';
import { fairService } from './fairs/fair.service.ts';
import { seekerService } from './seekers/seeker.service.ts';

/** Employment assistance: job fairs and their positions, job seekers, matching, recommendations and placements. */
export const employmentModule: GonghuiModule = {
  name: 'employment',
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
