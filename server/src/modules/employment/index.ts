import { employmentContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { loadEmploymentDemo } from './employment.demo.ts';
import * as m20261201T2130 from './migrations/20261201T2130_employment.ts';
import { boothExport, fairExport, positionExport } from './fairs/fair.export.ts';
import { fairRoutes } from './fairs/fair.routes.ts';
import { courseExport } from './courses/course.export.ts';
import { courseRoutes } from './courses/course.routes.ts';
import { courseService } from './courses/course.service.ts';
import * as m20261201T2200 from './migrations/20261201T2200_employment_courses.ts';
import { seekerExport } from './seekers/seeker.export.ts';
import { seekerRoutes } from './seekers/seeker.routes.ts';
import { fairService } from './fairs/fair.service.ts';
import { seekerService } from './seekers/seeker.service.ts';

/** Employment assistance: job fairs and their positions, job seekers, matching, recommendations and placements. */
export const employmentModule: GonghuiModule = {
  name: 'employment',
  routes: [fairRoutes, seekerRoutes, courseRoutes],
  grants: { 'employment:read': ['admin', 'cadre', 'viewer'], 'employment:write': ['admin', 'cadre'] },
  contract: employmentContract,
  exports: [
    fairExport.registration,
    positionExport.registration,
    boothExport.registration,
    seekerExport.registration,
    courseExport.registration,
  ],
  migrations: {
    '20261201T2130_employment': m20261201T2130,
    '20261201T2200_employment_courses': m20261201T2200,
  },
  demo: (db) => loadEmploymentDemo(db),
};

// What tests and the demo use of it.
export const employmentServices = { fairs: fairService, seekers: seekerService, courses: courseService };
export { loadEmploymentDemo } from './employment.demo.ts';
