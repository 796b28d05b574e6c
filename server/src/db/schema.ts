import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { JointType, OrgChange, OrgKind, OrgLevel, Role } from '@gonghui/contracts';

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

export interface Database {
  org_unit: OrgUnitTable;
  org_unit_version: OrgUnitVersionTable;
  app_user: UserTable;
  user_session: SessionTable;
  audit_log: AuditLogTable;
  job: JobTable;
  setting: SettingTable;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type OrgUnitVersionRow = Selectable<OrgUnitVersionTable>;
export type NewOrgUnitVersion = Insertable<OrgUnitVersionTable>;
export type UserRow = Selectable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobTable>;
