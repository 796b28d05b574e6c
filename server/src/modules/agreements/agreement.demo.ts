import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { CollectiveAgreementTable, Database } from '../../db/schema.ts';
import { tallyRepository } from '../indicators/index.ts';
import { termEnd } from './agreement.service.ts';
import { today } from '../../platform/orgs/dates.ts';
import { random, type Rnd } from '../../demo/random.ts';

type Db = Kysely<Database> | Transaction<Database>;

const epochDay = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86400000);
const dateOf = (n: number) => new Date(n * 86400000).toISOString().slice(0, 10);
const shift = (d: string, days: number) => dateOf(epochDay(d) + days);
const between = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const FIRST_YEAR = 2008;

/** Roughly the monthly minimum wage of Suzhou (Jiangsu class-one areas) in force in each year, in yuan. */
const MINIMUM_WAGE: Array<[number, number]> = [
  [2008, 850],
  [2010, 960],
  [2011, 1140],
  [2012, 1320],
  [2013, 1480],
  [2014, 1630],
  [2016, 1770],
  [2017, 1890],
  [2018, 2020],
  [2021, 2280],
  [2025, 2490],
];
const statutoryMinimum = (year: number) =>
  (MINIMUM_WAGE.filter(([y]) => y <= year).at(-1) ?? MINIMUM_WAGE[0])[1];

interface Firm {
  id: number;
  name: string;
  employees: number;
  industryCode: string;
  localityPath: string;
  grassrootsUnionId: number | null;
  unionStatus: string;
  unionSince: string;
}

interface Unit {
  id: number;
  name: string;
  path: string;
}

interface Planned {
  values: Insertable<CollectiveAgreementTable>;
  employerIds: number[];
}

const place = (name: string) => name.replace(/(总工会|工会|联合工会)$/, '');
const firmName = (name: string) => name.replace(/（演示\d+）$/, '');

/**
 * A chain of agreements renewed term after term from `first` until one is in force today. `cover` names the
 * employers of a term signed on a date; a term covering none is skipped.
 */
function chain(
  rnd: Rnd,
  first: string,
  years: () => number,
  make: (term: { signedOn: string; startsOn: string; endsOn: string; years: number }) => Planned | null,
): Planned[] {
  const out: Planned[] = [];
  const now = today();
  let startsOn = first;
  while (startsOn <= now) {
    const n = years();
    const endsOn = termEnd(startsOn, n);
    const signedOn = shift(startsOn, -between(rnd, 3, 40));
    const p = make({ signedOn, startsOn, endsOn, years: n });
    if (p) out.push(p);
    // Most renewals follow on the next day; some lapse for a few weeks first.
    startsOn = shift(endsOn, rnd() < 0.8 ? 1 : between(rnd, 15, 120));
  }
  return out;
}

function wageTerms(rnd: Rnd, signedOn: string, startsOn: string, years: number, title: string) {
  const year = Number(startsOn.slice(0, 4));
  const filedOn = shift(signedOn, between(rnd, 5, 30));
  return {
    title:
      years === 1
        ? `${title}${year}年度工资专项集体合同`
        : `${title}${year}—${year + years - 1}年工资专项集体合同`,
    wage_specific: true,
    raise_bp: between(rnd, 30, 80) * 10,
    minimum_wage_fen: (statutoryMinimum(year) + between(rnd, 0, 30) * 10) * 100,
    filed_on: filedOn <= today() ? filedOn : null,
  };
}

async function firms(db: Db): Promise<Firm[]> {
  const { rows } = await sql<Firm>`
    select e.id, e.name, e.employees, e.industry_code as "industryCode", v.path as "localityPath",
           e.grassroots_union_id as "grassrootsUnionId", e.union_status as "unionStatus",
           (select max(c.valid_from)::text from employer_status_change c
             where c.employer_id = e.id and c.aspect = 'union') as "unionSince"
    from employer e
    join org_unit_version v on v.org_unit_id = e.org_unit_id and v.valid_to is null
    where e.closed_on is null and e.union_status in ('own', 'joint')
    order by e.id`.execute(db);
  return rows.filter((f) => f.unionSince !== null);
}

async function units(db: Db, level: 'town' | 'county'): Promise<Unit[]> {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
    )
    .select(['u.id', 'v.name', 'v.path'])
    .where('u.level', '=', level)
    .where('u.closed_on', 'is', null)
    .orderBy('u.division_code')
    .execute();
}

/** Each firm with its own union: most bargain wages every one to three years from a while after founding. */
function enterprisePlans(rnd: Rnd, all: Firm[]): Planned[] {
  const out: Planned[] = [];
  for (const f of all) {
    if (f.unionStatus !== 'own' || f.grassrootsUnionId === null) continue;
    const signer = f.grassrootsUnionId;
    const since = f.unionSince;
    if (rnd() < 0.8) {
      const earliest = `${FIRST_YEAR}-01-01` > since ? `${FIRST_YEAR}-01-01` : since;
      const first = shift(earliest, between(rnd, 60, 1400));
      const years = () => [1, 1, 2, 3][Math.floor(rnd() * 4)];
      out.push(
        ...chain(rnd, first, years, (t) => {
          const signedOn = t.signedOn < since ? since : t.signedOn;
          return {
            values: {
              kind: 'enterprise',
              org_unit_id: signer,
              signed_on: signedOn,
              starts_on: t.startsOn,
              ends_on: t.endsOn,
              note: null,
              ...wageTerms(rnd, signedOn, t.startsOn, t.years, firmName(f.name)),
            },
            employerIds: [f.id],
          };
        }),
      );
    }
    if (rnd() < 0.3) {
      const first = shift(
        since < `${FIRST_YEAR}-01-01` ? `${FIRST_YEAR}-01-01` : since,
        between(rnd, 30, 700),
      );
      out.push(
        ...chain(
          rnd,
          first,
          () => 3,
          (t) => {
            const signedOn = t.signedOn < since ? since : t.signedOn;
            return {
              values: {
                kind: 'enterprise',
                wage_specific: false,
                title: `${firmName(f.name)}${signedOn.slice(0, 4)}年集体合同`,
                org_unit_id: signer,
                signed_on: signedOn,
                starts_on: t.startsOn,
                ends_on: t.endsOn,
                raise_bp: null,
                minimum_wage_fen: null,
                filed_on: shift(signedOn, 12) <= today() ? shift(signedOn, 12) : null,
                note: '劳动报酬、工作时间、休息休假、劳动安全卫生、保险福利等综合条款',
              },
              employerIds: [f.id],
            };
          },
        ),
      );
    }
  }
  return out;
}

/** A chain of agreements of a territory, each covering the chosen firms unionised by its signing date. */
function sharedPlans(
  rnd: Rnd,
  kind: 'regional' | 'industry',
  signer: Unit,
  firmsOf: Firm[],
  first: string,
  title: string,
): Planned[] {
  const chosen = firmsOf.filter(() => rnd() < 0.8);
  return chain(
    rnd,
    first,
    () => (rnd() < 0.5 ? 2 : 3),
    (t) => {
      const covered = chosen.filter((f) => f.unionSince <= t.signedOn).map((f) => f.id);
      if (covered.length === 0) return null;
      return {
        values: {
          kind,
          org_unit_id: signer.id,
          signed_on: t.signedOn,
          starts_on: t.startsOn,
          ends_on: t.endsOn,
          note: null,
          ...wageTerms(rnd, t.signedOn, t.startsOn, t.years, title),
        },
        employerIds: covered,
      };
    },
  );
}

async function insertPlans(db: Db, plans: Planned[]) {
  if (plans.length === 0) return;
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('collective_agreement', 'id'))::int as id
    from generate_series(1, ${plans.length})`.execute(db);
  for (let i = 0; i < plans.length; i += 1000) {
    const chunk = plans.slice(i, i + 1000);
    await db
      .insertInto('collective_agreement')
      .values(chunk.map((p, k) => ({ ...p.values, id: rows[i + k].id })))
      .execute();
  }
  const links = plans.flatMap((p, k) =>
    p.employerIds.map((employer_id) => ({ agreement_id: rows[k].id, employer_id })),
  );
  for (let i = 0; i < links.length; i += 5000) {
    await db
      .insertInto('collective_agreement_employer')
      .values(links.slice(i, i + 5000))
      .execute();
  }
}

/**
 * Signs the demo city's collective agreements: enterprise wage agreements of most firms with their own
 * union, renewed to today; a regional wage agreement in each town for its small joint-union firms; and
 * industry wage agreements of a few counties. Returns how many agreements it added.
 */
export async function loadAgreementsDemo(db: Kysely<Database>, seed = 2008): Promise<number> {
  const rnd = random(seed);
  return db.transaction().execute(async (trx) => {
    const all = await firms(trx);
    const plans = enterprisePlans(rnd, all);
    const joint = all.filter((f) => f.unionStatus === 'joint' && f.employees < 300);
    for (const town of await units(trx, 'town')) {
      const mine = joint.filter((f) => f.localityPath.startsWith(town.path));
      if (mine.length < 2) continue;
      const first = `${between(rnd, FIRST_YEAR, 2012)}-0${between(rnd, 1, 6)}-01`;
      plans.push(...sharedPlans(rnd, 'regional', town, mine, first, `${place(town.name)}区域性`));
    }
    const trades: Array<[string, string]> = [
      ['18', '服饰'],
      ['17', '纺织'],
      ['39', '电子'],
      ['34', '机械'],
      ['54', '运输'],
    ];
    const counties = await units(trx, 'county');
    trades.forEach(([code, trade], i) => {
      const county = counties[(i * 3) % counties.length];
      const mine = all.filter((f) => f.industryCode === code && f.localityPath.startsWith(county.path));
      if (mine.length === 0) return;
      const first = `${2010 + i}-07-01`;
      plans.push(...sharedPlans(rnd, 'industry', county, mine, first, `${place(county.name)}${trade}行业`));
    });
    await insertPlans(trx, plans);
    await tallyRepository.rebuildForEmployers(trx, new Set(plans.flatMap((p) => p.employerIds)));
    return plans.length;
  });
}
