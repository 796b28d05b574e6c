import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { makeCreditCode, type PartyStatus, type UnionStatus } from '@gonghui/contracts';
import type { Database, EmployerStatusChangeTable } from '../../../db/schema.ts';
import { nameInitials } from '../../../platform/orgs/initials.ts';
import { nameSortKey } from './name-sort.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { random } from '../../../demo/random.ts';
import { underPath } from '../../../platform/scope.ts';
import { DONGBANG } from '../../../demo/suzhou-divisions.ts';
import { today } from '../../../platform/orgs/dates.ts';

export { DONGBANG };

type Db = Kysely<Database> | Transaction<Database>;

/** 董浜镇, where the demo's 双帮双比 campaign runs. */
export const CAMPAIGN_START = '2011-03-01';
export const CAMPAIGN_REPORT = '2011-09-30';
/** The campaign closed with the year; its unfinished task reads as left undone then, not as overdue today. */
const CAMPAIGN_END = '2011-12-31';
const PINGJIANG = '320503';

// Synthetic firm names: a place, a trade name and the trade of the firm's industry division.
const TRADE_NAMES = [
  '恒达',
  '华盛',
  '宏远',
  '金泰',
  '永昌',
  '瑞丰',
  '新宇',
  '顺和',
  '嘉盛',
  '鼎益',
  '东升',
  '联创',
  '富源',
  '天成',
  '博远',
  '亿隆',
];
const TRADES: Array<[string, string]> = [
  ['13', '食品'],
  ['17', '纺织'],
  ['18', '服饰'],
  ['26', '化工'],
  ['29', '塑胶'],
  ['33', '五金'],
  ['34', '机械'],
  ['38', '电器'],
  ['39', '电子'],
  ['47', '建设'],
  ['51', '贸易'],
  ['54', '运输'],
  ['61', '酒店'],
  ['65', '软件'],
];
const CATEGORIES = ['170', '170', '170', '170', '170', '200', '300', '159', '110'];

interface Locality {
  id: number;
  name: string;
  divisionCode: string;
  level: string;
  path: string;
  depth: number;
  validFrom: string;
}

interface Seeded {
  name: string;
  unitCategory: string;
  industryCode: string;
  employees: number;
  aboveScale: boolean;
  registeredOn: string;
  union: Array<[UnionStatus, string]>;
  party: Array<[PartyStatus, string]>;
  instructor: string | null;
}

const day = (rnd: () => number, from: number, to: number) => {
  const t = from + Math.floor(rnd() * (to - from));
  return new Date(t * 86400000).toISOString().slice(0, 10);
};
const epochDay = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86400000);
// The tree's history ends before 2024, so users can try tree changes dated from then on: firms found their
// own unions (new units in the tree) up to then.
const LAST_DEMO_DAY = epochDay('2023-12-31');
/** Until here the demo's dates are the bulletin's world, and stay fixed whatever the day. */
const BULLETIN_YEAR_END = epochDay('2011-12-31');
/**
 * A later date that changes no unit of the tree (a joint union's coverage, a union in preparation, a party
 * organisation) is spread on up to a month before today, so the indicators' trend of the last years moves.
 * Dates up to 2011 stay as they are, and so does what every firm has reached today.
 */
function stretchToRecent(date: string): string {
  const d = epochDay(date);
  if (d <= BULLETIN_YEAR_END) return date;
  const recent = epochDay(today()) - 30;
  const stretched =
    BULLETIN_YEAR_END +
    ((d - BULLETIN_YEAR_END) * (recent - BULLETIN_YEAR_END)) / (LAST_DEMO_DAY - BULLETIN_YEAR_END);
  return new Date(Math.max(d, Math.floor(stretched)) * 86400000).toISOString().slice(0, 10);
}

function firmName(rnd: () => number, place: string, trade: string, n: number) {
  const tn = TRADE_NAMES[Math.floor(rnd() * TRADE_NAMES.length)];
  return `${place}${tn}${trade}${n % 7 === 0 ? '科技' : ''}有限公司（演示${n}）`;
}

/** An ordinary firm with statuses spread over 2003–2024. */
function ordinaryFirm(rnd: () => number, place: string, n: number): Seeded {
  const [industryCode, trade] = TRADES[Math.floor(rnd() * TRADES.length)];
  const employees = Math.floor(5 + rnd() ** 2.2 * 900);
  const aboveScale = employees >= 150 && rnd() < 0.7;
  const registeredOn = day(rnd, epochDay('2000-01-01'), epochDay('2016-12-31'));
  const start = epochDay(registeredOn) + 30;
  const union: Seeded['union'] = [];
  const u = rnd();
  if (u < 0.12) union.push(['preparing', stretchToRecent(day(rnd, start, LAST_DEMO_DAY))]);
  else if (u < 0.45) union.push(['own', day(rnd, start, LAST_DEMO_DAY)]);
  else if (u < 0.72) union.push(['joint', stretchToRecent(day(rnd, start, LAST_DEMO_DAY))]);
  const party: Seeded['party'] = [];
  const p = rnd();
  if (p < (aboveScale ? 0.6 : 0.15))
    party.push(['independent', stretchToRecent(day(rnd, start, LAST_DEMO_DAY))]);
  else if (p < (aboveScale ? 0.8 : 0.4))
    party.push(['joint', stretchToRecent(day(rnd, start, LAST_DEMO_DAY))]);
  return {
    name: firmName(rnd, place, trade, n),
    unitCategory: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)],
    industryCode,
    employees,
    aboveScale,
    registeredOn,
    union,
    party,
    instructor: party.length === 0 && rnd() < 0.2 ? '演示指导员' : null,
  };
}

/**
 * 董浜镇's private firms, dated so that from the campaign start to the report date 16 independent and 26
 * joint party organisations are founded, and by then every above-scale firm has its own and every firm in
 * scope has one: 12 above-scale firms (6 organised before, 6 during), 14 more independent (4 before, 10
 * during), 34 joint (8 before, 26 during), and 15 small firms under the scope threshold.
 */
function dongbangFirms(rnd: () => number, n0: number): Seeded[] {
  const firms: Seeded[] = [];
  const before = () => day(rnd, epochDay('2006-01-01'), epochDay('2011-02-28'));
  const during = () => day(rnd, epochDay(CAMPAIGN_START), epochDay(CAMPAIGN_REPORT) + 1);
  const make = (
    aboveScale: boolean,
    party: PartyStatus | 'none',
    when: 'before' | 'during' | null,
    small = false,
  ) => {
    const [industryCode, trade] = TRADES[Math.floor(rnd() * TRADES.length)];
    const n = n0 + firms.length;
    const u = rnd();
    firms.push({
      name: firmName(rnd, '董浜', trade, n),
      unitCategory: '170',
      industryCode,
      employees: small
        ? 5 + Math.floor(rnd() * 15)
        : aboveScale
          ? 200 + Math.floor(rnd() * 600)
          : 30 + Math.floor(rnd() * 150),
      aboveScale,
      registeredOn: day(rnd, epochDay('2000-01-01'), epochDay('2005-12-31')),
      union:
        u < 0.5
          ? [['own', day(rnd, epochDay('2006-01-01'), epochDay('2011-06-30'))]]
          : u < 0.85
            ? [['joint', day(rnd, epochDay('2006-01-01'), epochDay('2011-06-30'))]]
            : [],
      party: party === 'none' || when === null ? [] : [[party, when === 'before' ? before() : during()]],
      instructor: null,
    });
  };
  for (let i = 0; i < 6; i++) make(true, 'independent', 'before');
  for (let i = 0; i < 6; i++) make(true, 'independent', 'during');
  for (let i = 0; i < 4; i++) make(false, 'independent', 'before');
  for (let i = 0; i < 10; i++) make(false, 'independent', 'during');
  for (let i = 0; i < 8; i++) make(false, 'joint', 'before');
  for (let i = 0; i < 26; i++) make(false, 'joint', 'during');
  for (let i = 0; i < 15; i++) make(false, 'none', null, true);
  return firms;
}

async function localities(db: Db): Promise<Locality[]> {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
    )
    .select([
      'u.id',
      'v.name',
      'u.division_code as divisionCode',
      'u.level',
      'v.path',
      'v.depth',
      'v.valid_from as validFrom',
    ])
    .where('u.level', 'in', ['town', 'village'])
    .where('u.closed_on', 'is', null)
    .orderBy('u.division_code')
    .execute() as Promise<Locality[]>;
}

const placeName = (name: string) =>
  name.replace(/(总工会|工会|联合工会)$/, '').replace(/(镇|街道|社区|村)$/, '');

/** Inserts seeded firms at their localities with their status history and grassroots unions, in bulk. */
async function insertFirms(db: Db, placed: Array<{ at: Locality; firm: Seeded }>, serial0: number) {
  for (let i = 0; i < placed.length; i += 1000) {
    const chunk = placed.slice(i, i + 1000);
    const rows = await db
      .insertInto('employer')
      .values(
        chunk.map(({ at, firm }, k) => ({
          credit_code: makeCreditCode('9', '1', at.divisionCode.slice(0, 6), serial0 + i + k),
          name: firm.name,
          name_initials: nameInitials(firm.name.replace(/（演示\d+）$/, '')),
          name_sort: nameSortKey(firm.name),
          unit_category: firm.unitCategory,
          industry_code: firm.industryCode,
          employees: firm.employees,
          above_scale: firm.aboveScale,
          org_unit_id: at.id,
          address: `${at.name.replace(/(联合工会|工会)$/, '')}工业路 ${((i + k) % 300) + 1} 号`,
          registered_on: firm.registeredOn,
          union_status: firm.union.at(-1)?.[0] ?? 'none',
          party_status: firm.party.at(-1)?.[0] ?? 'none',
          instructor_name: firm.instructor,
        })),
      )
      .returning(['id', 'credit_code'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.credit_code, r.id]));
    const changes: Array<Insertable<EmployerStatusChangeTable>> = [];
    const unions: Array<{ employerId: number; at: Locality; name: string; date: string }> = [];
    chunk.forEach(({ at, firm }, k) => {
      const id = idOf.get(makeCreditCode('9', '1', at.divisionCode.slice(0, 6), serial0 + i + k))!;
      for (const [value, from] of firm.union) {
        changes.push({ employer_id: id, aspect: 'union', value, valid_from: from });
        if (value === 'own') unions.push({ employerId: id, at, name: firm.name, date: from });
      }
      for (const [value, from] of firm.party)
        changes.push({ employer_id: id, aspect: 'party', value, valid_from: from });
      if (firm.instructor) {
        changes.push({
          employer_id: id,
          aspect: 'instructor',
          value: 'assigned',
          valid_from: firm.registeredOn,
          note: firm.instructor,
        });
      }
    });
    if (changes.length > 0) await db.insertInto('employer_status_change').values(changes).execute();
    await foundUnions(db, unions);
  }
}

/** Grassroots unions for firms with their own union, ids taken from the sequence so units and versions match. */
async function foundUnions(
  db: Db,
  unions: Array<{ employerId: number; at: Locality; name: string; date: string }>,
) {
  if (unions.length === 0) return;
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('org_unit', 'id'))::int as id from generate_series(1, ${unions.length})`.execute(
    db,
  );
  const ids = rows.map((r) => r.id);
  // A union founded before its locality's present version began is dated from that version, so its path is
  // never shown under a parent it did not have then.
  const validFrom = (u: (typeof unions)[number]) => (u.date < u.at.validFrom ? u.at.validFrom : u.date);
  await db
    .insertInto('org_unit')
    .values(
      unions.map((u, k) => ({
        id: ids[k],
        kind: 'grassroots_union' as const,
        level: 'enterprise' as const,
        joint_type: null,
        division_code: null,
        created_on: validFrom(u),
      })),
    )
    .execute();
  await db
    .insertInto('org_unit_version')
    .values(
      unions.map((u, k) => {
        const name = `${u.name.replace(/（演示\d+）$/, '')}工会委员会`;
        return {
          org_unit_id: ids[k],
          name,
          name_initials: nameInitials(name),
          parent_id: u.at.id,
          path: `${u.at.path}${ids[k]}/`,
          depth: u.at.depth + 1,
          valid_from: validFrom(u),
          change: 'create' as const,
        };
      }),
    )
    .execute();
  await sql`
    update employer e set grassroots_union_id = x.u
    from unnest(${sql.val(unions.map((u) => u.employerId))}::int[], ${sql.val(ids)}::int[]) as x(e, u)
    where e.id = x.e`.execute(db);
}

/**
 * Adds the demo city's employers: `perUnit` ordinary firms at each town and street and a share of one
 * at each village (more with --scale city), 董浜镇's campaign firms, the 双帮双比 campaign and the 2011
 * targets. Returns how many employers it added.
 */
export async function loadEmployerDemo(
  db: Kysely<Database>,
  opts: {
    perTown: number;
    perVillage: number;
    seed?: number;
    progress?: (done: number, total: number) => void;
  } = {
    perTown: 14,
    perVillage: 1,
  },
): Promise<number> {
  const rnd = random(opts.seed ?? 2011);
  const units = await localities(db);
  const existing = await db
    .selectFrom('employer')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const serial0 = existing.n + 1;
  const placed: Array<{ at: Locality; firm: Seeded }> = [];
  const firstLoad = existing.n === 0;
  for (const at of units) {
    const inDongbang = at.divisionCode.startsWith(DONGBANG);
    // 董浜镇 keeps only its campaign firms, so its 2011 figures stay exactly as the demo states them.
    if (inDongbang) continue;
    const count = at.level === 'town' ? opts.perTown : opts.perVillage;
    for (let i = 0; i < count; i++)
      placed.push({ at, firm: ordinaryFirm(rnd, placeName(at.name), serial0 + placed.length) });
  }
  if (firstLoad) {
    const dongbang = units.filter((u) => u.divisionCode.startsWith(DONGBANG));
    dongbangFirms(rnd, serial0 + placed.length).forEach((firm, i) =>
      placed.push({ at: dongbang[i % dongbang.length], firm }),
    );
  }
  const total = placed.length;
  for (let i = 0; i < total; i += 20000) {
    await db.transaction().execute((trx) => insertFirms(trx, placed.slice(i, i + 20000), serial0 + i));
    opts.progress?.(Math.min(i + 20000, total), total);
  }
  await db.transaction().execute(async (trx) => {
    await tallyRepository.rebuild(trx, [...new Set(placed.map((p) => p.at.id))]);
    if (firstLoad) await seedFormationCampaignAndTargets(trx, units);
  });
  return total;
}

async function seedFormationCampaignAndTargets(db: Db, units: Locality[]) {
  const dongbang = units.find((u) => u.divisionCode === DONGBANG)!;
  const { id } = await db
    .insertInto('formation_campaign')
    .values({
      name: '双帮双比',
      org_unit_id: dongbang.id,
      started_on: CAMPAIGN_START,
      ended_on: CAMPAIGN_END,
      description:
        '工会与党组织结对帮建、比学赶超：推动镇内私营企业组建党组织、规模以上企业单独组建（演示数据）',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into formation_campaign_employer (campaign_id, employer_id)
    select ${id}, e.id from employer e join org_unit_version v on v.org_unit_id = e.org_unit_id and v.valid_to is null
    where ${underPath('v.path', dongbang.path)} and e.employees >= 25`.execute(db);
  await db
    .insertInto('formation_campaign_task')
    .values([
      {
        campaign_id: id,
        title: '摸清全镇私营企业党员和职工底数',
        due_on: '2011-03-31',
        done_on: '2011-03-28',
      },
      { campaign_id: id, title: '规模以上企业逐一落实单独组建', due_on: '2011-09-30', done_on: '2011-09-20' },
      { campaign_id: id, title: '小微企业按村联合组建党组织', due_on: '2011-09-30', done_on: null },
    ])
    .execute();
  const pingjiang = await db
    .selectFrom('org_unit')
    .select('id')
    .where('division_code', '=', PINGJIANG)
    .executeTakeFirstOrThrow();
  const city = await db
    .selectFrom('org_unit')
    .select('id')
    .where('division_code', '=', '320500')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('indicator_target')
    .values([
      { org_unit_id: pingjiang.id, indicator: 'union_formation', year: 2011, target_bp: 4000 },
      { org_unit_id: city.id, indicator: 'union_formation', year: 2011, target_bp: 3500 },
      { org_unit_id: city.id, indicator: 'party_org_coverage', year: 2011, target_bp: 3000 },
      { org_unit_id: dongbang.id, indicator: 'above_scale_party_independent', year: 2011, target_bp: 10000 },
      { org_unit_id: dongbang.id, indicator: 'party_org_coverage', year: 2011, target_bp: 10000 },
    ])
    .execute();
}
