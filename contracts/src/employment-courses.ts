import { z } from 'zod';
import { pageQuery } from './common.ts';
import { date, fen, queryId, recordId, text, unitId } from './employment-fields.ts';

// ---------------------------------------------------------------- courses and certificates

export const programmes = ['domestic', 'skills', 'startup'] as const;
export type Programme = (typeof programmes)[number];
export const programmeLabels: Record<Programme, string> = {
  domestic: '家政服务培训',
  skills: '职业技能培训',
  startup: '创业指导培训',
};

export const enrolmentStatuses = ['enrolled', 'waiting', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  enrolled: '已报名',
  waiting: '候补',
  withdrawn: '已退出',
};

export const certificateLevels = ['completion', 'junior', 'intermediate', 'senior'] as const;
export type CertificateLevel = (typeof certificateLevels)[number];
export const certificateLevelLabels: Record<CertificateLevel, string> = {
  completion: '结业',
  junior: '初级',
  intermediate: '中级',
  senior: '高级',
};

export const courseSorts = ['startsOn', 'title'] as const;
export const courseFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  programme: z.enum(programmes, { error: '培训项目不正确' }).optional(),
  orgUnitId: queryId.optional(),
  sort: z.enum(courseSorts).default('startsOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CourseFilter = z.infer<typeof courseFilterQuery>;
export const listCoursesQuery = pageQuery.extend(courseFilterQuery.shape);
export type ListCoursesQuery = z.infer<typeof listCoursesQuery>;

export const createCourseBody = z.object({
  title: text('培训班名称', 4, 100),
  programme: z.enum(programmes, { error: '请选择培训项目' }),
  free: z.boolean({ error: '请选择是否免费' }),
  feeFen: fen('培训费').nullable().optional(),
  startsOn: date('开班日期'),
  endsOn: date('结业日期'),
  sessions: z
    .number({ error: '课时数应为数字' })
    .int('课时数应为整数')
    .min(1, '课时数至少为 1')
    .max(200, '课时数最多 200'),
  capacity: z
    .number({ error: '名额应为数字' })
    .int('名额应为整数')
    .min(1, '名额至少为 1')
    .max(1000, '名额最多 1000'),
  attendanceThresholdPct: z
    .number({ error: '发证出勤率应为数字' })
    .int('发证出勤率应为整数')
    .min(1, '发证出勤率至少为 1%')
    .max(100, '发证出勤率最多为 100%')
    .default(80),
  venue: text('培训地点', 2, 100),
  orgUnitId: unitId('举办单位'),
});
export type CreateCourseBody = z.infer<typeof createCourseBody>;

export const course = z.object({
  id: z.number().int(),
  title: z.string(),
  programme: z.enum(programmes),
  free: z.boolean(),
  feeFen: z.number().int().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  sessions: z.number().int(),
  capacity: z.number().int(),
  attendanceThresholdPct: z.number().int(),
  venue: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  enrolled: z.number().int(),
  waiting: z.number().int(),
  certified: z.number().int(),
});
export type Course = z.infer<typeof course>;

export const enrolment = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  seekerId: z.number().int(),
  seekerName: z.string(),
  status: z.enum(enrolmentStatuses),
  /** The place on the waiting list, 1 first; null unless waiting. */
  waitingRank: z.number().int().nullable(),
  attended: z.number().int(),
  certificateCode: z.string().nullable(),
});
export type Enrolment = z.infer<typeof enrolment>;

export const courseDetail = course.extend({
  enrolments: z.array(enrolment),
  /** Sessions already marked, by session number. */
  sessionsMarked: z.array(z.number().int()),
  canEdit: z.boolean(),
});
export type CourseDetail = z.infer<typeof courseDetail>;

export const enrolBody = z.object({ seekerId: recordId('求职人员') });
export type EnrolBody = z.infer<typeof enrolBody>;
export const enrolmentRef = z.object({ enrolmentId: recordId('报名记录') });
export type EnrolmentRef = z.infer<typeof enrolmentRef>;
export const enrolResult = z.object({ enrolment, course: courseDetail });
export type EnrolResult = z.infer<typeof enrolResult>;

export const attendanceBody = z.object({
  session: z
    .number({ error: '课次应为数字' })
    .int('课次应为整数')
    .min(1, '课次至少为 1')
    .max(200, '课次最多 200'),
  presentEnrolmentIds: z.array(recordId('报名记录')).max(1000, '一次最多 1000 人'),
});
export type AttendanceBody = z.infer<typeof attendanceBody>;

export const issueCertificateBody = z.object({
  enrolmentId: recordId('报名记录'),
  level: z.enum(certificateLevels, { error: '请选择证书等级' }),
  issuedOn: date('发证日期'),
});
export type IssueCertificateBody = z.infer<typeof issueCertificateBody>;
export const revokeCertificateBody = z.object({
  enrolmentId: recordId('报名记录'),
  reason: text('撤销原因', 2, 200),
});
export type RevokeCertificateBody = z.infer<typeof revokeCertificateBody>;

/** A certificate as its holder's union sees it, with the verification link and its QR code (a PNG data URL). */
export const certificate = z.object({
  code: z.string(),
  verifyUrl: z.string(),
  qrDataUrl: z.string(),
});
export type Certificate = z.infer<typeof certificate>;

export const certificateCodeParam = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z2-9]{12}$/, '验证码为 12 位字母和数字'),
});

/** Everything the public verification shows: every field of the certificate, the holder's ID masked. */
export const publicCertificate = z.object({
  code: z.string(),
  holderName: z.string(),
  holderResidentIdMasked: z.string(),
  courseTitle: z.string(),
  programme: z.enum(programmes),
  organiser: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  attended: z.number().int(),
  sessions: z.number().int(),
  level: z.enum(certificateLevels),
  issuedOn: z.string(),
  status: z.enum(['valid', 'revoked']),
  revokedOn: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type PublicCertificate = z.infer<typeof publicCertificate>;

export const employmentSettings = z.object({
  /** The address the public reaches Gonghui at, e.g. https://gonghui.example.cn: the QR codes link there. */
  publicBaseUrl: z
    .string({ error: '请填写对外访问地址' })
    .trim()
    .max(200, '对外访问地址最多 200 个字')
    .regex(
      /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
      '对外访问地址应以 http:// 或 https:// 开头，例如 https://gonghui.example.cn',
    ),
});
export type EmploymentSettings = z.infer<typeof employmentSettings>;
