import {
  employerSizes,
  partyStatuses,
  unionStatuses,
  type EmployerSize,
  type PartyStatus,
  type UnionStatus,
} from '@gonghui/contracts';
import type { EmployerListParams, EmployerSort } from '../api/employers.ts';

const sorts: readonly EmployerSort[] = ['name', 'employees', 'registeredOn', 'updatedAt', 'creditCode'];

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function positiveInt(raw: string | null, fallback: number, max: number): number {
  const parsed = Number(raw);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : fallback;
}

export const defaultListParams: EmployerListParams = {
  q: '',
  sort: 'name',
  order: 'asc',
  page: 1,
  pageSize: 20,
};

/** The list's state from the address bar, ignoring anything malformed. */
export function parseListParams(params: URLSearchParams): EmployerListParams {
  const above = params.get('aboveScale');
  const industry = params.get('industry');
  const org = params.get('orgUnitId');
  return {
    q: (params.get('q') ?? '').slice(0, 50),
    unionStatus: oneOf<UnionStatus>(unionStatuses, params.get('unionStatus')),
    partyStatus: oneOf<PartyStatus>(partyStatuses, params.get('partyStatus')),
    size: oneOf<EmployerSize>(employerSizes, params.get('size')),
    aboveScale: above === 'true' ? true : above === 'false' ? false : undefined,
    industry: industry && /^([A-T]|\d{2})$/.test(industry) ? industry : undefined,
    orgUnitId: org && /^\d{1,10}$/.test(org) ? positiveInt(org, 0, 2147483647) || undefined : undefined,
    includeClosed: params.get('includeClosed') === 'true' || undefined,
    sort: oneOf(sorts, params.get('sort')) ?? 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: positiveInt(params.get('page'), 1, 1_000_000),
    pageSize: positiveInt(params.get('pageSize'), 20, 200),
  };
}

/** The address-bar form of the list's state, leaving out the defaults. */
export function toSearchParams(state: EmployerListParams, keep: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(keep);
  for (const [key, value] of Object.entries(state)) {
    const fallback = (defaultListParams as unknown as Record<string, unknown>)[key];
    if (value === undefined || value === '' || value === fallback) next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}
