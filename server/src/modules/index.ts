import type { GonghuiModule } from '../platform/module.ts';
import { agreementsModule } from './agreements/index.ts';
import { assistanceModule } from './assistance/index.ts';
import { campaignsModule } from './campaigns/index.ts';
import { employersModule } from './employers/index.ts';
import { employmentModule } from './employment/index.ts';
import { formationCampaignsModule } from './formation-campaigns/index.ts';
import { indicatorsModule } from './indicators/index.ts';
import { membersModule } from './members/index.ts';
import { modelWorkersModule } from './model-workers/index.ts';

/**
 * Every module of the app, in the order their demo data loads (a module's demo may use those before it).
 * Adding a module is one line here; see the README's "Adding a module".
 */
export const modules: readonly GonghuiModule[] = [
  employersModule,
  indicatorsModule,
  formationCampaignsModule,
  membersModule,
  agreementsModule,
  assistanceModule,
  employmentModule,
  modelWorkersModule,
  campaignsModule,
];
