import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type {
  Campaign,
  CampaignEvent,
  CampaignRollup,
  CampaignSettings,
  Employer,
  Page,
} from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, buildUser, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let admin: Client;
let districtA: Client;
let townA1: Client;
let districtB: Client;
let viewerA: Client;
let firmA1: Employer;
let firmB1: Employer;
let healthMonth: Campaign;
let cityCampaign: Campaign;

const SEPT = { startsOn: '2025-09-01', endsOn: '2025-09-30' };

async function sheetRows(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

const event = (over: Record<string, unknown> = {}) => ({
  campaignId: healthMonth.id,
  orgUnitId: world.a1.id,
  typeCode: 'lecture',
  title: '女职工健康讲座',
  heldOn: '2025-09-10',
  place: '镇职工之家',
  participants: 60,
  outputs: [
    { code: 'leaflets', count: 200 },
    { code: 'banners', count: 1 },
  ],
  ...over,
});

async function addEvent(c: Client, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/campaign-events', event(over));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CampaignEvent;
}

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  const viewer = await buildUser(t.handle.db, { unit: world.a, role: 'viewer' });
  [admin, districtA, townA1, districtB, viewerA] = await Promise.all([
    login(t.app, world.users.admin.username, TEST_PASSWORD),
    login(t.app, world.users.districtA.username, TEST_PASSWORD),
    login(t.app, world.users.townA1.username, TEST_PASSWORD),
    login(t.app, world.users.districtB.username, TEST_PASSWORD),
    login(t.app, viewer.username, TEST_PASSWORD),
  ]);
  firmA1 = await buildEmployer(t.handle.db, { orgUnitId: world.a1.id, employees: 300 });
  firmB1 = await buildEmployer(t.handle.db, { orgUnitId: world.b1.id });
});
afterAll(() => t.close());

describe('the configured lists', () => {
  it('gives every event type its outputs, each with the definition of what it counts', async () => {
    const s = (await districtA.get('/api/campaign-settings')).json() as CampaignSettings;
    expect(s.types.map((x) => x.name)).toEqual(
      expect.arrayContaining(['讲座', '义诊/筛查', '健康直通车', '培训班', '文体活动']),
    );
    expect(s.types.find((x) => x.code === 'screening')!.outputs).toContain('screenings');
    expect(s.types.find((x) => x.code === 'lecture')!.outputs).not.toContain('screenings');
    expect(s.outputs.find((o) => o.code === 'leaflets')).toMatchObject({ name: '宣传资料', unit: '份' });
    expect(s.outputs.every((o) => o.definition.length > 10)).toBe(true);
    expect(s.mayConfigure).toBe(false);
  });

  it('lets the city administrator add an output and give it to a type; a district may not', async () => {
    const refused = await districtA.request({
      method: 'PUT',
      url: '/api/campaign-settings/outputs/volunteers',
      payload: { name: '志愿者', unit: '人', definition: '到场服务的志愿者人数，工作人员不计入' },
    });
    expect(refused.statusCode).toBe(403);
    const put = (url: string, payload: Record<string, unknown>) =>
      admin.request({ method: 'PUT', url, payload });
    const out = await put('/api/campaign-settings/outputs/volunteers', {
      name: '志愿者',
      unit: '人',
      definition: '到场服务的志愿者人数，工作人员不计入',
    });
    expect(out.statusCode, out.body).toBe(200);
    const unknown = await put('/api/campaign-settings/event-types/volunteer_day', {
      name: '志愿服务日',
      outputs: ['volunteers', 'nothing_like_it'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('nothing_like_it');
    const type = await put('/api/campaign-settings/event-types/volunteer_day', {
      name: '志愿服务日',
      outputs: ['volunteers', 'leaflets'],
    });
    expect(type.statusCode, type.body).toBe(200);
    expect(type.json()).toMatchObject({ code: 'volunteer_day', outputs: ['volunteers', 'leaflets'] });
    const s = (await admin.get('/api/campaign-settings')).json() as CampaignSettings;
    expect(s.mayConfigure).toBe(true);
    expect(s.types.find((x) => x.code === 'volunteer_day')?.name).toBe('志愿服务日');
  });
});

describe('campaigns', () => {
  it('creates a district campaign over its subtree, and a city campaign over the whole city', async () => {
    const res = await districtA.post('/api/campaigns', {
      theme: '女职工健康关爱月',
      ...SEPT,
      orgUnitId: world.a.id,
      description: '健康讲座、免费筛查和文体活动',
    });
    expect(res.statusCode, res.body).toBe(200);
    healthMonth = res.json() as Campaign;
    expect(healthMonth).toMatchObject({
      orgUnitId: world.a.id,
      territory: [{ id: world.a.id }],
      events: 0,
      mayEdit: true,
    });
    const city = await admin.post('/api/campaigns', {
      theme: '职工心理健康关爱行动',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      orgUnitId: world.city.id,
    });
    expect(city.statusCode, city.body).toBe(200);
    cityCampaign = city.json() as Campaign;
  });

  it('refuses a bad period, a control character, a unit outside the scope and a territory outside the organiser', async () => {
    const base = { theme: '测试活动', ...SEPT, orgUnitId: world.a.id };
    const backwards = await districtA.post('/api/campaigns', { ...base, endsOn: '2025-08-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('结束日期');
    const impossible = await districtA.post('/api/campaigns', { ...base, startsOn: '2025-02-30' });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.message).toContain('开始日期');
    const control = await districtA.post('/api/campaigns', { ...base, theme: '测试\u0000活动' });
    expect(control.statusCode).toBe(400);
    const huge = await districtA.post('/api/campaigns', { ...base, theme: '长'.repeat(5000) });
    expect(huge.statusCode).toBe(400);
    const elsewhere = await districtA.post('/api/campaigns', { ...base, orgUnitId: world.b.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.message).not.toContain(world.b.name);
    const outside = await districtA.post('/api/campaigns', {
      ...base,
      orgUnitId: world.a1.id,
      territoryUnitIds: [world.a2.id],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('活动范围');
    const nested = await districtA.post('/api/campaigns', {
      ...base,
      territoryUnitIds: [world.a2.id, world.aVillages[0].id],
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.message).toContain('无需重复选择');
  });

  it('shows a city campaign to every unit, and a district campaign only to its subtree and above', async () => {
    const themes = async (c: Client) =>
      ((await c.get('/api/campaigns')).json() as Page<Campaign>).items.map((x) => x.theme);
    expect(await themes(townA1)).toEqual(
      expect.arrayContaining(['女职工健康关爱月', '职工心理健康关爱行动']),
    );
    expect(await themes(districtB)).toContain('职工心理健康关爱行动');
    expect(await themes(districtB)).not.toContain('女职工健康关爱月');
    expect((await districtB.get(`/api/campaigns/${healthMonth.id}`)).statusCode).toBe(404);
    expect((await districtB.get('/api/campaigns/999999')).statusCode).toBe(404);
    const seen = (await districtA.get(`/api/campaigns/${cityCampaign.id}`)).json() as Campaign;
    expect(seen.mayEdit).toBe(false);
    const edit = await districtA.patch(`/api/campaigns/${cityCampaign.id}`, { theme: '改名' });
    expect(edit.statusCode).toBe(403);
    expect((await districtB.patch(`/api/campaigns/${healthMonth.id}`, { theme: '改名' })).statusCode).toBe(
      404,
    );
  });
});

describe('events', () => {
  it('records an event with its outputs, at a host employer of the register', async () => {
    const e = await addEvent(districtA, {
      typeCode: 'health_bus',
      title: '健康直通车进企业',
      place: null,
      employerId: firmA1.id,
      participants: 78,
      outputs: [
        { code: 'leaflets', count: 300 },
        { code: 'consultations', count: 40 },
      ],
    });
    expect(e).toMatchObject({
      campaignTheme: '女职工健康关爱月',
      orgUnitName: world.a1.name,
      typeName: '健康直通车',
      employerName: firmA1.name,
      outputs: [
        { code: 'leaflets', count: 300 },
        { code: 'consultations', count: 40 },
      ],
    });
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_type', '=', 'campaign_event')
      .where('entity_id', '=', String(e.id))
      .execute();
    expect(audit).toMatchObject([{ action: 'campaign_event.create', after: { participants: 78 } }]);
  });

  it('refuses an output its type does not count, naming it, and counts that are not whole and non-negative', async () => {
    const wrong = await districtA.post(
      '/api/campaign-events',
      event({ outputs: [{ code: 'screenings', count: 10 }] }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('免费筛查');
    expect(wrong.json().error.message).toContain('讲座');
    const negative = await districtA.post(
      '/api/campaign-events',
      event({ outputs: [{ code: 'leaflets', count: -1 }] }),
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toContain('统计数不能为负数');
    const fraction = await districtA.post('/api/campaign-events', event({ participants: 2.5 }));
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().error.message).toContain('参加人数');
    const twice = await districtA.post(
      '/api/campaign-events',
      event({
        outputs: [
          { code: 'leaflets', count: 1 },
          { code: 'leaflets', count: 2 },
        ],
      }),
    );
    expect(twice.statusCode).toBe(400);
    const unknownType = await districtA.post('/api/campaign-events', event({ typeCode: 'no_such_type' }));
    expect(unknownType.statusCode).toBe(400);
    const future = await districtA.post(
      '/api/campaign-events',
      event({ campaignId: null, heldOn: '2999-01-01' }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('活动日期');
    const outOfPeriod = await districtA.post('/api/campaign-events', event({ heldOn: '2025-10-02' }));
    expect(outOfPeriod.statusCode).toBe(400);
    expect(outOfPeriod.json().error.message).toContain('期间');
    const nowhere = await districtA.post('/api/campaign-events', event({ place: null }));
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.message).toContain('活动地点');
  });

  it('lets a unit add its own events to a city campaign that covers it, not to another district campaign', async () => {
    const own = await addEvent(townA1, {
      campaignId: cityCampaign.id,
      heldOn: '2025-05-20',
      title: '职场压力与情绪管理讲座',
    });
    expect(own.campaignId).toBe(cityCampaign.id);
    await addEvent(districtB, {
      campaignId: cityCampaign.id,
      orgUnitId: world.b1.id,
      heldOn: '2025-05-21',
      employerId: firmB1.id,
    });
    const intoA = await districtB.post(
      '/api/campaign-events',
      event({ orgUnitId: world.b1.id, campaignId: healthMonth.id }),
    );
    expect(intoA.statusCode).toBe(404);
    // District A's own campaign ran over A alone: a unit of B cannot be placed in it even by the city.
    const outsideTerritory = await admin.post('/api/campaign-events', event({ orgUnitId: world.b1.id }));
    expect(outsideTerritory.statusCode).toBe(400);
    expect(outsideTerritory.json().error.message).toContain('活动范围');
    const hostElsewhere = await districtA.post('/api/campaign-events', event({ employerId: firmB1.id }));
    expect(hostElsewhere.statusCode).toBe(400);
    expect(hostElsewhere.json().error.message).not.toContain(firmB1.name);
    // Each side counts only its own events of the city campaign.
    const a = (await districtA.get(`/api/campaigns/${cityCampaign.id}`)).json() as Campaign;
    const city = (await admin.get(`/api/campaigns/${cityCampaign.id}`)).json() as Campaign;
    expect([a.events, city.events]).toEqual([1, 2]);
  });

  it('answers another district event with 404, on read, change and export alike', async () => {
    const e = await addEvent(districtA, { title: '越权测试讲座' });
    expect((await districtB.get(`/api/campaign-events/${e.id}`)).statusCode).toBe(404);
    expect((await districtB.get('/api/campaign-events/999999')).statusCode).toBe(404);
    const change = await districtB.patch(`/api/campaign-events/${e.id}`, {
      ...event(),
      campaignId: undefined,
      orgUnitId: undefined,
    });
    expect(change.statusCode).toBe(404);
    expect((await districtB.get(`/api/campaign-events?orgUnitId=${world.a.id}`)).statusCode).toBe(404);
    expect((await districtB.get(`/api/campaign-events/export?orgUnitId=${world.a.id}`)).statusCode).toBe(404);
    expect((await districtB.get(`/api/campaign-rollup?campaignId=${healthMonth.id}`)).statusCode).toBe(404);
    expect((await districtB.get(`/api/campaign-rollup?orgUnitId=${world.a1.id}`)).statusCode).toBe(404);
    const list = (await districtB.get('/api/campaign-events')).json() as Page<CampaignEvent>;
    expect(list.items.every((x) => x.orgUnitName !== world.a1.name)).toBe(true);
    const viewerWrite = await viewerA.post('/api/campaign-events', event());
    expect(viewerWrite.statusCode).toBe(403);
    expect((await viewerA.get(`/api/campaign-events/${e.id}`)).statusCode).toBe(200);
  });

  it('corrects an event and its outputs, audited before and after', async () => {
    const e = await addEvent(districtA, { title: '待修改的讲座' });
    const res = await districtA.patch(`/api/campaign-events/${e.id}`, {
      typeCode: 'screening',
      title: '困难女职工免费筛查',
      heldOn: '2025-09-12',
      place: '社区卫生服务中心',
      participants: 40,
      outputs: [{ code: 'screenings', count: 40 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as CampaignEvent).outputs).toEqual([{ code: 'screenings', count: 40 }]);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'campaign_event.update')
      .where('entity_id', '=', String(e.id))
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ typeCode: 'lecture', participants: 60 });
    expect(audit.after).toMatchObject({ typeCode: 'screening', participants: 40 });
    const period = await districtA.patch(`/api/campaigns/${healthMonth.id}`, { endsOn: '2025-09-05' });
    expect(period.statusCode).toBe(400);
    expect(period.json().error.message).toContain('活动期间');
  });
});

describe('roll-ups', () => {
  let month: Campaign;

  beforeAll(async () => {
    const res = await districtA.post('/api/campaigns', {
      theme: '汇总测试活动月',
      startsOn: '2025-03-01',
      endsOn: '2025-04-30',
      orgUnitId: world.a.id,
    });
    month = res.json() as Campaign;
    const add = (over: Record<string, unknown>) => addEvent(districtA, { campaignId: month.id, ...over });
    await add({ orgUnitId: world.a1.id, heldOn: '2025-03-05', participants: 10 });
    await add({
      orgUnitId: world.aVillages[0].id,
      heldOn: '2025-03-20',
      typeCode: 'screening',
      participants: 30,
      outputs: [
        { code: 'leaflets', count: 100 },
        { code: 'screenings', count: 30 },
      ],
    });
    await add({
      orgUnitId: world.a.id,
      heldOn: '2025-04-02',
      participants: 5,
      outputs: [{ code: 'banners', count: 3 }],
    });
  });

  it('sums the events of the campaign per unit below and per month, from the events themselves', async () => {
    const r = (await districtA.get(`/api/campaign-rollup?campaignId=${month.id}`)).json() as CampaignRollup;
    expect(r.unit.id).toBe(world.a.id);
    expect(r.totals).toEqual({
      events: 3,
      participants: 45,
      outputs: { leaflets: 300, banners: 4, screenings: 30 },
    });
    expect(r.rows.map((x) => [x.orgUnitName, x.own, x.events, x.outputs.leaflets ?? 0])).toEqual([
      [world.a.name, true, 1, 0],
      [world.a1.name, false, 1, 200],
      [world.a2.name, false, 1, 100],
    ]);
    expect(r.months.map((m) => [m.month, m.events])).toEqual([
      ['2025-03', 2],
      ['2025-04', 1],
    ]);
    expect(r.outputs.map((o) => o.code)).toEqual(['leaflets', 'banners', 'screenings']);
    // Narrowed to a unit and a period: the town's village row, March only.
    const town = (
      await districtA.get(
        `/api/campaign-rollup?campaignId=${month.id}&orgUnitId=${world.a2.id}&to=2025-03-31`,
      )
    ).json() as CampaignRollup;
    expect(town.totals).toMatchObject({ events: 1, participants: 30 });
    expect(town.rows).toMatchObject([{ orgUnitId: world.aVillages[0].id, own: false }]);
    // A later event moves the figures at once: nothing is stored.
    await addEvent(districtA, { campaignId: month.id, orgUnitId: world.a2.id, heldOn: '2025-04-10' });
    const again = (
      await districtA.get(`/api/campaign-rollup?campaignId=${month.id}`)
    ).json() as CampaignRollup;
    expect(again.totals.events).toBe(4);
    expect(again.totals.outputs.leaflets).toBe(500);
    const bad = await districtA.get('/api/campaign-rollup?from=2025-05-01&to=2025-04-01');
    expect(bad.statusCode).toBe(400);
  });

  it('exports the campaigns, the events and the roll-up as filtered', async () => {
    const campaigns = await districtA.get('/api/campaigns/export?q=汇总测试');
    expect(campaigns.statusCode).toBe(200);
    const cRows = await sheetRows(campaigns.rawPayload);
    expect(cRows[0]).toContain('活动主题');
    expect(cRows.slice(1).map((r) => r[0])).toEqual(['汇总测试活动月']);
    const events = await districtA.get(`/api/campaign-events/export?campaignId=${month.id}`);
    expect(events.statusCode).toBe(200);
    const eRows = await sheetRows(events.rawPayload);
    expect(eRows[0]).toEqual(expect.arrayContaining(['活动日期', '宣传资料（份）', '免费筛查（人次）']));
    expect(eRows).toHaveLength(5);
    const rollup = await districtA.get(`/api/campaign-rollup/export?campaignId=${month.id}`);
    expect(rollup.statusCode).toBe(200);
    const rRows = await sheetRows(rollup.rawPayload);
    expect(rRows[0]).toEqual([
      '单位',
      '活动次数',
      '参加人数',
      '宣传资料（份）',
      '宣传横幅（条）',
      '免费筛查（人次）',
    ]);
    expect(rRows[rRows.length - 1]).toEqual(['合计', 4, 105, 500, 5, 30]);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['campaign.export', 'campaign_event.export', 'campaign_rollup.export'])
      .execute();
    expect(audit).toHaveLength(3);
    expect((await districtB.get(`/api/campaign-rollup/export?campaignId=${month.id}`)).statusCode).toBe(404);
  });
});
