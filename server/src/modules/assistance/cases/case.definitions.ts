import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type {
  AssistanceKind,
  CaseStatus,
  CaseType,
  ClaimStatus,
  DayKind,
  DeadlineKind,
  HandlerKind,
  HardshipCategory,
  HardshipStatus,
  HealthState,
  HouseholdRelation,
  ImportMode,
  LegalAidOutcome,
  PartySide,
  SuddenCause,
} from '@gonghui/contracts';
import type { Database, OrgUnitVersionTable } from '../../../db/schema.ts';

export type OrgUnitVersionTableRef = OrgUnitVersionTable;

// The assistance centre's tables. They are typed here, inside the module, and joined to the app's
// Database with Kysely's `withTables`, so the shared schema file needs no line for them.

type DateColumn = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AssistancePersonTable {
  id: Generated<number>;
  name: string;
  resident_id_cipher: Buffer;
  resident_id_hash: Buffer;
  resident_id_tail: string;
  phone_cipher: Buffer | null;
  member_id: number | null;
  created_at: Generated<Date>;
}

export interface CaseHandlerTable {
  id: Generated<number>;
  name: string;
  kind: HandlerKind;
  org_unit_id: number;
  user_id: number | null;
  organisation: string | null;
  created_at: Generated<Date>;
}

export interface CaseClockRuleTable {
  case_type: CaseType;
  day_kind: DayKind;
  accept_days: number | null;
  handle_days: number | null;
  handle_from_receipt: boolean;
  extension_max_days: number;
}

export interface CaseUnitCodeTable {
  org_unit_id: number;
  code: string;
}

export interface CaseNumberCounterTable {
  year: number;
  org_unit_id: number;
  case_type: CaseType;
  last: number;
}

export interface AssistanceCaseTable {
  id: Generated<number>;
  number: string;
  case_type: CaseType;
  status: CaseStatus;
  subject: string;
  narrative_cipher: Buffer;
  person_id: number;
  employer_id: number | null;
  intake_unit_id: number;
  handling_unit_id: number;
  handler_id: number | null;
  received_on: DateColumn;
  accepted_on: DateColumn | null;
  closed_on: DateColumn | null;
  outcome: string | null;
  deadline_kind: DeadlineKind | null;
  due_on: DateColumn | null;
  warn_on: DateColumn | null;
  due_provisional: Generated<boolean>;
  paused_since: DateColumn | null;
  extended_days: number | null;
  aid_amount_fen: number | null;
  aid_approved_by: number | null;
  aid_approved_on: DateColumn | null;
  /** Working days from receipt to closing on the State Council calendar, set when the case closes. */
  handling_working_days: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface AssistanceCaseUnitTable {
  case_id: number;
  org_unit_id: number;
}

export interface CasePauseTable {
  id: Generated<number>;
  case_id: number;
  paused_on: DateColumn;
  resumed_on: DateColumn | null;
}

export interface CaseAssignmentTable {
  id: Generated<number>;
  case_id: number;
  handler_id: number;
  assigned_at: Generated<Date>;
  ended_at: Date | null;
  assigned_by: number | null;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  at: Generated<Date>;
  actor_user_id: number | null;
  actor_name: string;
  org_unit_id: number;
  note: string | null;
}

export interface LivingLineTable {
  org_unit_id: number;
  year: number;
  monthly_fen: number;
}

export interface HardshipArchiveTable {
  id: Generated<number>;
  org_unit_id: number;
  unavoidable_expense_fen: number;
  sudden_cause: SuddenCause | null;
  sudden_note: string | null;
  category: HardshipCategory;
  rule_version: string;
  line_unit_id: number;
  line_year: number;
  line_monthly_fen: number;
  annual_income_fen: number;
  household_size: number;
  per_capita_monthly_fen: number;
  status: Generated<HardshipStatus>;
  status_reason: string | null;
  review_due_on: DateColumn;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface HardshipMemberTable {
  id: Generated<number>;
  archive_id: number;
  name: string;
  relation: HouseholdRelation;
  resident_id_cipher: Buffer;
  resident_id_hash: Buffer;
  resident_id_tail: string;
  health: HealthState;
  annual_income_fen: number;
  occupation: string | null;
}

export interface AssistanceGivenTable {
  id: Generated<number>;
  archive_id: number;
  case_id: number | null;
  kind: AssistanceKind;
  amount_fen: number | null;
  description: string | null;
  fund: string;
  given_on: DateColumn;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface InsurancePlanTable {
  id: Generated<number>;
  name: string;
  year: number;
  org_unit_id: number;
  premium_fen: number;
  max_payout_fen: number;
  benefits: string;
  created_at: Generated<Date>;
}

export interface InsuranceEnrolmentTable {
  id: Generated<number>;
  plan_id: number;
  member_id: number;
  org_unit_id: number;
  premium_fen: number;
  enrolled_on: DateColumn;
}

export interface InsuranceClaimTable {
  id: Generated<number>;
  enrolment_id: number;
  amount_fen: number;
  reason: string;
  status: Generated<ClaimStatus>;
  approved_fen: number | null;
  note: string | null;
  paid_on: DateColumn | null;
  submitted_on: DateColumn;
  created_by: number | null;
}

export interface LivingAidThresholdTable {
  org_unit_id: number;
  threshold_fen: number;
}

export interface LegalAidDetailTable {
  case_id: number;
  lawyer_id: number;
  legal_outcome: LegalAidOutcome | null;
  recovered_fen: number | null;
  outcome_note: string | null;
}

export interface MediationPartyTable {
  id: Generated<number>;
  case_id: number;
  side: PartySide;
  party_name: string;
  representative: string | null;
}

export interface MediationSessionTable {
  id: Generated<number>;
  case_id: number;
  held_on: DateColumn;
  place: string;
  note: string;
  actor_name: string;
}

export interface MediationAgreementTable {
  case_id: number;
  terms: string;
  applicant_signed_on: DateColumn | null;
  respondent_signed_on: DateColumn | null;
  mediator_id: number | null;
  mediator_signed_on: DateColumn | null;
}

/** A running clock as each unit that sees the case finds it (kept by `syncCaseClocks`). */
export interface CaseClockTable {
  org_unit_id: number;
  due_on: DateColumn;
  case_id: number;
}

type Json = ColumnType<unknown, string | undefined, string>;

export interface HardshipImportTable {
  id: Generated<number>;
  job_id: number | null;
  file_name: string;
  content: Buffer;
  mode: ImportMode;
  scope_path: string;
  report: Buffer | null;
  /** What the applied import did, so a rerun of its job answers the same. */
  result: Json | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

// A type alias, not an interface: `withTables` asks for a record type with an index signature.
export type AssistanceTables = {
  assistance_person: AssistancePersonTable;
  case_handler: CaseHandlerTable;
  case_clock_rule: CaseClockRuleTable;
  case_unit_code: CaseUnitCodeTable;
  case_number_counter: CaseNumberCounterTable;
  assistance_case: AssistanceCaseTable;
  assistance_case_unit: AssistanceCaseUnitTable;
  case_pause: CasePauseTable;
  case_assignment: CaseAssignmentTable;
  case_event: CaseEventTable;
  living_line: LivingLineTable;
  hardship_archive: HardshipArchiveTable;
  hardship_member: HardshipMemberTable;
  assistance_given: AssistanceGivenTable;
  insurance_plan: InsurancePlanTable;
  insurance_enrolment: InsuranceEnrolmentTable;
  insurance_claim: InsuranceClaimTable;
  living_aid_threshold: LivingAidThresholdTable;
  legal_aid_detail: LegalAidDetailTable;
  mediation_party: MediationPartyTable;
  mediation_session: MediationSessionTable;
  mediation_agreement: MediationAgreementTable;
  hardship_import: HardshipImportTable;
  case_clock: CaseClockTable;
};

export type AssistanceDatabase = Database & AssistanceTables;
export type AppDb = Kysely<Database> | Transaction<Database>;
export type Adb = Kysely<AssistanceDatabase>;

/** The app's database seen with the assistance tables added. */
export function withAssistance(db: AppDb): Adb {
  return db.withTables<AssistanceTables>();
}
