import type { Kysely } from 'kysely';
import {
  caseStatuses,
  caseTypes,
  hardshipCategories,
  orgLevels,
  type AssistanceDashboard,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { dashboardRepository as repo } from './dashboard.repository.ts';

/** The centre's figures for a year in the caller's territory: cases, clocks, handling time, money, archives. */
export const dashboardService = {
  async get(db: Kysely<Database>, actor: Actor, year?: number): Promise<AssistanceDashboard> {
    const now = today();
    const y = year ?? Number(now.slice(0, 4));
    const from = `${y}-01-01`;
    const to = `${y}-12-31`;
    const scope = await scopeOf(db, actor);
    const [groups, clocks, handling, paid, archives] = await Promise.all([
      repo.caseGroups(db, scope, from, to),
      repo.clocks(db, scope, now),
      repo.handlingTime(db, scope, from, to),
      repo.paid(db, scope, from, to),
      repo.archives(db, scope),
    ]);
    const sum = <K extends string>(keys: readonly K[], key: (g: (typeof groups)[number]) => K) =>
      keys.map((k) => groups.filter((g) => key(g) === k).reduce((t, g) => t + g.n, 0));
    const statusCounts = sum(caseStatuses, (g) => g.status);
    const levelCounts = sum(orgLevels, (g) => g.level);
    return {
      year: y,
      byType: caseTypes.map((type) => ({
        type,
        open: groups.filter((g) => g.type === type && !g.closed).reduce((t, g) => t + g.n, 0),
        closed: groups.filter((g) => g.type === type && g.closed).reduce((t, g) => t + g.n, 0),
      })),
      byStatus: caseStatuses.map((status, i) => ({ status, n: statusCounts[i] })),
      byLevel: orgLevels.map((level, i) => ({ level, n: levelCounts[i] })).filter((l) => l.n > 0),
      overdue: clocks.overdue,
      dueSoon: clocks.dueSoon,
      medianWorkingDays: handling.median,
      closedCount: handling.n,
      paidByFundMonth: paid.map((p) => ({ fund: p.fund, month: p.month, amountFen: Number(p.amountFen) })),
      archivesByCategory: hardshipCategories.map((category) => ({
        category,
        n: archives.find((a) => a.category === category)?.n ?? 0,
      })),
    };
  },
};
