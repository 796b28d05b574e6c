import { agreementContract } from './agreements.ts';
import { assistanceContract } from './assistance.ts';
import { employerContract } from './employers.ts';
import { employmentContract } from './employment.ts';
import { formationCampaignContract } from './formation-campaigns.ts';
import { indicatorContract } from './indicators.ts';
import { memberContract } from './members.ts';
import { modelWorkerContract } from './model-workers.ts';
import { campaignContract } from './campaigns.ts';

/** Every module's contract: one line here per module, as on the server (`server/src/modules/index.ts`). */
export const moduleContracts = [
  employerContract,
  indicatorContract,
  formationCampaignContract,
  memberContract,
  agreementContract,
  assistanceContract,
  employmentContract,
  modelWorkerContract,
  campaignContract,
] as const;
