import type { Campaign } from '@gonghui/contracts';
import { scopeContains, type Scope } from '../../../platform/scope.ts';
import type { CampaignRow } from './campaign.repository.ts';

export type TerritoryUnit = { id: number; name: string; path: string };
export type CampaignRecordRow = CampaignRow & { territory: TerritoryUnit[] };

/** A campaign as the caller sees it: its figures count the events in the caller's scope. */
export function presentCampaign(r: CampaignRecordRow, scope: Scope): Campaign {
  return {
    id: r.id,
    theme: r.theme,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    description: r.description,
    territory: r.territory.map((t) => ({ id: t.id, name: t.name })),
    events: Number(r.events ?? 0),
    participants: Number(r.participants ?? 0),
    mayEdit: scopeContains(scope, r.orgUnitPath),
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** What the audit log keeps of a campaign: what it is, not the caller's figures of the moment. */
export function campaignAuditView(c: Campaign) {
  return {
    theme: c.theme,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    orgUnitName: c.orgUnitName,
    description: c.description,
    territory: c.territory.map((t) => t.name),
  };
}
