import { formationCampaignContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { formationCampaignRoutes } from './formation-campaign.routes.ts';
import * as m20261201T2130 from './migrations/20261201T2130_formation_campaign_audit_names.ts';

/**
 * 双帮双比: campaigns to form unions and party organisations in target employers. Its tables come with
 * the employers' first migration and its demo campaign with the employers' demo; it reads and writes
 * under the employer and indicator permissions.
 */
export const formationCampaignsModule: GonghuiModule = {
  name: 'formation-campaigns',
  routes: [formationCampaignRoutes],
  grants: {},
  contract: formationCampaignContract,
  migrations: { '20261201T2130_formation_campaign_audit_names': m20261201T2130 },
};
