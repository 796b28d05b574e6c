import { sql, type Kysely } from 'kysely';
import dayjs from 'dayjs';
import {
  composeResidentId,
  fairCategories,
  fairCategoryLabels,
  type FairCategory,
  type JobCategory,
  type PlacementSource,
  type SeekerSituation,
  type SeekerStatus,
  type Suitability,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import { random, type Rnd } from '../../demo/random.ts';
import { today } from '../../platform/orgs/dates.ts';
import { personalData } from '../../platform/personal-data/personal-data.ts';
import { underPath } from '../../platform/scope.ts';
import { settingRepository } from '../../platform/settings.repository.ts';
import { BASE_URL_SETTING } from './courses/course.service.ts';
import { employmentDb, type Db } from './employment.definitions.ts';

// Demo people: common surnames and given-name characters, every name ending in （演示）.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '秀英桂兰建华国强丽娟明芳志勇海燕玉梅春红小平文静';
const SUFFIX = '（演示）';

interface Unit {
  id: number;
  name: string;
  path: string;
  divisionCode: string;
}

/** What each dedicated fair mostly hires for, and whom its positions suit. */
const FAIR_TRADES: Record<FairCategory, { trades: JobCategory[]; suits: Suitability[] }> = {
  general: { trades: ['manufacturing', 'retail', 'logistics', 'office'], suits: [] },
  disabled: { trades: ['office', 'manufacturing', 'cleaning'], suits: ['disabled'] },
  women: { trades: ['retail', 'care', 'office', 'domestic'], suits: ['women'] },
  domestic: { trades: ['domestic', 'care', 'cleaning'], suits: ['women', 'laid_off', 'older'] },
  migrant: { trades: ['manufacturing', 'construction', 'logistics', 'catering'], suits: ['migrant'] },
  technician: { trades: ['technician', 'manufacturing', 'it'], suits: ['graduate'] },
};
const TITLES: Record<JobCategory, string[]> = {
  domestic: ['家政服务员', '育婴员', '养老护理员'],
  manufacturing: ['操作工', '质检员', '包装工'],
  catering: ['厨师', '服务员'],
  retail: ['营业员', '收银员'],
  logistics: ['仓管员', '快递员', '驾驶员'],
  construction: ['木工', '水电工'],
  care: ['护理员', '康复助理'],
  cleaning: ['保洁员', '保安员'],
  office: ['文员', '客服专员'],
  technician: ['数控车工', '电工', '焊工'],
  it: ['网络管理员', '软件测试员'],
  other: ['普工'],
};
const SKILLS: Record<JobCategory, string[]> = {
  domestic: ['育婴', '烹饪', '保洁'],
  manufacturing: ['设备操作', '质检'],
  catering: ['烹饪', '面点'],
  retail: ['收银', '销售'],
  logistics: ['叉车', 'C1驾照'],
  construction: ['木工', '水电'],
  care: ['护理', '康复'],
  cleaning: ['保洁'],
  office: ['办公软件', '打字'],
  technician: ['数控', '电工证', '焊接'],
  it: ['网络', '编程'],
  other: [],
};
const SITUATION_TRADES: Record<SeekerSituation, JobCategory[]> = {
  laid_off: ['domestic', 'manufacturing', 'cleaning', 'retail'],
  unemployed: ['retail', 'logistics', 'catering', 'office'],
  migrant: ['manufacturing', 'construction', 'logistics', 'catering'],
  disabled: ['office', 'manufacturing'],
  graduate: ['it', 'office', 'technician'],
  other: ['other', 'retail'],
};
const SITUATIONS: SeekerSituation[] = [
  'laid_off',
  'laid_off',
  'laid_off',
  'unemployed',
  'migrant',
  'migrant',
  'disabled',
  'graduate',
  'other',
];

const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const between = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

async function counties(db: Db): Promise<Unit[]> {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
    )
    .select(['u.id', 'v.name', 'v.path', 'u.division_code as divisionCode'])
    .where('u.level', 'in', ['city', 'county'])
    .where('u.closed_on', 'is', null)
    .orderBy('v.path')
    .execute() as Promise<Unit[]>;
}

/** Open employers placed under a unit, a few at a time. */
async function firmsUnder(db: Db, path: string, n: number, offset: number) {
  return db
    .selectFrom('employer as e')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on('v.valid_to', 'is', null),
    )
    .select(['e.id', 'e.name', 'e.credit_code as creditCode'])
    .where('e.closed_on', 'is', null)
    .where(underPath('v.path', path))
    .orderBy('e.id')
    .limit(n)
    .offset(offset)
    .execute();
}

interface FairPlan {
  id: number;
  organiser: Unit;
  heldOn: string;
  positions: Array<{
    id: number;
    jobCategory: JobCategory;
    openings: number;
    payMinFen: number;
    filled: number;
  }>;
}

/**
 * A year of fairs for the demo city: the city federation holds one of every dedicated kind, each county
 * two and 董浜镇 one; a few hundred seekers came to them or to the service offices, and many were
 * recommended and placed. Everything is dated back from today.
 */
export async function loadEmploymentDemo(platform: Kysely<Database>, seed = 2026): Promise<number> {
  const rnd = random(seed);
  const cipher = personalData();
  const now = dayjs(today());
  return platform.transaction().execute(async (ptrx) => {
    const db = employmentDb(ptrx);
    const units = await counties(db);
    const dongbang = await db
      .selectFrom('org_unit as u')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
      )
      .select(['u.id', 'v.name', 'v.path', 'u.division_code as divisionCode'])
      .where('u.division_code', '=', '320581107')
      .executeTakeFirst();
    const organisers: Array<{ unit: Unit; categories: FairCategory[] }> = [];
    const [city, ...districts] = units;
    if (!city) return 0;
    organisers.push({ unit: city, categories: [...fairCategories] });
    districts.forEach((d, i) =>
      organisers.push({ unit: d, categories: [fairCategories[(i + 1) % 6], fairCategories[(i + 3) % 6]] }),
    );
    if (dongbang) organisers.push({ unit: dongbang as Unit, categories: ['domestic'] });

    const fairs: FairPlan[] = [];
    let firmOffset = 0;
    for (const { unit, categories } of organisers) {
      for (const category of categories) {
        const heldOn = now.subtract(between(rnd, 7, 340), 'day').format('YYYY-MM-DD');
        const place = unit.name.replace(/(总工会|工会)$/, '');
        const { id } = await db
          .insertInto('job_fair')
          .values({
            title: `${heldOn.slice(0, 4)}年${place}${fairCategoryLabels[category].replace('综合招聘会', '春风行动招聘会')}${category === 'general' ? '' : '招聘会'}`,
            category,
            held_on: heldOn,
            venue: `${place}职工服务中心`,
            org_unit_id: unit.id,
            note: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const plan: FairPlan = { id, organiser: unit, heldOn, positions: [] };
        const firms = await firmsUnder(db, unit.path, 4, firmOffset % 40);
        firmOffset += 4;
        for (const [i, firm] of firms.entries()) {
          const { id: feId } = await db
            .insertInto('job_fair_employer')
            .values({
              fair_id: id,
              employer_id: firm.id,
              name: firm.name,
              credit_code: firm.creditCode,
              booth: `${String.fromCharCode(65 + Math.floor(i / 10))}${String((i % 10) + 1).padStart(2, '0')}`,
              contact_name: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          for (let k = 0; k < 2; k++) {
            const jobCategory = pick(rnd, FAIR_TRADES[category].trades);
            const payMinFen = between(rnd, 28, 60) * 10000;
            const openings = between(rnd, 2, 10);
            const { id: pId } = await db
              .insertInto('job_position')
              .values({
                fair_id: id,
                fair_employer_id: feId,
                title: pick(rnd, TITLES[jobCategory]),
                job_category: jobCategory,
                openings,
                pay_min_fen: payMinFen,
                pay_max_fen: payMinFen + between(rnd, 5, 30) * 10000,
                requirements: null,
                skills: SKILLS[jobCategory].filter(() => rnd() < 0.6),
                suitability: FAIR_TRADES[category].suits,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            plan.positions.push({ id: pId, jobCategory, openings, payMinFen, filled: 0 });
          }
        }
        fairs.push(plan);
      }
    }

    let seekers = 0;
    let serial = 0;
    const byUnit = new Map<number, number[]>();
    for (const fair of fairs) {
      const region = fair.organiser.divisionCode.slice(0, 6).padEnd(6, '0');
      const reachable = fairs.filter((f) => f.organiser === fair.organiser || f.organiser === city);
      const count = fair.organiser === city ? 6 : 10;
      for (let n = 0; n < count; n++) {
        serial++;
        const situation = pick(rnd, SITUATIONS);
        const atFair = rnd() < 0.5;
        const registeredOn = atFair
          ? fair.heldOn
          : dayjs(fair.heldOn)
              .add(between(rnd, 0, 20), 'day')
              .format('YYYY-MM-DD');
        const registered = registeredOn > today() ? today() : registeredOn;
        const birth = `${between(rnd, 1968, 2003)}-${String(between(rnd, 1, 12)).padStart(2, '0')}-${String(between(rnd, 1, 28)).padStart(2, '0')}`;
        const residentId = composeResidentId(region === '320500' ? '320505' : region, birth, 500 + serial);
        const wished = [
          ...new Set([pick(rnd, SITUATION_TRADES[situation]), pick(rnd, SITUATION_TRADES[situation])]),
        ];
        const name = `${pick(rnd, [...SURNAMES])}${pick(rnd, [...GIVEN])}${rnd() < 0.6 ? pick(rnd, [...GIVEN]) : ''}${SUFFIX}`;
        const history: Array<{
          from: SeekerStatus | null;
          to: SeekerStatus;
          on: string;
          reason: string | null;
        }> = [{ from: null, to: 'registered', on: registered, reason: null }];
        const { id } = await db
          .insertInto('job_seeker')
          .values({
            name,
            gender: Number(residentId[16]) % 2 === 1 ? 'male' : 'female',
            birth_date: birth,
            resident_id_cipher: cipher.encrypt(residentId),
            resident_id_hash: cipher.lookupHash('resident_id', residentId),
            resident_id_tail: residentId.slice(-4),
            phone_cipher: null,
            phone_hash: null,
            is_member: rnd() < 0.3,
            situation,
            skills: SKILLS[wished[0]].filter(() => rnd() < 0.7),
            wished_categories: wished,
            wished_pay_min_fen: rnd() < 0.7 ? between(rnd, 30, 55) * 10000 : null,
            wishes: null,
            org_unit_id: fair.organiser.id,
            registered_via: atFair ? 'fair' : 'office',
            fair_id: atFair ? fair.id : null,
            registered_on: registered,
            status: 'registered',
            status_since: registered,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        seekers++;
        byUnit.set(fair.organiser.id, [...(byUnit.get(fair.organiser.id) ?? []), id]);
        let status: SeekerStatus = 'registered';
        let since = registered;
        const roll = rnd();
        if (roll < 0.7) {
          const target = pick(rnd, reachable);
          const position =
            target.positions.find((p) => wished.includes(p.jobCategory)) ?? pick(rnd, target.positions);
          if (position) {
            const recommendedOn = dayjs(since).add(between(rnd, 1, 10), 'day');
            const on = (recommendedOn.isAfter(now) ? now : recommendedOn).format('YYYY-MM-DD');
            const placedNow = roll < 0.5 && position.filled < position.openings;
            const { id: recId } = await db
              .insertInto('job_recommendation')
              .values({
                seeker_id: id,
                position_id: position.id,
                recommended_on: on,
                result: placedNow ? 'hired' : roll < 0.6 ? 'pending' : 'rejected',
                result_on: placedNow || roll >= 0.6 ? on : null,
                note: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            history.push({ from: status, to: 'recommended', on, reason: '推荐岗位' });
            status = 'recommended';
            since = on;
            if (placedNow) {
              position.filled++;
              const source: PlacementSource = atFair || target === fair ? 'fair' : 'office';
              const ends = rnd() < 0.1;
              const endedOn = ends
                ? dayjs(on)
                    .add(between(rnd, 20, 60), 'day')
                    .format('YYYY-MM-DD')
                : null;
              const ended = endedOn !== null && endedOn <= today() ? endedOn : null;
              await db
                .insertInto('job_placement')
                .values({
                  seeker_id: id,
                  recommendation_id: recId,
                  position_id: position.id,
                  placed_on: on,
                  source,
                  follow_up_due: dayjs(on).add(3, 'month').format('YYYY-MM-DD'),
                  ended_on: ended,
                  end_reason: ended ? '合同期满' : null,
                })
                .execute();
              history.push({ from: status, to: 'placed', on, reason: '登记就业' });
              status = 'placed';
              if (ended) {
                history.push({ from: status, to: 'left', on: ended, reason: '合同期满' });
                status = 'left';
                since = ended;
              }
            }
          }
        } else if (roll > 0.95) {
          history.push({ from: status, to: 'withdrawn', on: since, reason: '本人已自行就业' });
          status = 'withdrawn';
        }
        await db
          .updateTable('job_seeker')
          .set({ status, status_since: since })
          .where('id', '=', id)
          .execute();
        await db
          .insertInto('job_seeker_status_change')
          .values(
            history.map((h) => ({
              seeker_id: id,
              from_status: h.from,
              to_status: h.to,
              changed_on: h.on,
              reason: h.reason,
            })),
          )
          .execute();
      }
    }
    await loadCourses(
      db,
      rnd,
      organisers.map((o) => o.unit),
      byUnit,
    );
    // The demo runs on this machine: its QR codes point at the address `npm start` serves.
    await settingRepository.set(ptrx, BASE_URL_SETTING, 'http://localhost:3000');
    await sql`analyze job_seeker`.execute(db);
    return seekers;
  });
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Courses of the year: the domestic-service programme at the city and in most counties, and skills
 * courses elsewhere, each with seats, a waiting list when full, attendance and the certificates earned.
 */
async function loadCourses(db: Db, rnd: Rnd, units: Unit[], seekersByUnit: Map<number, number[]>) {
  const now = dayjs(today());
  for (const [i, unit] of units.entries()) {
    const seekers = seekersByUnit.get(unit.id) ?? [];
    if (seekers.length === 0) continue;
    const programme = i % 3 === 2 ? 'skills' : 'domestic';
    const startsOn = now.subtract(between(rnd, 40, 300), 'day');
    const endsOn = startsOn.add(between(rnd, 10, 30), 'day');
    const sessions = 8;
    const capacity = Math.max(4, seekers.length - 3);
    const place = unit.name.replace(/(总工会|工会)$/, '');
    const { id } = await db
      .insertInto('job_course')
      .values({
        title: `${place}${programme === 'domestic' ? '家政服务员（育婴、养老护理）免费培训班' : '职业技能提升免费培训班'}`,
        programme,
        free: true,
        fee_fen: null,
        starts_on: startsOn.format('YYYY-MM-DD'),
        ends_on: endsOn.format('YYYY-MM-DD'),
        sessions,
        capacity,
        attendance_threshold_pct: 75,
        venue: `${place}职工学校`,
        org_unit_id: unit.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const enrolments = await db
      .insertInto('job_course_enrolment')
      .values(
        seekers.map((seekerId, k) => ({
          course_id: id,
          seeker_id: seekerId,
          status: k < capacity ? 'enrolled' : 'waiting',
        })) as Array<{ course_id: number; seeker_id: number; status: 'enrolled' | 'waiting' }>,
      )
      .returning(['id', 'status'])
      .execute();
    const attendance: Array<{ enrolment_id: number; session: number; present: boolean }> = [];
    const certificates: Array<{
      enrolment_id: number;
      code: string;
      level: 'completion' | 'junior';
      attended: number;
      issued_on: string;
    }> = [];
    for (const e of enrolments) {
      if (e.status !== 'enrolled') continue;
      const keen = rnd();
      let attended = 0;
      for (let session = 1; session <= sessions; session++) {
        const present = rnd() < 0.55 + keen * 0.45;
        if (present) attended++;
        attendance.push({ enrolment_id: e.id, session, present });
      }
      if (attended * 100 >= 75 * sessions && endsOn.isBefore(now)) {
        let code = '';
        for (let c = 0; c < 12; c++) code += CODE_ALPHABET[Math.floor(rnd() * CODE_ALPHABET.length)];
        certificates.push({
          enrolment_id: e.id,
          code,
          level: rnd() < 0.5 ? 'junior' : 'completion',
          attended,
          issued_on: endsOn.format('YYYY-MM-DD'),
        });
      }
    }
    if (attendance.length > 0) await db.insertInto('job_course_attendance').values(attendance).execute();
    if (certificates.length > 0) await db.insertInto('job_certificate').values(certificates).execute();
  }
}
