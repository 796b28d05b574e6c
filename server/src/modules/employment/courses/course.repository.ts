import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { CourseFilter } from '@gonghui/contracts';
import type { OrgUnitVersionTable } from '../../../db/schema.ts';
import { containing } from '../../../db/like.ts';
import { listPage, sortTerms, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  platformDb,
  type Db,
  type EmploymentDatabase,
  type JobCertificateTable,
  type JobCourseTable,
} from '../employment.definitions.ts';
import { cityPathOf } from '../fairs/fair.repository.ts';

type Eb = ExpressionBuilder<EmploymentDatabase & { c: JobCourseTable; v: OrgUnitVersionTable }, 'c' | 'v'>;

/** Courses the caller sees: those held in their scope and, when asked, the city federation's, open to all. */
function visibleCourses(db: Db, scope: Scope, withCityCourses: boolean) {
  return db
    .selectFrom('job_course as c')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'c.org_unit_id').on('v.valid_to', 'is', null),
    )
    .where((eb) =>
      withCityCourses
        ? eb.or([inScope('v.path', scope), eb('v.path', '=', cityPathOf(scope))])
        : inScope('v.path', scope),
    );
}

const columns = [
  'c.id',
  'c.title',
  'c.programme',
  'c.free',
  'c.fee_fen as feeFen',
  'c.starts_on as startsOn',
  'c.ends_on as endsOn',
  'c.sessions',
  'c.capacity',
  'c.attendance_threshold_pct as attendanceThresholdPct',
  'c.venue',
  'c.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  sql<number>`(select count(*)::int from job_course_enrolment e where e.course_id = c.id and e.status = 'enrolled')`.as(
    'enrolled',
  ),
  sql<number>`(select count(*)::int from job_course_enrolment e where e.course_id = c.id and e.status = 'waiting')`.as(
    'waiting',
  ),
  sql<number>`(select count(*)::int from job_certificate ct join job_course_enrolment e on e.id = ct.enrolment_id
    where e.course_id = c.id and ct.revoked_on is null)`.as('certified'),
] as const;

export type CourseRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
function withColumns(db: Db, scope: Scope, withCity: boolean) {
  return visibleCourses(db, scope, withCity).select(columns);
}

function filterWhere(f: Omit<CourseFilter, 'sort' | 'order'>) {
  return (eb: Eb) => {
    const conds = [];
    if (f.programme) conds.push(eb('c.programme', '=', f.programme));
    const q = f.q?.trim();
    if (q) conds.push(eb('c.title', 'like', containing(q)));
    return eb.and(conds);
  };
}

const sortColumns = { startsOn: 'c.starts_on', title: 'c.title' } as const;

export const courseRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope, true).where('c.id', '=', id).executeTakeFirst();
  },

  /** Locks a course the caller sees (enrolment) and reads it; the row lock makes enrolments take turns. */
  async lockVisible(db: Db, id: number, scope: Scope) {
    return withColumns(db, scope, true).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
  },

  async list(db: Db, scope: Scope, withCity: boolean, f: CourseFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: visibleCourses(db, scope, withCity).where(filterWhere(f)).select(columns),
      orderBy: sortTerms({ columns: sortColumns, key: f.sort, order: f.order, tieBreak: 'c.id' }),
      page,
    });
  },

  async all(db: Db, scope: Scope, withCity: boolean, f: CourseFilter) {
    return visibleCourses(db, scope, withCity)
      .where(filterWhere(f))
      .select(columns)
      .orderBy(sortColumns[f.sort], f.order)
      .orderBy('c.id', f.order)
      .execute();
  },

  async insert(db: Db, values: Insertable<JobCourseTable>): Promise<number> {
    const { id } = await db.insertInto('job_course').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  async touch(db: Db, id: number) {
    await db.updateTable('job_course').set({ updated_at: new Date() }).where('id', '=', id).execute();
  },

  /** The course's enrolments of seekers in the scope, the waiting list in its order, with attendance. */
  async enrolments(db: Db, courseId: number, scope: Scope) {
    return db
      .selectFrom('job_course_enrolment as e')
      .innerJoin('job_seeker as s', 's.id', 'e.seeker_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 's.org_unit_id').on('v.valid_to', 'is', null),
      )
      .leftJoin('job_certificate as ct', (j) =>
        j.onRef('ct.enrolment_id', '=', 'e.id').on('ct.revoked_on', 'is', null),
      )
      .select([
        'e.id',
        'e.course_id as courseId',
        'e.seeker_id as seekerId',
        's.name as seekerName',
        'e.status',
        sql<
          number | null
        >`case when e.status = 'waiting' then (select count(*)::int from job_course_enrolment w
          where w.course_id = e.course_id and w.status = 'waiting' and w.id <= e.id) end`.as('waitingRank'),
        sql<number>`(select count(*)::int from job_course_attendance a where a.enrolment_id = e.id and a.present)`.as(
          'attended',
        ),
        'ct.code as certificateCode',
      ])
      .where('e.course_id', '=', courseId)
      .where(inScope('v.path', scope))
      .orderBy(sql`case e.status when 'enrolled' then 0 when 'waiting' then 1 else 2 end`)
      .orderBy('e.id')
      .execute();
  },

  async enrolment(db: Db, id: number) {
    return db.selectFrom('job_course_enrolment').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async enrolmentOf(db: Db, courseId: number, seekerId: number) {
    return db
      .selectFrom('job_course_enrolment')
      .selectAll()
      .where('course_id', '=', courseId)
      .where('seeker_id', '=', seekerId)
      .executeTakeFirst();
  },

  async countEnrolled(db: Db, courseId: number): Promise<number> {
    const r = await db
      .selectFrom('job_course_enrolment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('course_id', '=', courseId)
      .where('status', '=', 'enrolled')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async insertEnrolment(db: Db, courseId: number, seekerId: number, status: 'enrolled' | 'waiting') {
    const { id } = await db
      .insertInto('job_course_enrolment')
      .values({ course_id: courseId, seeker_id: seekerId, status })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async setEnrolmentStatus(db: Db, id: number, status: 'enrolled' | 'waiting' | 'withdrawn') {
    await db.updateTable('job_course_enrolment').set({ status }).where('id', '=', id).execute();
  },

  async firstWaiting(db: Db, courseId: number) {
    return db
      .selectFrom('job_course_enrolment')
      .select(['id', 'seeker_id'])
      .where('course_id', '=', courseId)
      .where('status', '=', 'waiting')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  },

  async enrolledIds(db: Db, courseId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('job_course_enrolment')
      .select('id')
      .where('course_id', '=', courseId)
      .where('status', '=', 'enrolled')
      .execute();
    return rows.map((r) => r.id);
  },

  async sessionsMarked(db: Db, courseId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('job_course_attendance as a')
      .innerJoin('job_course_enrolment as e', 'e.id', 'a.enrolment_id')
      .select('a.session')
      .distinct()
      .where('e.course_id', '=', courseId)
      .orderBy('a.session')
      .execute();
    return rows.map((r) => r.session);
  },

  async markSession(db: Db, session: number, marks: Array<{ enrolmentId: number; present: boolean }>) {
    if (marks.length === 0) return;
    await db
      .insertInto('job_course_attendance')
      .values(marks.map((m) => ({ enrolment_id: m.enrolmentId, session, present: m.present })))
      .onConflict((oc) =>
        oc
          .columns(['enrolment_id', 'session'])
          .doUpdateSet((eb) => ({ present: eb.ref('excluded.present') })),
      )
      .execute();
  },

  async attended(db: Db, enrolmentId: number): Promise<number> {
    const r = await db
      .selectFrom('job_course_attendance')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('enrolment_id', '=', enrolmentId)
      .where('present', '=', true)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async certificateOf(db: Db, enrolmentId: number) {
    return db
      .selectFrom('job_certificate')
      .selectAll()
      .where('enrolment_id', '=', enrolmentId)
      .executeTakeFirst();
  },

  async insertCertificate(db: Db, values: Insertable<JobCertificateTable>) {
    await db.insertInto('job_certificate').values(values).execute();
  },

  async revokeCertificate(db: Db, id: number, on: string, reason: string) {
    await db
      .updateTable('job_certificate')
      .set({ revoked_on: on, revoke_reason: reason })
      .where('id', '=', id)
      .execute();
  },

  /**
   * A certificate by its code, for the public verification page: the one deliberate read without a
   * caller (the code itself is the key; the answer masks the holder's ID).
   */
  async byCode(db: Db, code: string) {
    return db
      .selectFrom('job_certificate as ct')
      .innerJoin('job_course_enrolment as e', 'e.id', 'ct.enrolment_id')
      .innerJoin('job_course as c', 'c.id', 'e.course_id')
      .innerJoin('job_seeker as s', 's.id', 'e.seeker_id')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'c.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select([
        'ct.code',
        's.name as holderName',
        's.resident_id_cipher as residentIdCipher',
        'c.title as courseTitle',
        'c.programme',
        'v.name as organiser',
        'c.starts_on as startsOn',
        'c.ends_on as endsOn',
        'ct.attended',
        'c.sessions',
        'ct.level',
        'ct.issued_on as issuedOn',
        'ct.revoked_on as revokedOn',
        'ct.revoke_reason as revokeReason',
      ])
      .where('ct.code', '=', code)
      .executeTakeFirst();
  },
};
