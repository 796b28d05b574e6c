import { indicatorContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import * as m0005 from './migrations/0005_tally_facts.ts';
import { indicatorRoutes } from './indicator.routes.ts';

/** Formation and coverage indicators over the kept per-unit tallies, and the yearly targets. */
export const indicatorsModule: GonghuiModule = {
  name: 'indicators',
  routes: [indicatorRoutes],
  grants: { 'indicator:read': ['admin', 'cadre', 'viewer'], 'target:write': ['admin'] },
  contract: indicatorContract,
  migrations: { '0005_tally_facts': m0005 },
};

// The tallies every module that changes employers, members or agreements keeps up to date.
export { tallyRepository } from './tally.repository.ts';
