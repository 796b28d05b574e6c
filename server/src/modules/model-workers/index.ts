import { modelWorkerContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { loadModelWorkersDemo } from './model-workers.demo.ts';
import * as m20261202T0030 from './migrations/20261202T0030_model_workers.ts';
import { modelWorkerExport } from './registry/model-worker.export.ts';
import { modelWorkerRoutes } from './registry/model-worker.routes.ts';
import { rollLineExport } from './subsidies/roll.export.ts';
import { subsidyRoutes } from './subsidies/subsidy.routes.ts';
import { visitExport } from './visits/visit.export.ts';
import { visitRoutes } from './visits/visit.routes.ts';
import * as m20261202T0100 from './migrations/20261202T0100_model_worker_visits.ts';

/** Model workers (劳动模范): the registry, the versioned subsidy rules, the subsidy rolls and the visits. */
export const modelWorkersModule: GonghuiModule = {
  name: 'model-workers',
  routes: [modelWorkerRoutes, subsidyRoutes, visitRoutes],
  grants: {
    'model_worker:read': ['admin', 'cadre', 'viewer'],
    'model_worker:write': ['admin', 'cadre'],
    'model_worker:reveal': ['admin', 'cadre'],
    'model_worker:approve': ['admin'],
  },
  contract: modelWorkerContract,
  exports: [modelWorkerExport.registration, rollLineExport.registration, visitExport.registration],
  migrations: {
    '20261202T0030_model_workers': m20261202T0030,
    '20261202T0100_model_worker_visits': m20261202T0100,
  },
  demo: (db) => loadModelWorkersDemo(db),
};
