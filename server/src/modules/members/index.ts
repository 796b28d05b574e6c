import { memberContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import * as m0003 from './migrations/0003_members.ts';
import * as m0004 from './migrations/0004_member_exports.ts';
import * as m20261201T1000 from './migrations/20261201T1000_member_import_traceable.ts';
import * as m20261201T1621 from './migrations/20261201T1621_member_exports_to_platform.ts';
import * as m20261201T1710 from './migrations/20261201T1710_member_name_in_union.ts';
import * as m20261201T2200 from './migrations/20261201T2200_member_list_orders.ts';
import { loadMembersDemo } from './registry/member.demo.ts';
import { DEMO_ROSTERS_JOB, loadRemainingRosters } from './registry/member-roster.demo.ts';
import { memberExport } from './export/member-export.job.ts';
import { MEMBER_IMPORT_JOB, runMemberImport } from './import/member-import.job.ts';
import { memberImportRoutes } from './import/member-import.routes.ts';
import { memberRoutes } from './registry/member.routes.ts';
import { transferRoutes } from './transfers/transfer.routes.ts';
import { transferService } from './transfers/transfer.service.ts';

/** The real-name member registry: enrolment, transfers between unions, roster imports and exports. */
export const membersModule: GonghuiModule = {
  name: 'members',
  routes: [memberRoutes, transferRoutes, memberImportRoutes],
  grants: {
    'member:read': ['admin', 'cadre', 'viewer'],
    'member:write': ['admin', 'cadre'],
    'member:reveal': ['admin'],
    'transfer:write': ['admin', 'cadre'],
  },
  contract: memberContract,
  jobs: { [MEMBER_IMPORT_JOB]: runMemberImport, [DEMO_ROSTERS_JOB]: loadRemainingRosters },
  exports: [memberExport.registration],
  migrations: {
    '0003_members': m0003,
    '0004_member_exports': m0004,
    '20261201T1000_member_import_traceable': m20261201T1000,
    '20261201T1621_member_exports_to_platform': m20261201T1621,
    '20261201T1710_member_name_in_union': m20261201T1710,
    '20261201T2200_member_list_orders': m20261201T2200,
  },
  counters: [
    {
      key: 'pending-transfers',
      title: '待接收的会员接转',
      suffix: '件',
      // The list the figure counts: what waits for the caller's decision.
      link: '/members/transfers?box=inbox&status=pending',
      note: '点击前往会员关系接转',
      permission: 'member:read',
      count: async (db, actor) =>
        (await transferService.list(db, actor, { box: 'inbox', status: 'pending', page: 1, pageSize: 1 }))
          .total,
    },
  ],
  demo: (db) => loadMembersDemo(db),
  demoJobs: [DEMO_ROSTERS_JOB],
};

// What other modules and the command line use of it.
export { moveMembersOfClosedEmployer } from './registry/employer-closure.service.ts';
export { memberImportService } from './import/member-import.service.ts';
export { runMemberImport } from './import/member-import.job.ts';
export { exportFilter } from './export/member-export.job.ts';
export { memberRosterExport } from './export/member-export.writer.ts';
export { memberRepository } from './registry/member.repository.ts';
export { readRoster, rosterWriter } from './import/member.sheet.ts';
