import { namesIn, type AuditTargetReader } from '../../platform/audit/audit-names.ts';

/** How the audit log names campaign records: a campaign by its theme, an event by its name. */
export const campaignAuditTargets: Record<string, AuditTargetReader> = {
  campaign: namesIn('campaign', 'theme'),
  campaign_event: namesIn('campaign_event', 'title'),
  campaign_event_type: namesIn('campaign_event_type', 'name'),
  campaign_output: namesIn('campaign_output', 'name'),
};
