import { AGREEMENT_EXPIRING_DAYS, agreementContract } from '@gonghui/contracts';
import type { GonghuiModule } from '../../platform/module.ts';
import * as m0006 from './migrations/0006_collective_agreements.ts';
import * as m20261201T1720 from './migrations/20261201T1720_agreement_start_order.ts';
import { loadAgreementsDemo } from './agreement.demo.ts';
import { agreementExport } from './agreement.export.ts';
import { agreementRoutes } from './agreement.routes.ts';
import { agreementRepository } from './agreement.repository.ts';
import { today } from '../../platform/orgs/dates.ts';
import dayjs from 'dayjs';

/** The collective agreements register: enterprise, regional and industry agreements and whom they cover. */
export const agreementsModule: GonghuiModule = {
  name: 'agreements',
  routes: [agreementRoutes],
  grants: { 'agreement:read': ['admin', 'cadre', 'viewer'], 'agreement:write': ['admin', 'cadre'] },
  contract: agreementContract,
  exports: [agreementExport.registration],
  migrations: { '0006_collective_agreements': m0006, '20261201T1720_agreement_start_order': m20261201T1720 },
  counters: [
    {
      key: 'agreements-ending',
      title: '90 天内到期的集体合同',
      suffix: '份',
      link: '/agreements?status=expiring&sort=endsOn&order=asc',
      note: '按到期日查看，及时续签',
      permission: 'agreement:read',
      count: (db, _actor, scope) =>
        agreementRepository.countEndingBetween(
          db,
          scope,
          today(),
          dayjs(today()).add(AGREEMENT_EXPIRING_DAYS, 'day').format('YYYY-MM-DD'),
        ),
    },
  ],
  demo: (db) => loadAgreementsDemo(db),
};

export { loadAgreementsDemo } from './agreement.demo.ts';
