import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import type {
  Certificate,
  CourseDetail,
  EnrolResult,
  PublicCertificate,
  SeekerDetail,
} from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, TEST_PASSWORD } from './factories.ts';
import { buildSeeker } from './factories/employment.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildDistricts>>;
let city: Client;
let districtA: Client;
let districtB: Client;
const startsOn = dayjs().subtract(20, 'day').format('YYYY-MM-DD');
const endsOn = dayjs().add(20, 'day').format('YYYY-MM-DD');

const courseBody = (orgUnitId: number, over: Record<string, unknown> = {}) => ({
  title: '家政服务员（育婴方向）免费培训班',
  programme: 'domestic',
  free: true,
  startsOn,
  endsOn,
  sessions: 10,
  capacity: 10,
  attendanceThresholdPct: 80,
  venue: '区职工学校',
  orgUnitId,
  ...over,
});

async function seekersOf(unitId: number, n: number): Promise<SeekerDetail[]> {
  const out: SeekerDetail[] = [];
  for (let i = 0; i < n; i++) out.push(await buildSeeker(t.handle.db, { orgUnitId: unitId }));
  return out;
}

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  w = await buildDistricts(t.handle.db);
  city = await login(t.app, w.users.admin.username, TEST_PASSWORD);
  districtA = await login(t.app, w.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, w.users.districtB.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('courses, enrolment and the waiting list', () => {
  let course: CourseDetail;
  let seekers: SeekerDetail[];

  it('refuses a course with wrong fields, naming each', async () => {
    const res = await districtA.post(
      '/api/employment/courses',
      courseBody(w.a.id, { endsOn: '2020-01-01', free: false }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(`结业日期不能早于开班日期 ${startsOn}`);
    const fee = await districtA.post('/api/employment/courses', courseBody(w.a.id, { free: false }));
    expect(fee.json().error.message).toBe('收费培训班请填写培训费');
    const empty = await districtA.post('/api/employment/courses', {});
    for (const text of ['请填写培训班名称', '请选择培训项目', '请选择是否免费', '开班日期格式应为'])
      expect(empty.json().error.message).toContain(text);
  });

  it('gives 20 enrolments at once for the last 5 seats exactly 5 seats and a waiting list of 15', async () => {
    course = (await districtA.post('/api/employment/courses', courseBody(w.a.id))).json();
    seekers = await seekersOf(w.a.id, 25);
    for (const s of seekers.slice(0, 5)) {
      const r = await districtA.post(`/api/employment/courses/${course.id}/enrolments`, { seekerId: s.id });
      expect(r.statusCode).toBe(200);
    }
    const answers = await Promise.all(
      seekers
        .slice(5)
        .map((s) => districtA.post(`/api/employment/courses/${course.id}/enrolments`, { seekerId: s.id })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    const statuses = answers.map((a) => (a.json() as EnrolResult).enrolment.status);
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waiting')).toHaveLength(15);
    const detail = (await districtA.get(`/api/employment/courses/${course.id}`)).json() as CourseDetail;
    expect(detail).toMatchObject({ enrolled: 10, waiting: 15 });
    expect(detail.enrolments.filter((e) => e.status === 'waiting').map((e) => e.waitingRank)).toEqual(
      Array.from({ length: 15 }, (_v, i) => i + 1),
    );
    const again = await districtA.post(`/api/employment/courses/${course.id}/enrolments`, {
      seekerId: seekers[0].id,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(`「${seekers[0].name}」已报名本班`);
  });

  it('gives a freed seat to the first on the waiting list', async () => {
    const before = (await districtA.get(`/api/employment/courses/${course.id}`)).json() as CourseDetail;
    const first = before.enrolments.find((e) => e.waitingRank === 1)!;
    const leaving = before.enrolments.find((e) => e.status === 'enrolled')!;
    const after = (
      await districtA.post(`/api/employment/courses/${course.id}/enrolments/withdraw`, {
        enrolmentId: leaving.id,
      })
    ).json() as CourseDetail;
    expect(after.enrolments.find((e) => e.id === first.id)!.status).toBe('enrolled');
    expect(after.enrolments.find((e) => e.id === leaving.id)!.status).toBe('withdrawn');
    expect(after).toMatchObject({ enrolled: 10, waiting: 14 });
  });

  it('keeps another district out, and shows a city course to all with only their own seekers', async () => {
    expect((await districtB.get(`/api/employment/courses/${course.id}`)).statusCode).toBe(404);
    const seekerB = (await seekersOf(w.b.id, 1))[0];
    expect(
      (await districtB.post(`/api/employment/courses/${course.id}/enrolments`, { seekerId: seekerB.id }))
        .statusCode,
    ).toBe(404);
    const cityCourse = (
      await city.post(
        '/api/employment/courses',
        courseBody(w.city.id, { title: '全市创业指导培训班', programme: 'startup' }),
      )
    ).json() as CourseDetail;
    await districtA.post(`/api/employment/courses/${cityCourse.id}/enrolments`, { seekerId: seekers[0].id });
    const b = (
      await districtB.post(`/api/employment/courses/${cityCourse.id}/enrolments`, { seekerId: seekerB.id })
    ).json() as EnrolResult;
    expect(b.course.enrolments.map((e) => e.seekerName)).toEqual([seekerB.name]);
    expect(b.course).toMatchObject({ enrolled: 2, canEdit: false });
    const exported = await districtB.get('/api/employment/courses/export');
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].getColumn(1).values.slice(1)).toEqual(['培训班名称', '全市创业指导培训班']);
    const outsider = await districtB.post(`/api/employment/courses/${cityCourse.id}/enrolments`, {
      seekerId: seekers[1].id,
    });
    expect(outsider.json().error.message).toBe('求职人员不存在或不在您的管辖范围内');
    expect(
      (
        await districtB.post(`/api/employment/courses/${cityCourse.id}/attendance`, {
          session: 1,
          presentEnrolmentIds: [],
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('attendance, certificates and their public verification', () => {
  let course: CourseDetail;
  let certificate: Certificate;

  it('issues a certificate only above the attendance threshold and after the public address is set', async () => {
    course = (
      await districtA.post(
        '/api/employment/courses',
        courseBody(w.a.id, { sessions: 5, attendanceThresholdPct: 80 }),
      )
    ).json();
    const [good, poor] = await seekersOf(w.a.id, 2);
    for (const s of [good, poor])
      await districtA.post(`/api/employment/courses/${course.id}/enrolments`, { seekerId: s.id });
    course = (await districtA.get(`/api/employment/courses/${course.id}`)).json();
    const [eGood, ePoor] = [
      course.enrolments.find((e) => e.seekerId === good.id)!,
      course.enrolments.find((e) => e.seekerId === poor.id)!,
    ];
    for (let session = 1; session <= 5; session++) {
      const present = session <= 3 ? [eGood.id, ePoor.id] : [eGood.id];
      const r = await districtA.post(`/api/employment/courses/${course.id}/attendance`, {
        session,
        presentEnrolmentIds: present,
      });
      expect(r.statusCode).toBe(200);
    }
    const beyond = await districtA.post(`/api/employment/courses/${course.id}/attendance`, {
      session: 6,
      presentEnrolmentIds: [],
    });
    expect(beyond.json().error.message).toBe('本班共 5 课次，没有第 6 课次');
    const issue = (enrolmentId: number) =>
      districtA.post(`/api/employment/courses/${course.id}/certificates`, {
        enrolmentId,
        level: 'junior',
        issuedOn: dayjs().format('YYYY-MM-DD'),
      });

    const noAddress = await issue(eGood.id);
    expect(noAddress.statusCode).toBe(409);
    expect(noAddress.json().error.message).toContain('对外访问地址');
    expect(
      (
        await districtA.request({
          method: 'PUT',
          url: '/api/employment/settings',
          payload: { publicBaseUrl: 'https://gonghui.example.cn' },
        })
      ).statusCode,
    ).toBe(403);
    const badAddress = await city.request({
      method: 'PUT',
      url: '/api/employment/settings',
      payload: { publicBaseUrl: 'gonghui.example.cn' },
    });
    expect(badAddress.json().error.message).toContain('对外访问地址应以 http:// 或 https:// 开头');
    expect(
      (
        await city.request({
          method: 'PUT',
          url: '/api/employment/settings',
          payload: { publicBaseUrl: 'https://gonghui.example.cn/' },
        })
      ).statusCode,
    ).toBe(200);

    const refused = await issue(ePoor.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('出勤 3/5 课次（60%），未达到本班发证要求的 80%');
    const ok = await issue(eGood.id);
    expect(ok.statusCode).toBe(200);
    certificate = ok.json();
    expect(certificate.code).toMatch(/^[A-Z2-9]{12}$/);
    expect(certificate.verifyUrl).toBe(`https://gonghui.example.cn/verify/${certificate.code}`);
    expect(certificate.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await issue(eGood.id)).json().error.message).toBe('该学员已获得本班证书');
    const detail = (await districtA.get(`/api/employment/courses/${course.id}`)).json() as CourseDetail;
    expect(detail.certified).toBe(1);
    expect(detail.enrolments.find((e) => e.id === eGood.id)).toMatchObject({
      attended: 5,
      certificateCode: certificate.code,
    });
  });

  it('shows every field on the public page without a login, the holder ID masked', async () => {
    const json = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${certificate.code}` });
    expect(json.statusCode).toBe(200);
    const c = json.json() as PublicCertificate;
    expect(c).toMatchObject({
      status: 'valid',
      attended: 5,
      sessions: 5,
      level: 'junior',
      courseTitle: course.title,
      organiser: w.a.name,
    });
    expect(c.holderResidentIdMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    const html = await t.app.inject({ method: 'GET', url: `/verify/${certificate.code}` });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    for (const text of [
      '此证书有效',
      c.holderName,
      c.holderResidentIdMasked,
      '5 / 5 课次',
      '初级',
      course.title,
    ])
      expect(html.body).toContain(text);
    const forged = await t.app.inject({ method: 'GET', url: '/verify/ABCDEFGHJKLM' });
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('查无此证书');
    expect((await t.app.inject({ method: 'GET', url: '/api/public/certificates/abc' })).statusCode).toBe(400);
  });

  it('answers a revoked certificate plainly', async () => {
    const e = course.enrolments.find((x) => x.status === 'enrolled')!;
    const fresh = (await districtA.get(`/api/employment/courses/${course.id}`)).json() as CourseDetail;
    const holder = fresh.enrolments.find((x) => x.certificateCode === certificate.code) ?? e;
    const r = await districtA.post(`/api/employment/courses/${course.id}/certificates/revoke`, {
      enrolmentId: holder.id,
      reason: '证书信息有误，重新发放',
    });
    expect(r.statusCode).toBe(200);
    const c = (
      await t.app.inject({ method: 'GET', url: `/api/public/certificates/${certificate.code}` })
    ).json() as PublicCertificate;
    expect(c).toMatchObject({ status: 'revoked', revokeReason: '证书信息有误，重新发放' });
    const html = await t.app.inject({ method: 'GET', url: `/verify/${certificate.code}` });
    expect(html.body).toContain('此证书已被撤销，不再有效');
  });

  it('limits how often the public verification answers', async () => {
    const codes = await Promise.all(
      Array.from({ length: 35 }, () =>
        t.app.inject({ method: 'GET', url: '/verify/ZZZZZZZZZZZZ', remoteAddress: '10.1.2.3' }),
      ),
    );
    expect(codes.map((c) => c.statusCode)).toContain(429);
  });
});
