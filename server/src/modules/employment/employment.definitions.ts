import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type {
  CertificateLevel,
  EnrolmentStatus,
  FairCategory,
  Programme,
  JobCategory,
  PlacementSource,
  RecommendationResult,
  SeekerChannel,
  SeekerSituation,
  SeekerStatus,
  Suitability,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = string;
type TextArray<T extends string = string> = ColumnType<T[], T[] | undefined, T[]>;

export interface JobFairTable {
  id: Generated<number>;
  title: string;
  category: FairCategory;
  held_on: DateColumn;
  venue: string;
  org_unit_id: number;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JobFairEmployerTable {
  id: Generated<number>;
  fair_id: number;
  employer_id: number | null;
  name: string;
  credit_code: string;
  booth: string | null;
  contact_name: string | null;
  created_at: Timestamp;
}

export interface JobPositionTable {
  id: Generated<number>;
  fair_id: number;
  fair_employer_id: number;
  title: string;
  job_category: JobCategory;
  openings: number;
  pay_min_fen: number;
  pay_max_fen: number;
  requirements: string | null;
  skills: TextArray;
  suitability: TextArray<Suitability>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JobSeekerTable {
  id: Generated<number>;
  name: string;
  gender: 'male' | 'female';
  birth_date: DateColumn;
  resident_id_cipher: Buffer;
  resident_id_hash: Buffer;
  resident_id_tail: string;
  phone_cipher: Buffer | null;
  phone_hash: Buffer | null;
  is_member: boolean;
  situation: SeekerSituation;
  skills: TextArray;
  wished_categories: TextArray<JobCategory>;
  wished_pay_min_fen: number | null;
  wishes: string | null;
  org_unit_id: number;
  registered_via: SeekerChannel;
  fair_id: number | null;
  registered_on: DateColumn;
  status: SeekerStatus;
  status_since: DateColumn;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JobSeekerStatusChangeTable {
  id: Generated<number>;
  seeker_id: number;
  from_status: SeekerStatus | null;
  to_status: SeekerStatus;
  changed_on: DateColumn;
  reason: string | null;
  changed_by: number | null;
  created_at: Timestamp;
}

export interface JobRecommendationTable {
  id: Generated<number>;
  seeker_id: number;
  position_id: number;
  recommended_on: DateColumn;
  result: RecommendationResult;
  result_on: DateColumn | null;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface JobPlacementTable {
  id: Generated<number>;
  seeker_id: number;
  recommendation_id: number;
  position_id: number;
  placed_on: DateColumn;
  source: PlacementSource;
  follow_up_due: DateColumn;
  ended_on: DateColumn | null;
  end_reason: string | null;
  followed_up_on: DateColumn | null;
  still_employed: boolean | null;
  follow_up_note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface JobCourseTable {
  id: Generated<number>;
  title: string;
  programme: Programme;
  free: boolean;
  fee_fen: number | null;
  starts_on: DateColumn;
  ends_on: DateColumn;
  sessions: number;
  capacity: number;
  attendance_threshold_pct: number;
  venue: string;
  org_unit_id: number;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JobCourseEnrolmentTable {
  id: Generated<number>;
  course_id: number;
  seeker_id: number;
  status: EnrolmentStatus;
  created_at: Timestamp;
}

export interface JobCourseAttendanceTable {
  enrolment_id: number;
  session: number;
  present: boolean;
}

export interface JobCertificateTable {
  id: Generated<number>;
  enrolment_id: number;
  code: string;
  level: CertificateLevel;
  attended: number;
  issued_on: DateColumn;
  revoked_on: DateColumn | null;
  revoke_reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

/** The module's own tables; the platform's `Database` does not list them, so they are added here. */
export type EmploymentTables = {
  job_fair: JobFairTable;
  job_fair_employer: JobFairEmployerTable;
  job_position: JobPositionTable;
  job_seeker: JobSeekerTable;
  job_seeker_status_change: JobSeekerStatusChangeTable;
  job_recommendation: JobRecommendationTable;
  job_placement: JobPlacementTable;
  job_course: JobCourseTable;
  job_course_enrolment: JobCourseEnrolmentTable;
  job_course_attendance: JobCourseAttendanceTable;
  job_certificate: JobCertificateTable;
};

export type EmploymentDatabase = Database & EmploymentTables;
export type Db = Kysely<EmploymentDatabase> | Transaction<EmploymentDatabase>;
export type PlatformDb = Kysely<Database> | Transaction<Database>;

/** The platform's database handle seen with the module's tables as well (same connection, no copy). */
export function employmentDb(db: Kysely<Database>): Kysely<EmploymentDatabase>;
export function employmentDb(db: Transaction<Database>): Transaction<EmploymentDatabase>;
export function employmentDb(db: PlatformDb): Db;
export function employmentDb(db: PlatformDb): Db {
  return db.withTables<EmploymentTables>();
}

/**
 * The same handle typed as the platform's, for platform helpers typed on its `Database` alone (the list
 * helper runs its count on it): `withTables` only widened the type, the connection is the one it was.
 */
export function platformDb(db: Db): PlatformDb {
  return db as unknown as PlatformDb;
}
