import type { ColumnType, Generated } from 'kysely';
import type { MemberStatus, TransferStatus } from '@gonghui/contracts';

// The member registry's tables (members, their history, transfers, roster imports); `schema.ts` gathers
// them into the Database with the rest.

/** A DATE column: an ISO string both ways (the type parsers are set so on PGlite and pg). */
type DateColumn = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

/** One membership; the resident ID and phone only sealed and hashed (personal-data platform). */
export interface MemberTable {
  id: Generated<number>;
  name: string;
  name_pinyin: string;
  name_initials: string;
  resident_id_cipher: Buffer;
  resident_id_hash: Buffer;
  resident_id_tail: string;
  gender: 'male' | 'female';
  birth_date: DateColumn;
  phone_cipher: Buffer | null;
  phone_hash: Buffer | null;
  ethnicity: string | null;
  education: string | null;
  household_type: 'urban' | 'rural' | null;
  migrant_worker: Generated<boolean>;
  new_employment_form: Generated<boolean>;
  employer_id: number | null;
  org_unit_id: number;
  status: MemberStatus;
  status_since: DateColumn;
  joined_on: DateColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MemberChange = 'enrol' | 'transfer' | 'status' | 'employer' | 'employer_closed' | 'import';
export interface MemberHistoryTable {
  id: Generated<number>;
  member_id: number;
  org_unit_id: number;
  employer_id: number | null;
  status: MemberStatus;
  valid_from: DateColumn;
  valid_to: DateColumn | null;
  change: MemberChange;
  transfer_id: number | null;
  note: string | null;
  import_id: Generated<number | null>;
}

export interface MemberTransferTable {
  id: Generated<number>;
  batch_id: number | null;
  member_id: number;
  from_org_unit_id: number;
  to_org_unit_id: number;
  to_employer_id: number | null;
  initiated_by: 'sender' | 'receiver';
  status: Generated<TransferStatus>;
  reason: string;
  decision_reason: string | null;
  requested_on: DateColumn;
  decided_on: DateColumn | null;
  created_by: number | null;
  decided_by: number | null;
  created_at: Timestamp;
}

export type MemberImportStatus = 'queued' | 'running' | 'done' | 'rejected' | 'failed' | 'undone';
export interface MemberImportTable {
  id: Generated<number>;
  job_id: number | null;
  file_name: string;
  format: 'xlsx' | 'csv';
  size_bytes: number;
  org_unit_id: number;
  scope_path: string;
  status: Generated<MemberImportStatus>;
  rows_read: Generated<number>;
  summary: Json | null;
  report: Buffer | null;
  created_by: number | null;
  created_at: Timestamp;
  finished_at: Date | null;
  accept_name_changes: Generated<boolean>;
  /** The import's own audit entry, which the entries of its members point at. */
  audit_id: number | null;
  applied_at: Date | null;
}

export interface MemberImportHeldTable {
  import_id: number;
  row_no: number;
  kind: 'elsewhere' | 'name';
  member_id: number;
  org_unit_id: number;
  employer_id: number | null;
  name: string;
  resident_id_masked: string;
  in_scope: boolean;
  message: string;
  transfer_id: number | null;
}

export interface MemberImportChangeTable {
  import_id: number;
  member_id: number;
  kind: 'created' | 'updated';
  before: Json | null;
  before_phone_cipher: Buffer | null;
  before_phone_hash: Buffer | null;
  stamp: Timestamp;
}

export interface MemberImportChunkTable {
  import_id: number;
  seq: number;
  content: Buffer;
}

export interface MemberImportRowTable {
  import_id: number;
  row_no: number;
  member_id: number | null;
  name: string;
  name_pinyin: string;
  name_initials: string;
  resident_id_cipher: Buffer | null;
  resident_id_hash: Buffer | null;
  resident_id_tail: string | null;
  gender: 'male' | 'female' | null;
  birth_date: DateColumn | null;
  phone_cipher: Buffer | null;
  phone_hash: Buffer | null;
  ethnicity: string | null;
  education: string | null;
  household_type: 'urban' | 'rural' | null;
  migrant_worker: boolean;
  new_employment_form: boolean;
  employer_id: number | null;
  org_unit_id: number;
  joined_on: DateColumn;
  /** Bits of the cells that set a value on an existing member (ROW_SETS in member-import-rows.ts). */
  set_mask: number;
  /** 'name': the row waits for the uploader to confirm the changed name. */
  hold: 'name' | null;
  /** The ID as the audit shows it. */
  resident_id_masked: string | null;
}
