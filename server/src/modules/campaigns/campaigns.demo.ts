import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { today } from '../../platform/orgs/dates.ts';
import { underPath } from '../../platform/scope.ts';
import { campaignDb, type Db } from './campaigns.definitions.ts';

const CITY = '320500';
const WUZHONG = '320506';
/** 吴中经济开发区, where the health bus stops at two firms. */
const WUZHONG_ZONE = '320506404';
const WUJIANG = '320509';
const CHANGSHU = '320581';
const DONGBANG = '320581107';
const TAICANG = '320585';

interface Unit {
  id: number;
  name: string;
  path: string;
}

interface DemoEvent {
  unit: Unit;
  type: string;
  title: string;
  heldOn: string;
  place?: string;
  employerId?: number;
  participants: number;
  outputs: Record<string, number>;
}

async function unitByCode(db: Db, code: string): Promise<Unit | undefined> {
  const { rows } = await sql<Unit>`
    select u.id, v.name, v.path from org_unit u
    join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
    where u.division_code = ${code} and u.closed_on is null limit 1`.execute(db);
  return rows[0];
}

async function childrenOf(db: Db, parent: Unit): Promise<Unit[]> {
  const { rows } = await sql<Unit>`
    select u.id, v.name, v.path from org_unit u
    join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
    where v.parent_id = ${parent.id} and u.closed_on is null and u.kind = 'federation'
    order by u.division_code, v.name`.execute(db);
  return rows;
}

/** The largest open firms of a locality's subtree in the register (the demo register's own firms). */
async function largestFirms(db: Db, under: Unit, n: number) {
  const { rows } = await sql<{ id: number; name: string }>`
    select e.id, e.name from employer e
    join org_unit_version v on v.org_unit_id = e.org_unit_id and v.valid_to is null
    where e.closed_on is null and ${underPath('v.path', under.path)}
    order by e.employees desc, e.id limit ${n}`.execute(db);
  return rows;
}

async function addCampaign(
  db: Db,
  c: { unit: Unit; theme: string; startsOn: string; endsOn: string; description: string },
  territory: Unit[] = [c.unit],
) {
  const { id } = await db
    .insertInto('campaign')
    .values({
      org_unit_id: c.unit.id,
      theme: c.theme,
      starts_on: c.startsOn,
      ends_on: c.endsOn,
      description: c.description,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('campaign_territory')
    .values(territory.map((t) => ({ campaign_id: id, org_unit_id: t.id })))
    .execute();
  return id;
}

async function addEvents(db: Db, campaignId: number | null, events: DemoEvent[]) {
  for (const e of events) {
    const { id } = await db
      .insertInto('campaign_event')
      .values({
        campaign_id: campaignId,
        org_unit_id: e.unit.id,
        type_code: e.type,
        title: e.title,
        held_on: e.heldOn,
        place: e.place ?? null,
        employer_id: e.employerId ?? null,
        participants: e.participants,
        note: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const outputs = Object.entries(e.outputs);
    if (outputs.length > 0)
      await db
        .insertInto('campaign_event_output')
        .values(outputs.map(([code, count]) => ({ event_id: id, output_code: code, count })))
        .execute();
  }
}

/** The month of this year the health month is held in: September once it is over, else January. */
function healthMonth(day: string) {
  const year = day.slice(0, 4);
  return day >= `${year}-10-01` ? `${year}-09` : `${year}-01`;
}

/** A day of the month, never after today. */
const dayOf = (month: string, d: number, day: string) => {
  const iso = `${month}-${String(Math.min(d, 30)).padStart(2, '0')}`;
  return iso > day ? day : iso;
};

const SPORTS = [
  '女职工健身操比赛',
  '女职工趣味运动会',
  '巾帼健步走',
  '女职工瑜伽体验课',
  '女职工广场舞展演',
  '女职工书画展',
];

/**
 * 吴中区's women workers' health month: the district's health bus at two firms of its development zone,
 * free gynaecological screenings for women workers in hardship, health lectures and sports and culture
 * events in its towns and streets. Rolled up: 154 women on the bus, 6,180 leaflets, 50 events (42 of them
 * sports and culture), 36 banners and 152 screenings. Also a city campaign on mental health with lectures
 * in 吴江区 and 吴中区, a safety-month training campaign of 常熟市 and one event of 太仓市 on its own.
 */
export async function loadCampaignsDemo(platform: Kysely<Database>): Promise<void> {
  const day = today();
  const year = day.slice(0, 4);
  await platform.transaction().execute(async (trx) => {
    const db = campaignDb(trx);
    const wuzhong = await unitByCode(db, WUZHONG);
    if (!wuzhong) return;
    const towns = (await childrenOf(db, wuzhong)).slice(0, 14);
    if (towns.length === 0) return;
    const zone = (await unitByCode(db, WUZHONG_ZONE)) ?? towns[0];
    const firms = await largestFirms(db, zone, 2);
    if (firms.length < 2) firms.push(...(await largestFirms(db, wuzhong, 2 - firms.length)));
    const month = healthMonth(day);

    const healthId = await addCampaign(db, {
      unit: wuzhong,
      theme: `${year}年吴中区女职工健康关爱月`,
      startsOn: `${month}-01`,
      endsOn: `${month}-30`,
      description:
        '区总工会把这个月定为女职工健康关爱月：健康直通车开进开发区企业送讲座和咨询，为困难女职工免费做妇科筛查，各镇（街道）工会组织健康讲座和文体活动。',
    });
    const events: DemoEvent[] = [];
    firms.slice(0, 2).forEach((firm, i) => {
      events.push({
        unit: wuzhong,
        type: 'health_bus',
        title: '女职工健康直通车进企业',
        heldOn: dayOf(month, 24 + i, day),
        employerId: firm.id,
        participants: [78, 76][i],
        outputs: { leaflets: 320, banners: 2, consultations: [46, 41][i] },
      });
    });
    [40, 38, 37, 37].forEach((n, i) => {
      const unit = i < 2 ? wuzhong : towns[i % towns.length];
      events.push({
        unit,
        type: 'screening',
        title: '困难女职工妇科免费筛查',
        heldOn: dayOf(month, 8 + i * 4, day),
        place: i < 2 ? '区妇幼保健机构' : `${unit.name}社区卫生服务中心`,
        participants: n,
        outputs: { leaflets: 150, banners: 1, screenings: n },
      });
    });
    [60, 55].forEach((n, i) => {
      const unit = towns[(i + 7) % towns.length];
      events.push({
        unit,
        type: 'lecture',
        title: '女职工生殖健康与心理调适讲座',
        heldOn: dayOf(month, 12 + i * 6, day),
        place: `${unit.name}职工之家`,
        participants: n,
        outputs: { leaflets: 260, banners: 1, consultations: 12 + i * 5 },
      });
    });
    for (let i = 0; i < 42; i++) {
      const unit = towns[i % towns.length];
      events.push({
        unit,
        type: 'culture_sports',
        title: SPORTS[i % SPORTS.length],
        heldOn: dayOf(month, 2 + ((i * 7) % 27), day),
        place: `${unit.name}文体活动中心`,
        participants: 30 + ((i * 13) % 51),
        outputs: { leaflets: i < 11 ? 120 : 100, banners: i < 26 ? 1 : 0 },
      });
    }
    await addEvents(db, healthId, events);

    const city = await unitByCode(db, CITY);
    const wujiang = await unitByCode(db, WUJIANG);
    if (city && wujiang) {
      const startsOn = `${year}-01-01`;
      const endsOn = `${year}-12-31`;
      const mindId = await addCampaign(db, {
        unit: city,
        theme: `${year}年职工心理健康关爱行动`,
        startsOn,
        endsOn,
        description: '市总工会联合心理卫生志愿者进企业开讲座、做咨询，帮助职工缓解工作和生活压力。',
      });
      const lectureDay = (d: number) => dayOf(`${year}-0${1 + (d % 9)}`, 10 + d, day);
      await addEvents(db, mindId, [
        ...[0, 1, 2, 3].map((i) => ({
          unit: wujiang,
          type: 'lecture',
          title: ['职场压力与情绪管理', '亲子沟通与家庭和谐', '新生代职工的心理适应', '睡眠与心理健康'][i],
          heldOn: lectureDay(i * 2),
          place: `${wujiang.name}职工服务中心`,
          participants: 70 + i * 9,
          outputs: { leaflets: 150, banners: 1, consultations: 18 + i },
        })),
        {
          unit: towns[1 % towns.length],
          type: 'lecture',
          title: '职场压力与情绪管理',
          heldOn: lectureDay(5),
          place: `${towns[1 % towns.length].name}职工之家`,
          participants: 64,
          outputs: { leaflets: 120, banners: 1, consultations: 15 },
        },
      ]);
    }

    const changshu = await unitByCode(db, CHANGSHU);
    const dongbang = await unitByCode(db, DONGBANG);
    if (changshu && dongbang) {
      const safetyId = await addCampaign(
        db,
        {
          unit: changshu,
          theme: `${year}年常熟市安全生产月职工培训`,
          startsOn: `${year}-06-01`,
          endsOn: `${year}-06-30`,
          description: '各镇工会为一线职工办安全生产培训班，考核合格发结业证书。',
        },
        [dongbang],
      );
      await addEvents(db, safetyId, [
        {
          unit: dongbang,
          type: 'training',
          title: '一线职工安全操作培训班',
          heldOn: `${year}-06-12`,
          place: `${dongbang.name}成人教育中心`,
          participants: 58,
          outputs: { leaflets: 200, banners: 2, trainees: 55 },
        },
        {
          unit: dongbang,
          type: 'training',
          title: '班组长安全管理培训班',
          heldOn: `${year}-06-19`,
          place: `${dongbang.name}成人教育中心`,
          participants: 42,
          outputs: { leaflets: 120, banners: 1, trainees: 40 },
        },
      ]);
    }

    const taicang = await unitByCode(db, TAICANG);
    if (taicang)
      await addEvents(db, null, [
        {
          unit: taicang,
          type: 'culture_sports',
          title: '职工迎新年健步走',
          heldOn: dayOf(`${year}-01`, 6, day),
          place: '太仓市体育公园',
          participants: 420,
          outputs: { leaflets: 500, banners: 6 },
        },
      ]);
  });
}
