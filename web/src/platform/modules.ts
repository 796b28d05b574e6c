import { agreementsModule } from '../modules/agreements/index.ts';
import { assistanceModule } from '../modules/assistance/index.ts';
import { auditModule } from '../modules/audit/index.ts';
import { formationCampaignsModule } from '../modules/formation-campaigns/index.ts';
import { employersModule } from '../modules/employers/index.ts';
import { employmentModule } from '../modules/employment/index.ts';
import { indicatorsModule } from '../modules/indicators/index.ts';
import { membersModule } from '../modules/members/index.ts';
import { modelWorkersModule } from '../modules/model-workers/index.ts';
import { orgsModule } from '../modules/orgs/index.ts';
import { usersModule } from '../modules/users/index.ts';
import { workbenchModule } from '../modules/workbench/index.ts';
import type { WebModule } from './module.ts';

/** The app's modules, in the order of the side menu; the router and the menu read this list only. */
export const webModules: readonly WebModule[] = [
  workbenchModule,
  orgsModule,
  employersModule,
  indicatorsModule,
  formationCampaignsModule,
  agreementsModule,
  membersModule,
  assistanceModule,
  employmentModule,
  modelWorkersModule,
  usersModule,
  auditModule,
];
