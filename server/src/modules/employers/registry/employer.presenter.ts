import { nonPublicCategories, partyStatusLabels, unionStatusLabels, type Employer } from '@gonghui/contracts';
import { NO, sheetColumns, YES, type SheetKey } from '../import/employer.sheet.ts';
import type { EmployerWithUnit } from './employer.repository.ts';

/** A stored employer row as the API shows it. */
export function presentEmployer(r: EmployerWithUnit): Employer {
  return {
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    unitCategory: r.unitCategory,
    industryCode: r.industryCode,
    employees: r.employees,
    aboveScale: r.aboveScale,
    nonPublic: nonPublicCategories.includes(r.unitCategory),
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    grassrootsUnionId: r.grassrootsUnionId,
    grassrootsUnionName: r.grassrootsUnionName,
    address: r.address,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    unionStatus: r.unionStatus,
    partyStatus: r.partyStatus,
    instructorName: r.instructorName,
    registeredOn: r.registeredOn,
    closedOn: r.closedOn,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** The date of an employer's latest change of each aspect. */
export interface ChangeDates {
  union?: string;
  party?: string;
  instructor?: string;
}

/** The template's cells for one employer; `since` holds the dates of its latest changes. */
export function sheetValues(r: EmployerWithUnit, since: ChangeDates): string[] {
  const cells: Record<SheetKey, string> = {
    creditCode: r.creditCode,
    name: r.name,
    unitCategory: r.unitCategory,
    industryCode: r.industryCode,
    employees: String(r.employees),
    aboveScale: r.aboveScale ? YES : NO,
    localityCode: r.orgUnitDivisionCode ?? '',
    localityName: r.orgUnitName,
    address: r.address ?? '',
    contactName: r.contactName ?? '',
    contactPhone: r.contactPhone ?? '',
    registeredOn: r.registeredOn,
    unionStatus: unionStatusLabels[r.unionStatus],
    unionSince: since.union ?? '',
    partyStatus: partyStatusLabels[r.partyStatus],
    partySince: since.party ?? '',
    instructorName: r.instructorName ?? '',
    instructorSince: since.instructor ?? '',
  };
  return sheetColumns.map((c) => cells[c.key]);
}
