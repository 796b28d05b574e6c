import type { Kysely } from 'kysely';
import { assistanceContract, type AssistanceCase, type IntakeCaseBody } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { GonghuiModule } from '../../platform/module.ts';
import { assistanceAuditTargets } from './assistance.names.ts';
import * as m20261201T2130 from './migrations/20261201T2130_assistance_cases.ts';
import * as m20261201T2230 from './migrations/20261201T2230_hardship_archives.ts';
import * as m20261201T2310 from './migrations/20261201T2310_assistance_given.ts';
import * as m20261201T2330 from './migrations/20261201T2330_mutual_insurance.ts';
import * as m20261201T2345 from './migrations/20261201T2345_living_aid_amount.ts';
import * as m20261202T0100 from './migrations/20261202T0100_case_specifics.ts';
import * as m20261202T0400 from './migrations/20261202T0400_handling_time.ts';
import * as m20261202T0410 from './migrations/20261202T0410_member_link_indexes.ts';
import * as m20261202T0430 from './migrations/20261202T0430_archive_imports.ts';
import * as m20261202T0500 from './migrations/20261202T0500_case_clock_reach.ts';
import { loadAssistanceDemo } from './cases/case.demo.ts';
import { caseExport } from './cases/case.export.ts';
import { caseRoutes } from './cases/case.routes.ts';
import { caseSpecificsRoutes } from './cases/case-specifics.routes.ts';
import { caseService } from './cases/case.service.ts';
import { clockRoutes } from './clocks/clock.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { handlerExport } from './handlers/handler.export.ts';
import { handlerRoutes } from './handlers/handler.routes.ts';
import { ARCHIVE_IMPORT_JOB, runArchiveImport } from './hardship/archive-import.job.ts';
import { archiveImportRoutes } from './hardship/archive-import.routes.ts';
import { loadHardshipDemo } from './hardship/hardship.demo.ts';
import { archiveExport } from './hardship/hardship.export.ts';
import { hardshipRoutes } from './hardship/hardship.routes.ts';
import { loadInsuranceDemo } from './insurance/insurance.demo.ts';
import { claimExport, enrolmentExport } from './insurance/insurance.export.ts';
import { insuranceRoutes } from './insurance/insurance.routes.ts';

/**
 * The one-stop assistance centre: cases through the three-level network with their statutory clocks, and
 * the hardship archives of households in difficulty, and mutual insurance.
 */
export const assistanceModule: GonghuiModule = {
  name: 'assistance',
  auditTargets: assistanceAuditTargets,
  routes: [
    caseRoutes,
    caseSpecificsRoutes,
    handlerRoutes,
    clockRoutes,
    hardshipRoutes,
    archiveImportRoutes,
    insuranceRoutes,
    dashboardRoutes,
  ],
  grants: {
    'assistance:read': ['admin', 'cadre', 'viewer'],
    'assistance:write': ['admin', 'cadre'],
    'assistance:reveal': ['admin', 'cadre'],
    'assistance:configure': ['admin'],
  },
  contract: assistanceContract,
  exports: [
    caseExport.registration,
    handlerExport.registration,
    archiveExport.registration,
    enrolmentExport.registration,
    claimExport.registration,
  ],
  migrations: {
    '20261201T2130_assistance_cases': m20261201T2130,
    '20261201T2230_hardship_archives': m20261201T2230,
    '20261201T2310_assistance_given': m20261201T2310,
    '20261201T2330_mutual_insurance': m20261201T2330,
    '20261201T2345_living_aid_amount': m20261201T2345,
    '20261202T0100_case_specifics': m20261202T0100,
    '20261202T0400_handling_time': m20261202T0400,
    '20261202T0410_member_link_indexes': m20261202T0410,
    '20261202T0430_archive_imports': m20261202T0430,
    '20261202T0500_case_clock_reach': m20261202T0500,
  },
  jobs: { [ARCHIVE_IMPORT_JOB]: runArchiveImport },
  counters: [
    {
      key: 'assistance-overdue',
      title: '已超期的求助案件',
      suffix: '件',
      link: '/assistance/cases?clock=overdue',
      note: '办理期限已过仍未办结',
      permission: 'assistance:read',
      count: (db, _actor, scope) => caseService.countOverdue(db, scope),
    },
  ],
  demo: async (db) => {
    await loadAssistanceDemo(db);
    await loadHardshipDemo(db);
    await loadInsuranceDemo(db);
  },
};

export { loadAssistanceDemo } from './cases/case.demo.ts';
export { assistanceLookups, type PersonAssistance } from './lookups/lookup.service.ts';

/**
 * For another module's referral (a worker in crisis noted at a lecture, a seeker needing help): takes a
 * case in at the caller's own unit exactly as the centre's intake page does, with the same checks, number
 * and clock. The referring module then links its record to the case (`recordLinkService.link`).
 */
export const assistanceReferrals = {
  takeIn: (db: Kysely<Database>, actor: Actor, body: IntakeCaseBody): Promise<AssistanceCase> =>
    caseService.intake(db, actor, body),
};
