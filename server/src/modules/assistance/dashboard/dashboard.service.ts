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
import { stateCouncilCalendar, type WorkingDayTest } from '../clocks/clock.definitions.ts';
import { dashboardRepository as repo } from './dashboard.repository.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const asIso = (v: unknown) => (v instanceof Date ? iso(v) : String(v));

/** Working days after `from` up to and including `to` (a case closed the day it came in took 0). */
export function workingDaysBetween(from: string, to: string, working: WorkingDayTest = stateCouncilCalendar) {
  let count = 0;
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (working(iso(d))) count += 1;
  }
  return count;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The centre's figures for a year in the caller's territory: cases, clocks, handling time, money, archives. */
export const dashboardService = {
  async get(db: Kysely<Database>, actor: Actor, year?: number): Promise<AssistanceDashboard> {
    const now = today();
    const y = year ?? Number(now.slice(0, 4));
    const from = `${y}-01-01`;
    const to = `${y}-12-31`;
    const scope = await scopeOf(db, actor);
    const [groups, clocks, spans, paid, archives] = await Promise.all([
      repo.caseGroups(db, scope, from, to),
      repo.clocks(db, scope, now),
      repo.closedSpans(db, scope, from, to),
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
      medianWorkingDays: median(spans.map((s) => workingDaysBetween(asIso(s.receivedOn), asIso(s.closedOn)))),
      closedCount: spans.length,
      paidByFundMonth: paid.map((p) => ({ fund: p.fund, month: p.month, amountFen: Number(p.amountFen) })),
      archivesByCategory: hardshipCategories.map((category) => ({
        category,
        n: archives.find((a) => a.category === category)?.n ?? 0,
      })),
    };
  },
};
