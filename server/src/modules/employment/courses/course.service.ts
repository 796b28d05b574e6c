import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import {
  maskResidentId,
  type AttendanceBody,
  type Certificate,
  type Course,
  type CourseDetail,
  type CourseFilter,
  type CreateCourseBody,
  type EmploymentSettings,
  type EnrolBody,
  type EnrolResult,
  type EnrolmentRef,
  type IssueCertificateBody,
  type ListCoursesQuery,
  type Page,
  type PublicCertificate,
  type RevokeCertificateBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError, conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { scopeContains, scopeOf, type Scope } from '../../../platform/scope.ts';
import { settingRepository } from '../../../platform/settings.repository.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { employmentDb, platformDb, type Db } from '../employment.definitions.ts';
import { cityPathOf } from '../fairs/fair.repository.ts';
import { seekerRepository } from '../seekers/seeker.repository.ts';
import { courseRepository as repo, type CourseRow } from './course.repository.ts';

type PlatformDb = Kysely<Database>;
const COURSE = '培训班';
export const BASE_URL_SETTING = 'employment.publicBaseUrl';
/** Letters and digits that cannot be read as one another (no 0/O, 1/I). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const present = (r: CourseRow): Course => ({
  id: r.id,
  title: r.title,
  programme: r.programme,
  free: r.free,
  feeFen: r.feeFen,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  sessions: r.sessions,
  capacity: r.capacity,
  attendanceThresholdPct: r.attendanceThresholdPct,
  venue: r.venue,
  orgUnitId: r.orgUnitId,
  orgUnitName: r.orgUnitName,
  enrolled: r.enrolled,
  waiting: r.waiting,
  certified: r.certified,
});

/** A course locked for a change: enrolment by any union that sees it, the rest by the one that holds it. */
function courseRecord(scope: Scope, holderOnly: boolean): ChangeableRecord<CourseRow, Course> {
  return {
    entityType: 'job_course',
    label: COURSE,
    lock: async (trx, id) => {
      const c = await repo.lockVisible(employmentDb(trx), id, scope);
      return c && (!holderOnly || scopeContains(scope, c.orgUnitPath)) ? c : null;
    },
    reload: async (trx, id) => (await repo.find(employmentDb(trx), id, scope))!,
    present,
    scopePath: (r) => r.orgUnitPath,
  };
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return code;
}

async function publicBaseUrl(db: Db): Promise<string | null> {
  const v = await settingRepository.get(platformDb(db), BASE_URL_SETTING);
  return typeof v === 'string' ? v : null;
}

async function enrolmentInCourse(db: Db, courseId: number, enrolmentId: number) {
  const e = await repo.enrolment(db, enrolmentId);
  if (!e || e.course_id !== courseId)
    throw invalid([{ field: 'enrolmentId', message: '本培训班没有这条报名记录' }]);
  return e;
}

export const courseService = {
  async list(db: PlatformDb, actor: Actor, q: ListCoursesQuery): Promise<Page<Course>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const page = await repo.list(employmentDb(db), scope, !q.orgUnitId, q, q);
    return { ...page, items: page.items.map(present) };
  },

  async all(db: PlatformDb, actor: Actor, f: CourseFilter): Promise<Course[]> {
    const scope = await scopeUnderUnit(db, actor, f.orgUnitId);
    return (await repo.all(employmentDb(db), scope, !f.orgUnitId, f)).map(present);
  },

  async get(db: PlatformDb, actor: Actor, id: number): Promise<CourseDetail> {
    const edb = employmentDb(db);
    const scope = await scopeOf(db, actor);
    const c = await repo.find(edb, id, scope);
    if (!c) throw notFound(COURSE);
    const [enrolments, sessionsMarked] = await Promise.all([
      repo.enrolments(edb, id, scope),
      repo.sessionsMarked(edb, id),
    ]);
    return { ...present(c), enrolments, sessionsMarked, canEdit: scopeContains(scope, c.orgUnitPath) };
  },

  async create(db: PlatformDb, actor: Actor, body: CreateCourseBody): Promise<CourseDetail> {
    if (body.endsOn < body.startsOn)
      throw invalid([{ field: 'endsOn', message: `结业日期不能早于开班日期 ${body.startsOn}` }]);
    if (!body.free && (body.feeFen ?? null) === null)
      throw invalid([{ field: 'feeFen', message: '收费培训班请填写培训费' }]);
    const scope = await scopeOf(db, actor);
    const created = await createRecord(db, actor, courseRecord(scope, true), 'course.create', async (trx) => {
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '举办单位不存在、已撤销或不在您的管辖范围内' }]);
      return repo.insert(employmentDb(trx), {
        title: body.title,
        programme: body.programme,
        free: body.free,
        fee_fen: body.free ? null : (body.feeFen ?? null),
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        sessions: body.sessions,
        capacity: body.capacity,
        attendance_threshold_pct: body.attendanceThresholdPct,
        venue: body.venue,
        org_unit_id: unit.id,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
    });
    return this.get(db, actor, created.id);
  },

  /**
   * Enrols a seeker of the caller's scope: a seat while the course has one, else the waiting list. The
   * course row stays locked from the count to the insert, so enrolments at once take turns.
   */
  async enrol(db: PlatformDb, actor: Actor, id: number, body: EnrolBody): Promise<EnrolResult> {
    const scope = await scopeOf(db, actor);
    let enrolmentId = 0;
    await changeRecord(db, actor, courseRecord(scope, false), id, 'course.enrol', async (trx, c) => {
      const edb = employmentDb(trx);
      const s = await seekerRepository.find(edb, body.seekerId, scope);
      if (!s) throw invalid([{ field: 'seekerId', message: '求职人员不存在或不在您的管辖范围内' }]);
      if (c.endsOn < today()) throw conflict(`培训班已于 ${c.endsOn} 结业，不能再报名`);
      const existing = await repo.enrolmentOf(edb, id, s.id);
      if (existing && existing.status !== 'withdrawn')
        throw conflict(`「${s.name}」已${existing.status === 'waiting' ? '在候补名单中' : '报名本班'}`);
      const status = (await repo.countEnrolled(edb, id)) < c.capacity ? 'enrolled' : 'waiting';
      if (existing) {
        await repo.setEnrolmentStatus(edb, existing.id, status);
        enrolmentId = existing.id;
      } else enrolmentId = await repo.insertEnrolment(edb, id, s.id, status);
      await repo.touch(edb, id);
      return { enrolment: { enrolmentId, seekerId: s.id, seekerName: s.name, status } };
    });
    const course = await this.get(db, actor, id);
    return { course, enrolment: course.enrolments.find((e) => e.id === enrolmentId)! };
  },

  /** Withdraws an enrolment; a freed seat goes to the first on the waiting list. */
  async withdraw(db: PlatformDb, actor: Actor, id: number, body: EnrolmentRef): Promise<CourseDetail> {
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, courseRecord(scope, false), id, 'course.withdraw', async (trx) => {
      const edb = employmentDb(trx);
      const e = await enrolmentInCourse(edb, id, body.enrolmentId);
      if (!(await seekerRepository.find(edb, e.seeker_id, scope))) throw notFound('报名记录');
      if (e.status === 'withdrawn') throw conflict('该报名已退出');
      await repo.setEnrolmentStatus(edb, e.id, 'withdrawn');
      let promoted: number | null = null;
      if (e.status === 'enrolled') {
        const next = await repo.firstWaiting(edb, id);
        if (next) {
          await repo.setEnrolmentStatus(edb, next.id, 'enrolled');
          promoted = next.id;
        }
      }
      return { enrolment: { enrolmentId: e.id, status: 'withdrawn' }, promoted };
    });
    return this.get(db, actor, id);
  },

  /** Marks one session: the enrolled listed are present, every other enrolled person absent. */
  async markAttendance(
    db: PlatformDb,
    actor: Actor,
    id: number,
    body: AttendanceBody,
  ): Promise<CourseDetail> {
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, courseRecord(scope, true), id, 'course.attendance', async (trx, c) => {
      const edb = employmentDb(trx);
      if (body.session > c.sessions)
        throw invalid([
          { field: 'session', message: `本班共 ${c.sessions} 课次，没有第 ${body.session} 课次` },
        ]);
      const enrolled = new Set(await repo.enrolledIds(edb, id));
      const strangers = body.presentEnrolmentIds.filter((x) => !enrolled.has(x));
      if (strangers.length > 0)
        throw invalid([
          { field: 'presentEnrolmentIds', message: `有 ${strangers.length} 人不是本班在册学员` },
        ]);
      const here = new Set(body.presentEnrolmentIds);
      await repo.markSession(
        edb,
        body.session,
        [...enrolled].map((enrolmentId) => ({ enrolmentId, present: here.has(enrolmentId) })),
      );
      return {
        session: body.session,
        present: [...here].sort((a, b) => a - b),
        absent: [...enrolled].filter((x) => !here.has(x)).sort((a, b) => a - b),
      };
    });
    return this.get(db, actor, id);
  },

  /** Issues a certificate above the course's attendance threshold, with its verification code. */
  async certify(db: PlatformDb, actor: Actor, id: number, body: IssueCertificateBody): Promise<Certificate> {
    if (body.issuedOn > today()) throw invalid([{ field: 'issuedOn', message: '发证日期不能晚于今天' }]);
    const scope = await scopeOf(db, actor);
    let code = '';
    await changeRecord(db, actor, courseRecord(scope, true), id, 'course.certify', async (trx, c) => {
      const edb = employmentDb(trx);
      if (!(await publicBaseUrl(edb)))
        throw conflict('请先由市总工会在就业援助设置中填写对外访问地址：证书二维码要链接到它');
      const e = await enrolmentInCourse(edb, id, body.enrolmentId);
      if (e.status !== 'enrolled') throw conflict('只有在册学员可以获得证书');
      if (body.issuedOn < c.startsOn)
        throw invalid([{ field: 'issuedOn', message: `发证日期不能早于开班日期 ${c.startsOn}` }]);
      if (await repo.certificateOf(edb, e.id)) throw conflict('该学员已获得本班证书');
      const attended = await repo.attended(edb, e.id);
      const pct = Math.floor((attended * 100) / c.sessions);
      if (attended * 100 < c.attendanceThresholdPct * c.sessions)
        throw conflict(
          `出勤 ${attended}/${c.sessions} 课次（${pct}%），未达到本班发证要求的 ${c.attendanceThresholdPct}%`,
        );
      code = newCode();
      await repo.insertCertificate(edb, {
        enrolment_id: e.id,
        code,
        level: body.level,
        attended,
        issued_on: body.issuedOn,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      return { enrolment: { enrolmentId: e.id, attended }, code, level: body.level, issuedOn: body.issuedOn };
    });
    return this.certificate(db, code);
  },

  async revoke(db: PlatformDb, actor: Actor, id: number, body: RevokeCertificateBody): Promise<CourseDetail> {
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, courseRecord(scope, true), id, 'course.revoke_certificate', async (trx) => {
      const edb = employmentDb(trx);
      const e = await enrolmentInCourse(edb, id, body.enrolmentId);
      const ct = await repo.certificateOf(edb, e.id);
      if (!ct || ct.revoked_on) throw conflict('该学员没有有效的本班证书');
      await repo.revokeCertificate(edb, ct.id, today(), body.reason);
      return { code: ct.code, reason: body.reason };
    });
    return this.get(db, actor, id);
  },

  /** A certificate's link and QR code, for printing on it. */
  async certificate(db: PlatformDb, code: string): Promise<Certificate> {
    const base = (await publicBaseUrl(employmentDb(db))) ?? '';
    const verifyUrl = `${base.replace(/\/$/, '')}/verify/${code}`;
    return { code, verifyUrl, qrDataUrl: await QRCode.toDataURL(verifyUrl, { margin: 1, width: 240 }) };
  },

  /** What the public verification shows of a code: every field, the ID masked; null for no such code. */
  async verify(db: PlatformDb, code: string): Promise<PublicCertificate | null> {
    const r = await repo.byCode(employmentDb(db), code);
    if (!r) return null;
    const { residentIdCipher, revokedOn, ...rest } = r;
    return {
      ...rest,
      holderResidentIdMasked: maskResidentId(personalData().decrypt(residentIdCipher)),
      revokedOn,
      status: revokedOn ? 'revoked' : 'valid',
    };
  },

  async settings(db: PlatformDb): Promise<EmploymentSettings> {
    return { publicBaseUrl: (await publicBaseUrl(employmentDb(db))) ?? '' };
  },

  /** Sets the public address the QR codes link to; only the city federation may. */
  async setSettings(db: PlatformDb, actor: Actor, body: EmploymentSettings): Promise<EmploymentSettings> {
    const scope = await scopeOf(db, actor);
    if (cityPathOf(scope) !== scope) throw new AppError('FORBIDDEN', '只有市总工会可以修改对外访问地址');
    return db.transaction().execute(async (trx) => {
      const before = await publicBaseUrl(employmentDb(trx));
      await settingRepository.set(trx, BASE_URL_SETTING, body.publicBaseUrl);
      await audit(trx, actor, {
        action: 'employment.settings',
        entityType: 'employment_setting',
        entityId: null,
        scopePath: scope,
        before: { publicBaseUrl: before },
        after: { publicBaseUrl: body.publicBaseUrl },
      });
      return { publicBaseUrl: body.publicBaseUrl };
    });
  },
};
