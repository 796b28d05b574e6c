import { employerContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import * as m0002 from './migrations/0002_employers.ts';
import * as m20261201T1600 from './migrations/20261201T1600_employer_import_undo.ts';
import * as m20261201T1700 from './migrations/20261201T1700_employer_name_grams.ts';
import * as m20261201T2210 from './migrations/20261201T2210_employer_list_orders.ts';
import * as m20261202T0100 from './migrations/20261202T0100_employer_name_sort.ts';
import { loadEmployerDemo } from './registry/employer.demo.ts';
import { EMPLOYER_IMPORT_JOB, runEmployerImport } from './import/employer-import.job.ts';
import { employerImportRoutes } from './import/employer-import.routes.ts';
import { employerRoutes } from './registry/employer.routes.ts';
import { employerExport } from './export/employer.export.ts';

/** The enterprise register: employers, their union and party formation, the register's import. */
export const employersModule: GonghuiModule = {
  name: 'employers',
  routes: [employerRoutes, employerImportRoutes],
  grants: { 'employer:read': ['admin', 'cadre', 'viewer'], 'employer:write': ['admin', 'cadre'] },
  contract: employerContract,
  jobs: { [EMPLOYER_IMPORT_JOB]: runEmployerImport },
  exports: [employerExport.registration],
  // The register's first migration also holds the formation campaign's and the indicators' tables.
  migrations: {
    '0002_employers': m0002,
    '20261201T1600_employer_import_undo': m20261201T1600,
    '20261201T1700_employer_name_grams': m20261201T1700,
    '20261201T2210_employer_list_orders': m20261201T2210,
    '20261202T0100_employer_name_sort': m20261202T0100,
  },
  demo: (db) => loadEmployerDemo(db),
};

// What other modules, the command line and the demo use of it.
export { employerImportService } from './import/employer-import.service.ts';
export { runEmployerImport, type ImportResult } from './import/employer-import.job.ts';
export { exportEmployers } from './export/employer.export.ts';
export { employerRepository } from './registry/employer.repository.ts';
export { loadEmployerDemo, DONGBANG } from './registry/employer.demo.ts';
