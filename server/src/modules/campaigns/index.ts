import { campaignContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { campaignAuditTargets } from './campaigns.names.ts';
import { loadCampaignsDemo } from './campaigns.demo.ts';
import { campaignExport } from './campaigns/campaign.export.ts';
import { campaignRoutes } from './campaigns/campaign.routes.ts';
import { eventExport } from './events/event.export.ts';
import { eventRoutes } from './events/event.routes.ts';
import * as m20261202T0900 from './migrations/20261202T0900_campaigns.ts';
import { rollupExport } from './rollup/rollup.export.ts';
import { rollupRoutes } from './rollup/rollup.routes.ts';
import { eventTypeRoutes } from './settings/event-type.routes.ts';

/** Theme campaigns (主题活动): campaigns over a territory, their events and counted outputs, and roll-ups. */
export const campaignsModule: GonghuiModule = {
  name: 'campaigns',
  auditTargets: campaignAuditTargets,
  routes: [campaignRoutes, eventRoutes, rollupRoutes, eventTypeRoutes],
  grants: {
    'campaign:read': ['admin', 'cadre', 'viewer'],
    'campaign:write': ['admin', 'cadre'],
  },
  contract: campaignContract,
  exports: [campaignExport.registration, eventExport.registration, rollupExport.registration],
  migrations: { '20261202T0900_campaigns': m20261202T0900 },
  demo: (db) => loadCampaignsDemo(db),
};
