import { describe, expect, it } from 'vitest';
import type { ClockRule } from '@gonghui/contracts';
import {
  clockOf,
  isDueSoon,
  isOverdue,
  limitEnds,
  publishedThrough,
  workingDaysBefore,
} from '../src/modules/assistance/clocks/clock.definitions.ts';

// Every date here is fixed: the clocks are pure functions of the dates, the rule and the calendar.
const petition: ClockRule = {
  type: 'petition',
  dayKind: 'working',
  acceptDays: 15,
  handleDays: 60,
  handleFromReceipt: false,
  extensionMaxDays: 30,
};
const mediation: ClockRule = {
  type: 'mediation',
  dayKind: 'calendar',
  acceptDays: null,
  handleDays: 15,
  handleFromReceipt: true,
  extensionMaxDays: 0,
};
const facts = { receivedOn: '2026-09-28', acceptedOn: null, extendedDays: null, pauses: [] };

describe('working days on the State Council calendar', () => {
  it('skips the National Day holiday and counts the make-up Saturday (调休) as a working day', () => {
    // 2026: 1–7 October off; Saturday 10 October worked. From Monday 28 September, the 15th working day
    // is Friday 23 October (it would be Monday 26 October if the Saturday did not count).
    expect(limitEnds('2026-09-28', 15, 'working', [])).toBe('2026-10-23');
    expect(limitEnds('2026-09-28', 3, 'working', [])).toBe('2026-10-08');
  });

  it('counts calendar days through holidays', () => {
    expect(limitEnds('2026-09-28', 15, 'calendar', [])).toBe('2026-10-13');
  });

  it('warns 3 working days before the deadline', () => {
    expect(workingDaysBefore('2026-10-23', 3)).toBe('2026-10-20');
    // Over the holiday: 3 working days before Friday 9 October are Thursday 8, Wednesday 30 and Tuesday 29 September.
    expect(workingDaysBefore('2026-10-09', 3)).toBe('2026-09-29');
  });

  it('stops while the case waits on the worker, and has no due date while the wait is open', () => {
    // Waiting from 5 March up to the day before 8 March: 5, 6 and 7 March do not count.
    expect(
      limitEnds('2026-03-01', 15, 'calendar', [{ pausedOn: '2026-03-05', resumedOn: '2026-03-08' }]),
    ).toBe('2026-03-19');
    expect(limitEnds('2026-03-01', 15, 'calendar', [{ pausedOn: '2026-03-05', resumedOn: null }])).toBeNull();
  });
});

describe('the clock of a case', () => {
  it('runs a petition’s 15 working days to accept, then 60 from acceptance with its extension', () => {
    expect(clockOf(petition, { ...facts, type: 'petition', status: 'received' })).toEqual({
      deadlineKind: 'accept',
      dueOn: '2026-10-23',
      warnOn: '2026-10-20',
      provisional: false,
      paused: false,
    });
    const accepted = {
      ...facts,
      type: 'petition' as const,
      status: 'accepted' as const,
      acceptedOn: '2026-09-28',
    };
    const plain = clockOf(petition, accepted);
    const extended = clockOf(petition, { ...accepted, extendedDays: 30 });
    expect(plain.deadlineKind).toBe('handle');
    expect(plain.dueOn).toBe(limitEnds('2026-09-28', 60, 'working', []));
    expect(extended.dueOn).toBe(limitEnds('2026-09-28', 90, 'working', []));
  });

  it('flags mediation for arbitration 15 calendar days after the application, whatever the status', () => {
    for (const status of ['received', 'accepted', 'in_progress'] as const) {
      const s = clockOf(mediation, { ...facts, type: 'mediation', status, acceptedOn: '2026-09-29' });
      expect(s).toMatchObject({ deadlineKind: 'arbitration', dueOn: '2026-10-13' });
    }
    expect(clockOf(mediation, { ...facts, type: 'mediation', status: 'resolved' }).dueOn).toBeNull();
  });

  it('marks a due date past the published calendar as provisional', () => {
    const last = publishedThrough();
    expect(last).toBeGreaterThanOrEqual(2026);
    const late = clockOf(petition, {
      ...facts,
      type: 'petition',
      status: 'received',
      receivedOn: `${last}-12-20`,
    });
    expect(late.dueOn!.startsWith(String(last + 1))).toBe(true);
    expect(late.provisional).toBe(true);
    // The same case once the next year is published is no longer provisional.
    const republished = clockOf(
      petition,
      { ...facts, type: 'petition', status: 'received', receivedOn: `${last}-12-20` },
      { publishedYear: last + 1 },
    );
    expect(republished.provisional).toBe(false);
  });

  it('tells overdue from due soon on a frozen day', () => {
    const s = { dueOn: '2026-10-23', warnOn: '2026-10-20' };
    expect(isDueSoon(s, '2026-10-19')).toBe(false);
    expect(isDueSoon(s, '2026-10-20')).toBe(true);
    expect(isDueSoon(s, '2026-10-23')).toBe(true);
    expect(isOverdue(s, '2026-10-23')).toBe(false);
    expect(isOverdue(s, '2026-10-24')).toBe(true);
    expect(isDueSoon(s, '2026-10-24')).toBe(false);
  });
});
