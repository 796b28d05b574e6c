import { agreementContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import * as m0006 from './migrations/0006_collective_agreements.ts';
import { loadAgreementsDemo } from './agreement.demo.ts';
import { agreementExport } from './agreement.export.ts';
import { agreementRoutes } from './agreement.routes.ts';

/** The collective agreements register: enterprise, regional and industry agreements and whom they cover. */
export const agreementsModule: GonghuiModule = {
  name: 'agreements',
  routes: [agreementRoutes],
  grants: { 'agreement:read': ['admin', 'cadre', 'viewer'], 'agreement:write': ['admin', 'cadre'] },
  contract: agreementContract,
  exports: [agreementExport.registration],
  migrations: { '0006_collective_agreements': m0006 },
  demo: (db) => loadAgreementsDemo(db),
};

export { loadAgreementsDemo } from './agreement.demo.ts';
