import type { Fair, FairEmployer, JobCategory, Position, Suitability } from '@gonghui/contracts';
import type { FairRow, PositionRow } from './fair.repository.ts';

/** A stored fair as the API shows it. */
export function presentFair(r: FairRow): Fair {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    heldOn: r.heldOn,
    venue: r.venue,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    note: r.note,
    employerCount: r.employerCount,
    positionCount: r.positionCount,
    openings: r.openings,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** A position as the API shows it. */
export function presentPosition(r: PositionRow): Position {
  return {
    id: r.id,
    fairId: r.fairId,
    fairTitle: r.fairTitle,
    heldOn: r.heldOn,
    fairEmployerId: r.fairEmployerId,
    employerName: r.employerName,
    title: r.title,
    jobCategory: r.jobCategory as JobCategory,
    openings: r.openings,
    payMinFen: r.payMinFen,
    payMaxFen: r.payMaxFen,
    requirements: r.requirements,
    skills: r.skills,
    suitability: r.suitability as Suitability[],
  };
}

export function presentFairEmployer(r: FairEmployer): FairEmployer {
  return { ...r };
}
