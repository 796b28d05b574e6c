import { modelWorkerContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { modelWorkerAuditTargets } from './model-workers.names.ts';
import { loadModelWorkersDemo } from './model-workers.demo.ts';
import * as m20261202T0030 from './migrations/20261202T0030_model_workers.ts';
import { modelWorkerExport } from './registry/model-worker.export.ts';
import { modelWorkerRoutes } from './registry/model-worker.routes.ts';
import { rollLineExport } from './subsidies/roll.export.ts';
import { subsidyRoutes } from './subsidies/subsidy.routes.ts';
import { visitExport } from './visits/visit.export.ts';
import { visitRoutes } from './visits/visit.routes.ts';
import * as m20261202T0100 from './migrations/20261202T0100_model_worker_visits.ts';
import * as m20261202T0500 from './migrations/20261202T0500_model_worker_imports.ts';
import { modelWorkerImportRoutes } from './import/model-worker-import.routes.ts';

/** Model workers (劳动模范): the registry and its import, the versioned subsidy rules, the subsidy rolls and the visits. */
export const modelWorkersModule: GonghuiModule = {
  name: 'model-workers',
  auditTargets: modelWorkerAuditTargets,
  routes: [modelWorkerRoutes, modelWorkerImportRoutes, subsidyRoutes, visitRoutes],
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
    '20261202T0500_model_worker_imports': m20261202T0500,
  },
  demo: (db) => loadModelWorkersDemo(db),
};
