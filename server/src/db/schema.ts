import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ImportMode,
  JointType,
  OrgChange,
  OrgKind,
  OrgLevel,
  PartyStatus,
  Role,
  StatusAspect,
  UnionStatus,
} from '@gonghui/contracts';

import type {
  MemberTable,
  MemberHistoryTable,
  MemberTransferTable,
  MemberImportTable,
  MemberImportHeldTable,
  MemberImportChangeTable,
  MemberImportChunkTable,
  MemberImportRowTable,
} from './member-tables.ts';

export type * from './member-tables.ts';

/** A DATE column: an ISO string both ways (the type parsers are set so on PGlite and pg). */
type DateColumn = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface OrgUnitTable {
  id: Generated<number>;
  kind: OrgKind;
  level: OrgLevel;
  joint_type: JointType | null;
  division_code: string | null;
  created_on: DateColumn;
  closed_on: DateColumn | null;
  successor_id: number | null;
  created_at: Timestamp;
}

/** One span of an org unit's name, parent and path; the current one has valid_to null. */
export interface OrgUnitVersionTable {
  id: Generated<number>;
  org_unit_id: number;
  name: string;
  name_initials: string;
  parent_id: number | null;
  path: string;
  depth: number;
  valid_from: DateColumn;
  valid_to: DateColumn | null;
  change: OrgChange;
  note: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  org_unit_id: number;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Date;
  client_address: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  username: string | null;
  actor_org_unit_id: number | null;
  scope_path: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  client_address: string | null;
  parent_id: Generated<number | null>;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: Generated<JobStatus>;
  progress: Generated<number>;
  total: number | null;
  result: Json | null;
  error: string | null;
  attempts: Generated<number>;
  run_after: Timestamp;
  locked_by: string | null;
  locked_at: Date | null;
  created_by: number | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface SettingTable {
  key: string;
  value: Json;
}

/** A file kept with a record of some module, e.g. a case's document. */
export interface AttachmentTable {
  id: Generated<number>;
  owner_type: string;
  owner_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  content: Buffer;
  /** The path of the unit the owning record belongs to: who may download the file. */
  scope_path: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** A list export written by a background job; its file is kept in `export_file_chunk`. */
export interface ExportFileTable {
  id: Generated<number>;
  /** The job kind that writes it, e.g. `employer.export`. */
  kind: string;
  job_id: number | null;
  scope_path: string;
  /** The unit the job reads the rows as: the caller's when they asked. */
  actor_unit_id: number | null;
  filters: Json;
  status: Generated<'queued' | 'running' | 'done'>;
  file_name: string;
  row_count: Generated<number>;
  size_bytes: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface ExportFileChunkTable {
  export_id: number;
  seq: number;
  content: Buffer;
}

/** A reference between two records of different modules. */
export interface RecordLinkTable {
  id: Generated<number>;
  from_type: string;
  from_id: number;
  to_type: string;
  to_id: number;
  note: string | null;
  scope_path: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** A registered unit (enterprise), identified by its unified social credit code. */
export interface EmployerTable {
  id: Generated<number>;
  credit_code: string;
  name: string;
  name_initials: string;
  /** The name's characters and neighbouring pairs, kept by a trigger for the name search's index. */
  name_grams: Generated<string[]>;
  /** The name's pinyin, the register's default order (`nameSortKey`). */
  name_sort: Generated<string>;
  unit_category: string;
  industry_code: string;
  employees: Generated<number>;
  above_scale: Generated<boolean>;
  /** The locality: the town/street federation or village joint union it belongs to. */
  org_unit_id: number;
  /** Its own grassroots union, once formed. */
  grassroots_union_id: number | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  union_status: Generated<UnionStatus>;
  party_status: Generated<PartyStatus>;
  instructor_name: string | null;
  registered_on: DateColumn;
  closed_on: DateColumn | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmployerStatusChangeTable {
  id: Generated<number>;
  employer_id: number;
  aspect: StatusAspect;
  value: string;
  valid_from: DateColumn;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface EmployerTallyTable {
  org_unit_id: number;
  day: DateColumn;
  in_scope: number;
  unionised: number;
  own_union: number;
  above_scale: number;
  above_scale_independent: number;
  party_org: number;
  party_work: number;
  unionised_employees: number;
  unionised_members: number;
  wage_covered: number;
  wage_covered_employees: number;
}

/** A unit that holds employers, with its latest tally (last_day null when it has none). */
export interface EmployerLocalityTable {
  org_unit_id: number;
  last_day: DateColumn | null;
  in_scope: Generated<number>;
  unionised: Generated<number>;
  own_union: Generated<number>;
  above_scale: Generated<number>;
  above_scale_independent: Generated<number>;
  party_org: Generated<number>;
  party_work: Generated<number>;
  unionised_employees: Generated<number>;
  unionised_members: Generated<number>;
  wage_covered: Generated<number>;
  wage_covered_employees: Generated<number>;
}

export type AgreementKind = 'enterprise' | 'regional' | 'industry';
/** A collective agreement; in force from starts_on to ends_on, both inclusive. */
export interface CollectiveAgreementTable {
  id: Generated<number>;
  kind: AgreementKind;
  wage_specific: boolean;
  title: string;
  org_unit_id: number;
  signed_on: DateColumn;
  starts_on: DateColumn;
  ends_on: DateColumn;
  /** Agreed wage raise in basis points (350 = 3.5%). */
  raise_bp: number | null;
  minimum_wage_fen: number | null;
  filed_on: DateColumn | null;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CollectiveAgreementEmployerTable {
  agreement_id: number;
  employer_id: number;
}

export interface FormationCampaignTable {
  id: Generated<number>;
  name: string;
  org_unit_id: number;
  started_on: DateColumn;
  ended_on: DateColumn | null;
  description: string | null;
  created_at: Timestamp;
}

export interface FormationCampaignEmployerTable {
  campaign_id: number;
  employer_id: number;
}

export interface FormationCampaignTaskTable {
  id: Generated<number>;
  campaign_id: number;
  title: string;
  due_on: DateColumn | null;
  done_on: DateColumn | null;
}

export interface IndicatorTargetTable {
  id: Generated<number>;
  org_unit_id: number;
  indicator: string;
  year: number;
  target_bp: number;
  updated_at: Timestamp;
}

export interface EmployerImportTable {
  id: Generated<number>;
  job_id: number | null;
  file_name: string;
  content: Buffer;
  mode: ImportMode;
  scope_path: string;
  report: Buffer | null;
  created_by: number | null;
  created_at: Timestamp;
  /** The import's own audit entry, once applied. */
  audit_id: number | null;
  undone_at: Date | null;
  /** What the applied import did, so a rerun of its job after a crash answers the same. */
  result: Json | null;
}

/** What an employer import did to one employer, with what it needs to undo it. */
export interface EmployerImportChangeTable {
  import_id: number;
  employer_id: number;
  kind: 'created' | 'updated';
  before: Json | null;
  before_statuses: Json | null;
  after_statuses: Json | null;
  founded_union_id: number | null;
  stamp: Date | null;
}

export interface Database {
  org_unit: OrgUnitTable;
  org_unit_version: OrgUnitVersionTable;
  app_user: UserTable;
  user_session: SessionTable;
  audit_log: AuditLogTable;
  job: JobTable;
  setting: SettingTable;
  attachment: AttachmentTable;
  record_link: RecordLinkTable;
  export_file: ExportFileTable;
  export_file_chunk: ExportFileChunkTable;
  employer: EmployerTable;
  employer_status_change: EmployerStatusChangeTable;
  employer_tally: EmployerTallyTable;
  employer_locality: EmployerLocalityTable;
  collective_agreement: CollectiveAgreementTable;
  collective_agreement_employer: CollectiveAgreementEmployerTable;
  formation_campaign: FormationCampaignTable;
  formation_campaign_employer: FormationCampaignEmployerTable;
  formation_campaign_task: FormationCampaignTaskTable;
  indicator_target: IndicatorTargetTable;
  employer_import: EmployerImportTable;
  employer_import_change: EmployerImportChangeTable;
  member: MemberTable;
  member_history: MemberHistoryTable;
  member_transfer: MemberTransferTable;
  member_import: MemberImportTable;
  member_import_held: MemberImportHeldTable;
  member_import_change: MemberImportChangeTable;
  member_import_chunk: MemberImportChunkTable;
  member_import_row: MemberImportRowTable;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type OrgUnitVersionRow = Selectable<OrgUnitVersionTable>;
export type NewOrgUnitVersion = Insertable<OrgUnitVersionTable>;
export type UserRow = Selectable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobTable>;
export type EmployerRow = Selectable<EmployerTable>;
