import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  makeCreditCode,
  type Employer,
  type FairDetail,
  type Page,
  type Position,
  type PositionMatch,
  type Seeker,
  type SeekerDetail,
  type SeekerMatch,
} from '@gonghui/contracts';
import { composeResidentId, type EmploymentFigures, type FollowUp } from '@gonghui/contracts';
import dayjs from 'dayjs';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, TEST_PASSWORD } from './factories.ts';
import { buildFairWithPosition, buildSeeker } from './factories/employment.ts';
import { nextResidentId } from './members-fixtures.ts';
import { today } from '../src/platform/orgs/dates.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildDistricts>>;
let city: Client;
let districtA: Client;
let districtB: Client;
let employerA: Employer;
let employerA2: Employer;
let employerB: Employer;

const fairBody = (orgUnitId: number, over: Record<string, unknown> = {}) => ({
  title: '春风行动女性专场招聘会',
  category: 'women',
  heldOn: '2026-03-08',
  venue: '区职工服务中心一楼大厅',
  orgUnitId,
  ...over,
});

async function sheetRows(res: { rawPayload: Buffer }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  w = await buildDistricts(t.handle.db);
  city = await login(t.app, w.users.admin.username, TEST_PASSWORD);
  districtA = await login(t.app, w.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, w.users.districtB.username, TEST_PASSWORD);
  employerA = await buildEmployer(t.handle.db, { orgUnitId: w.aVillages[0].id });
  employerA2 = await buildEmployer(t.handle.db, { orgUnitId: w.aVillages[1].id });
  employerB = await buildEmployer(t.handle.db, { orgUnitId: w.bVillages[0].id });
});
afterAll(() => t.close());

describe('fairs and positions', () => {
  let fair: FairDetail;

  it('refuses a fair with missing or wrong fields, naming each', async () => {
    const empty = await districtA.post('/api/employment/fairs', {});
    expect(empty.statusCode).toBe(400);
    for (const text of [
      '请填写招聘会名称',
      '请选择专场类型',
      '举办日期格式应为',
      '请填写举办地点',
      '请选择主办单位',
    ])
      expect(empty.json().error.message).toContain(text);
    const outside = await districtA.post('/api/employment/fairs', fairBody(w.b.id));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toBe('主办单位不存在或不在您的管辖范围内');
  });

  it('creates a fair that its district and the city see and another district does not', async () => {
    const res = await districtA.post('/api/employment/fairs', fairBody(w.a.id));
    expect(res.statusCode).toBe(200);
    fair = res.json();
    expect(fair).toMatchObject({ category: 'women', orgUnitName: w.a.name, canEdit: true, employerCount: 0 });
    expect((await city.get(`/api/employment/fairs/${fair.id}`)).statusCode).toBe(200);
    const other = await districtB.get(`/api/employment/fairs/${fair.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toBe('招聘会不存在或不在您的管辖范围内');
    expect((await districtB.patch(`/api/employment/fairs/${fair.id}`, { venue: '别处' })).statusCode).toBe(
      404,
    );
  });

  it("shows the city's fair to every district, changed only by the city", async () => {
    const res = await city.post(
      '/api/employment/fairs',
      fairBody(w.city.id, { title: '全市技术工人专场招聘会', category: 'technician' }),
    );
    const cityFair = res.json() as FairDetail;
    const seen = await districtB.get(`/api/employment/fairs/${cityFair.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canEdit).toBe(false);
    expect(
      (await districtB.patch(`/api/employment/fairs/${cityFair.id}`, { venue: '别处' })).statusCode,
    ).toBe(404);
    const listB = (await districtB.get('/api/employment/fairs')).json() as Page<FairDetail>;
    expect(listB.items.map((f) => f.id)).toEqual([cityFair.id]);
    const listA = (await districtA.get('/api/employment/fairs?category=women')).json() as Page<FairDetail>;
    expect(listA.items.map((f) => f.id)).toEqual([fair.id]);
  });

  it('adds employers from the register or by a checked credit code', async () => {
    const url = `/api/employment/fairs/${fair.id}/employers`;
    const fromRegister = await districtA.post(url, {
      employerId: employerA.id,
      booth: 'A01',
      contactName: '王经理',
    });
    expect(fromRegister.statusCode).toBe(200);
    expect(fromRegister.json().employers[0]).toMatchObject({
      employerId: employerA.id,
      name: employerA.name,
      booth: 'A01',
    });
    const byCode = await districtA.post(url, { creditCode: employerA2.creditCode, booth: 'A02' });
    expect(byCode.json().employers[1]).toMatchObject({ employerId: employerA2.id, name: employerA2.name });

    const wrongCode = await districtA.post(url, { creditCode: '91320581MA1XXXXXX0' });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().error.details[0].field).toBe('creditCode');
    const elsewhere = await districtA.post(url, { creditCode: employerB.creditCode });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.message).toContain('在其他工会的区域内登记');
    expect(elsewhere.json().error.message).not.toContain(employerB.name);
    const notInRegister = makeCreditCode('9', '1', '320581', 990_001);
    const nameless = await districtA.post(url, { creditCode: notInRegister });
    expect(nameless.json().error.message).toBe('该单位不在单位名录中，请填写单位名称');
    const guest = await districtA.post(url, {
      creditCode: notInRegister,
      name: '外地家政服务有限公司',
      booth: 'B01',
    });
    expect(guest.statusCode).toBe(200);
    expect(
      guest.json().employers.find((e: { creditCode: string }) => e.creditCode === notInRegister),
    ).toMatchObject({ employerId: null });

    const twice = await districtA.post(url, { employerId: employerA.id });
    expect(twice.json().error.message).toBe(`「${employerA.name}」已参加本场招聘会`);
    const booth = await districtA.post(url, {
      creditCode: makeCreditCode('9', '1', '320581', 990_002),
      name: '某公司',
      booth: 'A01',
    });
    expect(booth.json().error.message).toBe(`展位 A01 已分给「${employerA.name}」`);
    const outOfScope = await districtA.post(url, { employerId: employerB.id });
    expect(outOfScope.json().error.message).toBe('参会单位不存在、已注销或不在您的管辖范围内');
  });

  it('posts positions with a pay range in fen and refuses an upside-down range', async () => {
    const f = (await districtA.get(`/api/employment/fairs/${fair.id}`)).json() as FairDetail;
    const body = {
      fairEmployerId: f.employers[0].id,
      title: '育婴员',
      jobCategory: 'domestic',
      openings: 5,
      payMinFen: 500000,
      payMaxFen: 800000,
      requirements: '持育婴员证优先',
      skills: ['育婴', '烹饪'],
      suitability: ['women', 'laid_off'],
    };
    const upside = await districtA.post('/api/employment/positions', { ...body, payMaxFen: 300000 });
    expect(upside.statusCode).toBe(400);
    expect(upside.json().error.message).toBe('月薪上限不能低于下限 5000.00 元');
    const badOpenings = await districtA.post('/api/employment/positions', {
      ...body,
      openings: 0,
      payMinFen: 1.5,
    });
    expect(badOpenings.json().error.message).toContain('招聘人数至少为 1');
    expect(badOpenings.json().error.message).toContain('月薪下限最多两位小数');
    const ok = await districtA.post('/api/employment/positions', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ payMinFen: 500000, payMaxFen: 800000, employerName: employerA.name });
    expect((await districtB.post('/api/employment/positions', body)).statusCode).toBe(400);
    const updated = await districtA.patch(`/api/employment/positions/${ok.json().id}`, { openings: 6 });
    expect(updated.json().openings).toBe(6);
    expect(
      (await districtB.patch(`/api/employment/positions/${ok.json().id}`, { openings: 7 })).statusCode,
    ).toBe(404);
    await districtA.post('/api/employment/positions', {
      ...body,
      fairEmployerId: f.employers[1].id,
      title: '保洁员',
      jobCategory: 'cleaning',
      skills: [],
      payMinFen: 350000,
      payMaxFen: 420000,
    });
    const list = (
      await districtA.get(`/api/employment/positions?fairId=${fair.id}&jobCategory=domestic`)
    ).json() as Page<Position>;
    expect(list.items.map((p) => p.title)).toEqual(['育婴员']);
  });

  it('exports the booth list, the fairs and the positions, each within the scope', async () => {
    const booths = await districtA.get(`/api/employment/booths/export?fairId=${fair.id}`);
    expect(booths.statusCode).toBe(200);
    const rows = await sheetRows(booths);
    expect(rows[0]).toEqual([
      '展位号',
      '参会单位',
      '统一社会信用代码',
      '联系人',
      '岗位数',
      '招聘人数',
      '招聘岗位（月薪，元）',
    ]);
    expect(rows[1].slice(0, 2)).toEqual(['A01', employerA.name]);
    expect(rows[1][6]).toBe('育婴员 6人（5000–8000）');
    expect(rows).toHaveLength(4);
    expect((await districtB.get(`/api/employment/booths/export?fairId=${fair.id}`)).statusCode).toBe(404);
    const fairs = await sheetRows(await districtA.get('/api/employment/fairs/export?category=women'));
    expect(fairs.map((r) => r[0])).toEqual(['招聘会名称', '春风行动女性专场招聘会']);
    const positions = await sheetRows(
      await districtA.get(`/api/employment/positions/export?fairId=${fair.id}`),
    );
    expect(positions).toHaveLength(3);
  });
});

describe('seekers', () => {
  let seeker: SeekerDetail;
  let position: Position;
  let other: Position;

  beforeAll(async () => {
    ({ position } = await buildFairWithPosition(t.handle.db, {
      orgUnitId: w.a.id,
      employerId: employerA.id,
    }));
    ({ position: other } = await buildFairWithPosition(t.handle.db, {
      orgUnitId: w.a.id,
      employerId: employerA2.id,
      position: {
        title: '普工',
        jobCategory: 'manufacturing',
        skills: [],
        suitability: [],
        payMinFen: 300000,
        payMaxFen: 500000,
      },
    }));
  });

  it('registers a seeker with the ID sealed, shown masked, and refuses bad fields by name', async () => {
    const bad = await districtA.post('/api/employment/seekers', {
      name: '',
      residentId: '123',
      situation: 'x',
      registeredVia: 'fair',
      orgUnitId: w.a.id,
      registeredOn: '2026-02-30',
    });
    expect(bad.statusCode).toBe(400);
    for (const text of ['请填写姓名', '人员类别', '登记日期格式应为'])
      expect(bad.json().error.message).toContain(text);
    const residentId = nextResidentId('320581');
    const body = {
      name: '测试求职者甲',
      residentId,
      phone: '13912345678',
      situation: 'laid_off',
      skills: ['育婴', '烹饪'],
      wishedCategories: ['domestic'],
      wishedPayMinFen: 450000,
      orgUnitId: w.a2.id,
      registeredVia: 'office',
      registeredOn: '2026-04-02',
    };
    const wrongId = await districtA.post('/api/employment/seekers', {
      ...body,
      residentId: residentId.slice(0, 17) + (residentId[17] === '1' ? '2' : '1'),
    });
    expect(wrongId.statusCode).toBe(400);
    expect(wrongId.json().error.details[0].field).toBe('residentId');
    const res = await districtA.post('/api/employment/seekers', body);
    expect(res.statusCode).toBe(200);
    seeker = res.json();
    expect(seeker.residentIdMasked).toBe(`${residentId.slice(0, 4)}**********${residentId.slice(-4)}`);
    expect(seeker.phoneMasked).not.toContain('1234');
    expect(seeker).toMatchObject({ status: 'registered', isMember: false, orgUnitName: w.a2.name });
    expect(seeker.history).toMatchObject([{ fromStatus: null, toStatus: 'registered' }]);
    const stored = await t.handle.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_type', '=', 'job_seeker')
      .execute();
    expect(JSON.stringify(stored)).not.toContain(residentId);

    const again = await districtA.post('/api/employment/seekers', { ...body, name: '另一个名字' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(`「${w.a2.name}」登记为求职人员「测试求职者甲」`);
    const elsewhere = await districtB.post('/api/employment/seekers', { ...body, orgUnitId: w.b.id });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.message).toBe(
      '该身份证号码已在其他单位登记为求职人员，请联系共同的上级工会',
    );
  });

  it('answers a seeker outside the scope as missing, in the list, the page and the export', async () => {
    expect((await districtB.get(`/api/employment/seekers/${seeker.id}`)).statusCode).toBe(404);
    expect(
      (
        await districtB.post(`/api/employment/seekers/${seeker.id}/recommendations`, {
          positionId: position.id,
          recommendedOn: '2026-04-03',
        })
      ).statusCode,
    ).toBe(404);
    expect(((await districtB.get('/api/employment/seekers')).json() as Page<Seeker>).total).toBe(0);
    expect((await districtB.get(`/api/employment/seekers/export?orgUnitId=${w.a.id}`)).statusCode).toBe(404);
    const rows = await sheetRows(await districtA.get('/api/employment/seekers/export?situation=laid_off'));
    expect(rows[1][0]).toBe('测试求职者甲');
    expect(String(rows[1][3])).toContain('**********');
    const byTail = (
      await districtA.get(`/api/employment/seekers?q=${seeker.residentIdMasked.slice(-4)}`)
    ).json() as Page<Seeker>;
    expect(byTail.items.map((s) => s.id)).toContain(seeker.id);
  });

  it('ranks the positions that fit a seeker, and the seekers that fit a position', async () => {
    const matches = (
      await districtA.get(`/api/employment/seekers/${seeker.id}/matches`)
    ).json() as PositionMatch[];
    expect(matches[0].position.id).toBe(position.id);
    expect(matches[0].reasons).toEqual(expect.arrayContaining(['求职意向：家政服务', '技能相符：育婴']));
    expect(matches.map((m) => m.position.id)).not.toContain(other.id);
    await buildSeeker(t.handle.db, {
      orgUnitId: w.a.id,
      name: '测试求职者乙',
      skills: [],
      wishedCategories: ['domestic'],
      situation: 'other',
    });
    const fits = (
      await districtA.get(`/api/employment/positions/${position.id}/matches`)
    ).json() as SeekerMatch[];
    expect(fits.map((m) => m.seeker.name).slice(0, 2)).toEqual(['测试求职者甲', '测试求职者乙']);
    expect(fits[0].score).toBeGreaterThan(fits[1].score);
    const fitsB = await districtB.get(`/api/employment/positions/${position.id}/matches`);
    expect(fitsB.statusCode).toBe(404);
  });

  it('refuses a placement without a recommendation, then recommends, places, and refuses a second recommendation', async () => {
    const url = `/api/employment/seekers/${seeker.id}`;
    const noRec = await districtA.post(`${url}/placements`, {
      recommendationId: 999999,
      placedOn: '2026-04-10',
      source: 'fair',
    });
    expect(noRec.statusCode).toBe(400);
    expect(noRec.json().error.message).toBe('没有这条推荐记录：登记就业须先为其推荐岗位');
    const early = await districtA.post(`${url}/recommendations`, {
      positionId: position.id,
      recommendedOn: '2026-04-01',
    });
    expect(early.json().error.message).toBe('推荐日期不能早于登记日期 2026-04-02');
    const rec = await districtA.post(`${url}/recommendations`, {
      positionId: position.id,
      recommendedOn: '2026-04-03',
      note: '本人意愿强',
    });
    expect(rec.statusCode).toBe(200);
    const recommended = rec.json() as SeekerDetail;
    expect(recommended.status).toBe('recommended');
    expect(recommended.recommendations[0]).toMatchObject({ positionTitle: '家政服务员', result: 'pending' });
    const dup = await districtA.post(`${url}/recommendations`, {
      positionId: position.id,
      recommendedOn: '2026-04-04',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('推荐过此人');

    const recId = recommended.recommendations[0].id;
    const interview = await districtA.post(`${url}/recommendation-results`, {
      recommendationId: recId,
      result: 'interview',
      resultOn: '2026-04-05',
    });
    expect(interview.json().recommendations[0].result).toBe('interview');
    const placed = await districtA.post(`${url}/placements`, {
      recommendationId: recId,
      placedOn: '2026-04-08',
      source: 'fair',
    });
    expect(placed.statusCode).toBe(200);
    expect(placed.json()).toMatchObject({ status: 'placed', statusSince: '2026-04-08' });
    expect(placed.json().placements[0]).toMatchObject({
      employerName: employerA.name,
      source: 'fair',
      endedOn: null,
    });
    expect(placed.json().recommendations[0].result).toBe('hired');

    const again = await districtA.post(`${url}/recommendations`, {
      positionId: other.id,
      recommendedOn: '2026-04-09',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      `该求职人员已于 2026-04-08 在「${employerA.name}」就业且仍在岗，须先登记离职（结束就业登记）后才能再推荐`,
    );
    const withdraw = await districtA.post(`${url}/status`, { status: 'withdrawn', reason: '本人不再求职' });
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json().error.message).toBe('该求职人员已就业且仍在岗，须先登记离职（结束就业登记）');
    const lockedResult = await districtA.post(`${url}/recommendation-results`, {
      recommendationId: recId,
      result: 'rejected',
      resultOn: '2026-04-09',
    });
    expect(lockedResult.json().error.message).toBe('此推荐已登记就业，结果不能再改为「未录用」');

    const fair = (await districtA.get(`/api/employment/fairs/${position.fairId}`)).json() as FairDetail;
    expect(fair.outcome).toEqual({ seekersReceived: 0, recommendations: 1, placed: 1 });
  });

  it('ends the placement, recommends again, and keeps the whole status history', async () => {
    const url = `/api/employment/seekers/${seeker.id}`;
    const early = await districtA.post(`${url}/placement-end`, { endedOn: '2026-04-01', reason: '合同到期' });
    expect(early.json().error.message).toBe('离职日期不能早于就业日期 2026-04-08');
    const ended = await districtA.post(`${url}/placement-end`, { endedOn: '2026-05-20', reason: '合同到期' });
    expect(ended.json().status).toBe('left');
    expect(
      (await districtA.post(`${url}/placement-end`, { endedOn: '2026-05-21', reason: '再次' })).json().error
        .message,
    ).toBe('该求职人员没有在岗的就业登记');
    const rec = await districtA.post(`${url}/recommendations`, {
      positionId: other.id,
      recommendedOn: '2026-05-22',
    });
    expect(rec.statusCode).toBe(200);
    const recId = (rec.json() as SeekerDetail).recommendations.find((r) => r.positionId === other.id)!.id;
    await districtA.post(`${url}/recommendation-results`, {
      recommendationId: recId,
      result: 'rejected',
      resultOn: '2026-05-25',
    });
    const refused = await districtA.post(`${url}/placements`, {
      recommendationId: recId,
      placedOn: '2026-05-26',
      source: 'office',
    });
    expect(refused.json().error.message).toBe('此推荐的结果为「未录用」，不能据此登记就业');
    const withdrawn = await districtA.post(`${url}/status`, { status: 'withdrawn', reason: '本人外出务工' });
    expect(withdrawn.statusCode).toBe(200);
    const twice = await districtA.post(`${url}/status`, { status: 'withdrawn', reason: '再次' });
    expect(twice.json().error.message).toBe('该求职人员已是「已退出」状态');
    const back = (
      await districtA.post(`${url}/status`, { status: 'registered', reason: '回到本地' })
    ).json() as SeekerDetail;
    expect(back.history.map((h) => h.toStatus)).toEqual([
      'registered',
      'recommended',
      'placed',
      'left',
      'recommended',
      'withdrawn',
      'registered',
    ]);
    expect(back.history[3]).toMatchObject({
      fromStatus: 'placed',
      reason: '合同到期',
      changedOn: '2026-05-20',
    });
  });

  it('lists placements due for their three-month follow-up and records it', async () => {
    const s = await buildSeeker(t.handle.db, {
      orgUnitId: w.a2.id,
      name: '测试求职者丁',
      registeredOn: '2026-01-05',
    });
    const url = `/api/employment/seekers/${s.id}`;
    const placedOn = dayjs().subtract(100, 'day').format('YYYY-MM-DD');
    const rec = (
      await districtA.post(`${url}/recommendations`, { positionId: position.id, recommendedOn: placedOn })
    ).json() as SeekerDetail;
    await districtA.post(`${url}/placements`, {
      recommendationId: rec.recommendations[0].id,
      placedOn,
      source: 'office',
    });
    const due = (await districtA.get('/api/employment/follow-ups?overdue=true')).json() as Page<FollowUp>;
    const mine = due.items.find((f) => f.seekerId === s.id)!;
    expect(mine).toMatchObject({
      placedOn,
      followUpDue: dayjs(placedOn).add(3, 'month').format('YYYY-MM-DD'),
    });
    expect(mine.daysOverdue).toBeGreaterThan(0);
    expect(
      ((await districtB.get('/api/employment/follow-ups?overdue=true')).json() as Page<FollowUp>).total,
    ).toBe(0);
    const rows = await sheetRows(await districtA.get('/api/employment/follow-ups/export?overdue=true'));
    expect(rows.map((r) => r[0])).toContain('测试求职者丁');

    const noReason = await districtA.post(`${url}/follow-up`, {
      followedUpOn: today(),
      stillEmployed: false,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe('请填写未在岗的原因');
    expect(
      (await districtB.post(`${url}/follow-up`, { followedUpOn: today(), stillEmployed: true })).statusCode,
    ).toBe(404);
    const done = (
      await districtA.post(`${url}/follow-up`, {
        followedUpOn: today(),
        stillEmployed: false,
        note: '家中老人需照顾，已离职',
      })
    ).json() as SeekerDetail;
    expect(done.status).toBe('left');
    expect(done.placements[0]).toMatchObject({
      followedUpOn: today(),
      stillEmployed: false,
      endedOn: today(),
      endReason: '家中老人需照顾，已离职',
    });
    expect(
      (await districtA.post(`${url}/follow-up`, { followedUpOn: today(), stillEmployed: true })).json().error
        .message,
    ).toBe('该求职人员没有待回访的就业登记');
    const after = (await districtA.get('/api/employment/follow-ups?overdue=true')).json() as Page<FollowUp>;
    expect(after.items.map((f) => f.seekerId)).not.toContain(s.id);
  });

  it('registers a seeker at a fair, counted in its outcome', async () => {
    const res = await districtA.post('/api/employment/seekers', {
      name: '测试求职者丙',
      residentId: composeResidentId('320581', '1990-05-05', 77),
      situation: 'migrant',
      orgUnitId: w.a.id,
      registeredVia: 'fair',
      registeredOn: today(),
    });
    expect(res.json().error.message).toBe('招聘会现场登记请选择招聘会');
    const ok = await districtA.post('/api/employment/seekers', {
      name: '测试求职者丙',
      residentId: composeResidentId('320581', '1990-05-05', 77),
      situation: 'migrant',
      orgUnitId: w.a.id,
      registeredVia: 'fair',
      fairId: position.fairId,
      registeredOn: today(),
    });
    expect(ok.statusCode).toBe(200);
    const fair = (await districtA.get(`/api/employment/fairs/${position.fairId}`)).json() as FairDetail;
    expect(fair.outcome.seekersReceived).toBe(1);
  });
  it("counts the year's trained, placed and still employed by unit, and says it the bulletin's way", async () => {
    const s = await buildSeeker(t.handle.db, {
      orgUnitId: w.aVillages[0].id,
      name: '测试求职者戊',
      registeredOn: '2025-02-01',
    });
    const url = `/api/employment/seekers/${s.id}`;
    const course = (
      await districtA.post('/api/employment/courses', {
        title: '家政服务员长期培训班',
        programme: 'domestic',
        free: true,
        startsOn: '2025-01-10',
        endsOn: '2030-01-10',
        sessions: 4,
        capacity: 5,
        venue: '区职工学校',
        orgUnitId: w.a.id,
      })
    ).json() as { id: number };
    await districtA.post(`/api/employment/courses/${course.id}/enrolments`, { seekerId: s.id });
    const rec = (
      await districtA.post(`${url}/recommendations`, { positionId: position.id, recommendedOn: '2025-02-10' })
    ).json() as SeekerDetail;
    await districtA.post(`${url}/placements`, {
      recommendationId: rec.recommendations[0].id,
      placedOn: '2025-03-01',
      source: 'course',
    });
    await districtA.post(`${url}/follow-up`, { followedUpOn: '2025-06-05', stillEmployed: true });

    const figures = (await districtA.get('/api/employment/figures?year=2025')).json() as EmploymentFigures;
    expect(figures.total).toEqual({
      trained: 1,
      trainedPlaced: 1,
      certified: 0,
      placed: 1,
      laidOffPlaced: 1,
      followedUp: 1,
      stillEmployed: 1,
    });
    expect(figures.byUnit.map((u) => [u.orgUnitName, u.placed])).toEqual([
      [w.a1.name, 0],
      [w.a2.name, 1],
    ]);
    expect(figures.byProgramme.find((p) => p.programme === 'domestic')).toMatchObject({
      trained: 1,
      trainedPlaced: 1,
    });
    expect(figures.sentences).toContain(`2025年${w.a.name}帮助1名下岗失业人员实现再就业。`);
    expect(figures.sentences[0]).toContain('大部分已实现就业');
    const b = (await districtB.get('/api/employment/figures?year=2025')).json() as EmploymentFigures;
    expect(b.total.placed).toBe(0);
    expect((await districtB.get(`/api/employment/figures?year=2025&orgUnitId=${w.a.id}`)).statusCode).toBe(
      404,
    );
  });
});
