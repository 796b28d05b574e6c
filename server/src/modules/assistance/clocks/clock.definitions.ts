import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import type { CaseStatus, CaseType, ClockRule, DeadlineKind } from '@gonghui/contracts';

const require = createRequire(import.meta.url);

const rule = (
  type: CaseType,
  dayKind: ClockRule['dayKind'],
  acceptDays: number | null,
  handleDays: number,
  handleFromReceipt: boolean,
  extensionMaxDays: number,
): ClockRule => ({ type, dayKind, acceptDays, handleDays, handleFromReceipt, extensionMaxDays });

/**
 * The default limits per case type. They follow the law: 《信访工作条例》 (15 days to decide on
 * acceptance, 60 to handle, one extension of at most 30); 《劳动争议调解仲裁法》第十四条 (no agreement 15
 * calendar days after the application: refer to arbitration). The other types' limits are the centre's
 * own, in working days. The city changes them through the clock-rule settings.
 */
export const DEFAULT_CLOCK_RULES: Record<CaseType, ClockRule> = {
  petition: rule('petition', 'working', 15, 60, false, 30),
  mediation: rule('mediation', 'calendar', null, 15, true, 0),
  legal_aid: rule('legal_aid', 'working', 5, 60, false, 30),
  living_aid: rule('living_aid', 'working', 5, 20, false, 10),
  mutual_insurance: rule('mutual_insurance', 'working', 5, 20, false, 10),
  employment: rule('employment', 'working', 5, 30, false, 10),
};

/** A deadline's warning comes this many working days before it. */
export const WARNING_WORKING_DAYS = 3;

/**
 * The last year the State Council holiday calendar in the `chinese-days` package covers. A due date after
 * it is provisional: the package treats those years as plain weeks, and a newer package moves it.
 */
export function publishedThrough(): number {
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> };
  return Math.max(...Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
}

/** A day off or on, by the calendar: weekends are off unless they are make-up working days (调休). */
export type WorkingDayTest = (date: string) => boolean;
export const stateCouncilCalendar: WorkingDayTest = (d) => chineseDays.isWorkday(d);

export interface Pause {
  pausedOn: string;
  resumedOn: string | null;
}

function addCalendarDays(date: string, n: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whether the clock stands still on `date`: from the day a case began to wait up to the day before it resumed. */
function pausedOn(pauses: readonly Pause[], date: string): boolean {
  return pauses.some((p) => p.pausedOn <= date && (p.resumedOn === null || date < p.resumedOn));
}

/**
 * The day a limit of `days` runs out, counting from the day after `start`: calendar days, or working days
 * of the State Council calendar (make-up days count, holidays do not). Days while the case waited on the
 * worker do not count. Null while a pause is still open.
 */
export function limitEnds(
  start: string,
  days: number,
  dayKind: ClockRule['dayKind'],
  pauses: readonly Pause[],
  working: WorkingDayTest = stateCouncilCalendar,
): string | null {
  if (pauses.some((p) => p.resumedOn === null)) return null;
  let d = start;
  let counted = 0;
  while (counted < days) {
    d = addCalendarDays(d, 1);
    if (pausedOn(pauses, d)) continue;
    if (dayKind === 'calendar' || working(d)) counted += 1;
  }
  return d;
}

/** The working day `n` working days before `date` (the warning date of a deadline). */
export function workingDaysBefore(date: string, n: number, working: WorkingDayTest = stateCouncilCalendar) {
  let d = date;
  let counted = 0;
  while (counted < n) {
    d = addCalendarDays(d, -1);
    if (working(d)) counted += 1;
  }
  return d;
}

/**
 * Working days after `from` up to and including `to` on the calendar (a case closed the day it came in
 * took 0): a closed case's handling time, stored with it so the figures read it in SQL.
 */
export function workingDaysBetween(from: string, to: string, working: WorkingDayTest = stateCouncilCalendar) {
  let count = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (working(d)) count += 1;
  return count;
}

export interface ClockFacts {
  type: CaseType;
  status: CaseStatus;
  receivedOn: string;
  acceptedOn: string | null;
  extendedDays: number | null;
  pauses: readonly Pause[];
}

export interface ClockState {
  deadlineKind: DeadlineKind | null;
  dueOn: string | null;
  warnOn: string | null;
  /** The due date lies past the published holiday calendar and will move when it is published. */
  provisional: boolean;
  paused: boolean;
}

const none = (paused: boolean): ClockState => ({
  deadlineKind: null,
  dueOn: null,
  warnOn: null,
  provisional: false,
  paused,
});

/**
 * The deadline a case runs against now, from its type's rule: before acceptance the decision to accept;
 * after it the handling limit (with any extension); for a limit counted from receipt (mediation) the one
 * limit from the application on. A final case has none.
 */
export function clockOf(
  rule: ClockRule,
  c: ClockFacts,
  options: { working?: WorkingDayTest; publishedYear?: number } = {},
): ClockState {
  const paused = c.pauses.some((p) => p.resumedOn === null);
  if (c.status === 'resolved' || c.status === 'closed' || c.status === 'rejected') return none(false);
  let kind: DeadlineKind | null = null;
  let start: string | null = null;
  let days: number | null = null;
  const handleKind: DeadlineKind = c.type === 'mediation' ? 'arbitration' : 'handle';
  if (c.status === 'received' && rule.acceptDays !== null) {
    [kind, start, days] = ['accept', c.receivedOn, rule.acceptDays];
  } else if (rule.handleDays !== null && rule.handleFromReceipt) {
    [kind, start, days] = [handleKind, c.receivedOn, rule.handleDays + (c.extendedDays ?? 0)];
  } else if (rule.handleDays !== null && c.status !== 'received' && c.acceptedOn) {
    [kind, start, days] = [handleKind, c.acceptedOn, rule.handleDays + (c.extendedDays ?? 0)];
  }
  if (kind === null || start === null || days === null) return none(paused);
  const working = options.working ?? stateCouncilCalendar;
  const dueOn = limitEnds(start, days, rule.dayKind, c.pauses, working);
  if (dueOn === null) return { ...none(true), deadlineKind: kind };
  const year = options.publishedYear ?? publishedThrough();
  return {
    deadlineKind: kind,
    dueOn,
    warnOn: workingDaysBefore(dueOn, WARNING_WORKING_DAYS, working),
    provisional: Number(dueOn.slice(0, 4)) > year,
    paused,
  };
}

/** Whether a case is past its due date on `today` (a paused clock is never overdue). */
export function isOverdue(s: Pick<ClockState, 'dueOn'>, today: string): boolean {
  return s.dueOn !== null && s.dueOn < today;
}

/** Whether a deadline's warning has come on `today`, and the deadline has not yet passed. */
export function isDueSoon(s: Pick<ClockState, 'dueOn' | 'warnOn'>, today: string): boolean {
  return s.dueOn !== null && s.warnOn !== null && s.warnOn <= today && today <= s.dueOn;
}
