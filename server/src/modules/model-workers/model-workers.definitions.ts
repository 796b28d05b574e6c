import { sql, type ColumnType, type Generated, type Kysely, type Transaction } from 'kysely';
import type {
  ImportMode,
  ModelWorkerImportResult,
  ModelWorkerLevel,
  ModelWorkerStatus,
  PaidStatus,
  RollChange,
  RollStatus,
  SubsidyCondition,
  SubsidyPeriod,
  VisitDraw,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ModelWorkerTable {
  id: Generated<number>;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  resident_id_cipher: Buffer;
  resident_id_hash: Buffer;
  resident_id_tail: string;
  org_unit_id: number;
  level: ModelWorkerLevel;
  title: string;
  equivalent: boolean;
  awarded_year: number;
  employer_id: number | null;
  work_unit: string | null;
  status: ModelWorkerStatus;
  hardship: boolean;
  hardship_evidence: string | null;
  bank_name: string | null;
  bank_account_cipher: Buffer | null;
  bank_account_tail: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubsidyRuleTable {
  id: Generated<number>;
  org_unit_id: number;
  name: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SubsidyRuleVersionTable {
  id: Generated<number>;
  rule_id: number;
  version: number;
  level: ModelWorkerLevel;
  condition: SubsidyCondition;
  amount_fen: number;
  per: SubsidyPeriod;
  valid_from: string;
  valid_to: string | null;
  reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SubsidyRollTable {
  id: Generated<number>;
  org_unit_id: number;
  title: string;
  period: string;
  per: SubsidyPeriod;
  period_start: string;
  status: RollStatus;
  changes: Json<RollChange[]>;
  recipients: number;
  total_fen: ColumnType<string, number, number>;
  previewed_at: Timestamp;
  approved_at: Timestamp | null;
  approved_by: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SubsidyRollPreviewTable {
  roll_id: number;
  worker_id: number;
  rule_version_id: number;
  amount_fen: number;
}

export interface SubsidyRollLineTable {
  id: Generated<number>;
  roll_id: number;
  worker_id: number;
  rule_version_id: number;
  amount_fen: number;
  name: string;
  org_unit_id: number;
  level: ModelWorkerLevel;
  status: ModelWorkerStatus;
  hardship: boolean;
  bank_name: string | null;
  bank_account_cipher: Buffer | null;
  bank_account_tail: string | null;
  paid_status: PaidStatus;
  paid_on: string | null;
  paid_note: string | null;
}

export interface VisitCycleTable {
  id: Generated<number>;
  org_unit_id: number;
  title: string;
  occasion: string;
  starts_on: string;
  ends_on: string;
  gift: string | null;
  amount_fen: number | null;
  draw: Json<VisitDraw>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ModelWorkerVisitTable {
  cycle_id: number;
  worker_id: number;
  done: Generated<boolean>;
  visited_by: string | null;
  visited_on: string | null;
  note: string | null;
}

export interface ModelWorkerImportTable {
  id: Generated<number>;
  file_name: string;
  mode: ImportMode;
  scope_path: string;
  result: Json<ModelWorkerImportResult> | null;
  report: Buffer | null;
  created_by: number | null;
  created_at: Timestamp;
}

/** The module's own tables; the platform's `Database` does not list them, so they are added here. */
export type ModelWorkerTables = {
  model_worker: ModelWorkerTable;
  subsidy_rule: SubsidyRuleTable;
  subsidy_rule_version: SubsidyRuleVersionTable;
  subsidy_roll: SubsidyRollTable;
  subsidy_roll_preview: SubsidyRollPreviewTable;
  subsidy_roll_line: SubsidyRollLineTable;
  visit_cycle: VisitCycleTable;
  model_worker_visit: ModelWorkerVisitTable;
  model_worker_import: ModelWorkerImportTable;
};

export type ModelWorkerDatabase = Database & ModelWorkerTables;
export type Db = Kysely<ModelWorkerDatabase> | Transaction<ModelWorkerDatabase>;
export type PlatformDb = Kysely<Database> | Transaction<Database>;

/** The platform's handle seen with the module's tables as well (same connection, no copy). */
export function modelWorkerDb(db: Kysely<Database>): Kysely<ModelWorkerDatabase>;
export function modelWorkerDb(db: Transaction<Database>): Transaction<ModelWorkerDatabase>;
export function modelWorkerDb(db: PlatformDb): Db;
export function modelWorkerDb(db: PlatformDb): Db {
  return db.withTables<ModelWorkerTables>();
}

/** The same handle typed as the platform's, for platform helpers typed on its `Database` alone. */
export function platformDb(db: Db): PlatformDb {
  return db as unknown as PlatformDb;
}

/**
 * The version of an org unit a record of this module is scoped by: its current one, or for a unit closed
 * since (金阊区, merged into 姑苏区 in 2012) its last one, so the records of a merged district stay with
 * the city above it. `v` is the version and `u` the unit.
 */
export const latestVersion = sql<boolean>`(v.valid_to is null or v.valid_to = u.closed_on)`;
