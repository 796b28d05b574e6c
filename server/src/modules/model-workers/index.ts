import { modelWorkerContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import * as m20261202T0030 from './migrations/20261202T0030_model_workers.ts';
import { modelWorkerExport } from './registry/model-worker.export.ts';
import { modelWorkerRoutes } from './registry/model-worker.routes.ts';
import { subsidyRoutes } from './subsidies/subsidy.routes.ts';

/** Model workers (劳动模范): the registry, the versioned subsidy rules and the subsidy rolls. */
export const modelWorkersModule: GonghuiModule = {
  name: 'model-workers',
  routes: [modelWorkerRoutes, subsidyRoutes],
  grants: {
    'model_worker:read': ['admin', 'cadre', 'viewer'],
    'model_worker:write': ['admin', 'cadre'],
    'model_worker:reveal': ['admin', 'cadre'],
    'model_worker:approve': ['admin'],
  },
  contract: modelWorkerContract,
  exports: [modelWorkerExport.registration],
  migrations: { '20261202T0030_model_workers': m20261202T0030 },
};
