import { sql, type Kysely } from 'kysely';

/**
 * The 双帮双比 module has one name, formation campaign, in its routes, its contracts and its audit entries:
 * entries written as `campaign.*` read `formation_campaign.*`, and the campaign fields their details name
 * (`campaign`, `campaignId`) read `formationCampaign`, `formationCampaignId`, so the log's action filter and
 * its labels find the old entries too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await renameDetailKey(db, 'campaign', 'formationCampaign');
  await renameDetailKey(db, 'campaignId', 'formationCampaignId');
  await sql`
    update audit_log set action = 'formation_campaign.' || substr(action, length('campaign.') + 1)
    where action like 'campaign.%'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update audit_log set action = 'campaign.' || substr(action, length('formation_campaign.') + 1)
    where action like 'formation\\_campaign.%'`.execute(db);
  await renameDetailKey(db, 'formationCampaign', 'campaign', 'campaign.%');
  await renameDetailKey(db, 'formationCampaignId', 'campaignId', 'campaign.%');
}

async function renameDetailKey(db: Kysely<unknown>, from: string, to: string, actions = 'campaign.%') {
  for (const column of ['before', 'after'] as const) {
    await sql`
      update audit_log
      set ${sql.ref(column)} = (${sql.ref(column)} - ${from}::text) || jsonb_build_object(${to}::text, ${sql.ref(column)} -> ${from}::text)
      where action like ${actions} and jsonb_exists(${sql.ref(column)}, ${from})`.execute(db);
  }
}
