import { agreementContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import * as m0006 from './migrations/0006_collective_agreements.ts';
import * as m20261201T1720 from './migrations/20261201T1720_agreement_start_order.ts';
import { loadAgreementsDemo } from './agreement.demo.ts';
import { agreementRoutes } from './agreement.routes.ts';

/** The collective agreements register: enterprise, regional and industry agreements and whom they cover. */
export const agreementsModule: GonghuiModule = {
  name: 'agreements',
  routes: [agreementRoutes],
  grants: { 'agreement:read': ['admin', 'cadre', 'viewer'], 'agreement:write': ['admin', 'cadre'] },
  contract: agreementContract,
  migrations: { '0006_collective_agreements': m0006, '20261201T1720_agreement_start_order': m20261201T1720 },
  demo: (db) => loadAgreementsDemo(db),
};

export { loadAgreementsDemo } from './agreement.demo.ts';
