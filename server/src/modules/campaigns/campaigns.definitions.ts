import { sql, type ColumnType, type Generated, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CampaignOutputTable {
  id: Generated<number>;
  code: string;
  name: string;
  unit: string;
  definition: string;
  sort: number;
}

export interface CampaignEventTypeTable {
  id: Generated<number>;
  code: string;
  name: string;
  active: Generated<boolean>;
  sort: number;
}

export interface CampaignEventTypeOutputTable {
  type_code: string;
  output_code: string;
  sort: number;
}

export interface CampaignTable {
  id: Generated<number>;
  org_unit_id: number;
  theme: string;
  starts_on: string;
  ends_on: string;
  description: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignTerritoryTable {
  campaign_id: number;
  org_unit_id: number;
}

export interface CampaignEventTable {
  id: Generated<number>;
  campaign_id: number | null;
  org_unit_id: number;
  type_code: string;
  title: string;
  held_on: string;
  place: string | null;
  employer_id: number | null;
  participants: number;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignEventOutputTable {
  event_id: number;
  output_code: string;
  count: number;
}

/** The module's own tables; the platform's `Database` does not list them, so they are added here. */
export type CampaignTables = {
  campaign_output: CampaignOutputTable;
  campaign_event_type: CampaignEventTypeTable;
  campaign_event_type_output: CampaignEventTypeOutputTable;
  campaign: CampaignTable;
  campaign_territory: CampaignTerritoryTable;
  campaign_event: CampaignEventTable;
  campaign_event_output: CampaignEventOutputTable;
};

export type CampaignDatabase = Database & CampaignTables;
export type Db = Kysely<CampaignDatabase> | Transaction<CampaignDatabase>;
export type PlatformDb = Kysely<Database> | Transaction<Database>;

/** The platform's handle seen with the module's tables as well (same connection, no copy). */
export function campaignDb(db: Kysely<Database>): Kysely<CampaignDatabase>;
export function campaignDb(db: Transaction<Database>): Transaction<CampaignDatabase>;
export function campaignDb(db: PlatformDb): Db;
export function campaignDb(db: PlatformDb): Db {
  return db.withTables<CampaignTables>();
}

/** The same handle typed as the platform's, for platform helpers typed on its `Database` alone. */
export function platformDb(db: Db): PlatformDb {
  return db as unknown as PlatformDb;
}

/**
 * The version of an org unit a record is scoped by: its current one, or for a unit closed since its last
 * one, so the records of a merged district stay with the city above it. `v` is the version, `u` the unit.
 */
export const latestVersion = sql<boolean>`(v.valid_to is null or v.valid_to = u.closed_on)`;

/** The ids of the units on a path, the root first: `/1/14/203/` gives 1, 14 and 203. */
export function unitIdsOnPath(path: string): number[] {
  return path
    .split('/')
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}
