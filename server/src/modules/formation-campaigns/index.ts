import { formationCampaignContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import { campaignRoutes } from './campaign.routes.ts';

/**
 * 双帮双比: campaigns to form unions and party organisations in target employers. Its tables come with
 * the employers' first migration and its demo campaign with the employers' demo; it reads and writes
 * under the employer and indicator permissions.
 */
export const formationCampaignsModule: GonghuiModule = {
  name: 'formation-campaigns',
  routes: [campaignRoutes],
  grants: {},
  contract: formationCampaignContract,
};
