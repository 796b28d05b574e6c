import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { settingRepository } from '../../platform/settings.repository.ts';
import {
  employerStateAt,
  factKeys,
  factValue,
  TALLY_VERSION,
  type FactKey,
} from './indicator.definitions.ts';
import { underPath, versionValidOn } from '../../platform/scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type FactCounts = Record<FactKey, number>;
export interface UnitCounts {
  unitId: number;
  counts: FactCounts;
}

const TALLY_SETTING = 'employer_tally.version';

const zero = (): FactCounts => Object.fromEntries(factKeys.map((k) => [k, 0])) as FactCounts;
const sumColumns = (alias: string) =>
  sql.join(factKeys.map((k) => sql`coalesce(sum(${sql.ref(`${alias}.${k}`)}), 0)::bigint as ${sql.ref(k)}`));

function countsOf(row: Record<string, unknown>): FactCounts {
  const c = zero();
  for (const k of factKeys) c[k] = Number(row[k] ?? 0);
  return c;
}

/** The children of a unit at a date (their paths), plus the unit itself for employers placed directly at it. */
function groupsAt(parentId: number, date: string) {
  return sql`
    select v.org_unit_id as group_id, v.path, false as exact from org_unit_version v
    where v.parent_id = ${parentId} and ${versionValidOn('v', date)}
    union all
    select v.org_unit_id, v.path, true from org_unit_version v
    where v.org_unit_id = ${parentId} and ${versionValidOn('v', date)}`;
}

export const tallyRepository = {
  /**
   * Rebuilds the cumulative tallies of the given locality units from the raw rows: one row per unit and
   * day on which any of its employers entered, left or changed status, a member joined or left
   * one, or a wage agreement covering one began or ended.
   * Called inside every write; active members are a running sum of joins and leavings per employer.
   */
  async rebuild(db: Db, unitIds: number[]): Promise<void> {
    const ids = [...new Set(unitIds)];
    if (ids.length === 0) return;
    // The first tallies of a database are computed under today's definitions: record which those are.
    if ((await settingRepository.get(db, TALLY_SETTING)) === undefined) {
      await settingRepository.set(db, TALLY_SETTING, TALLY_VERSION);
    }
    // A large rebuild sorts more than the default memory holds, and compiling it to machine code takes
    // longer than running it; both settings end with the transaction.
    await sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(db);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await sql`insert into employer_locality (org_unit_id) select unnest(${sql.val(chunk)}::int[])
                on conflict do nothing`.execute(db);
      // Two writers rebuilding one unit at once would both insert its rows: the second waits here.
      await sql`select org_unit_id from employer_locality where org_unit_id in (${sql.join(chunk)})
                order by org_unit_id for update`.execute(db);
      await db.deleteFrom('employer_tally').where('org_unit_id', 'in', chunk).execute();
      const facts = sql.join(factKeys.map((k) => sql`${factValue(k)} as ${sql.ref(k)}`));
      const deltas = sql.join(
        factKeys.map(
          (k) =>
            sql`${sql.ref(k)} - coalesce(lag(${sql.ref(k)}) over (partition by employer_id order by day), 0) as ${sql.ref(k)}`,
        ),
      );
      const running = sql.join(
        factKeys.map((k) => sql`sum(sum(${sql.ref(k)})) over (partition by org_unit_id order by day)`),
      );
      const employers = sql`select e.id from employer e where e.org_unit_id in (${sql.join(chunk)})`;
      await sql`
        insert into employer_tally (org_unit_id, day, ${sql.join(factKeys.map((k) => sql.ref(k)))})
        with mday as (
          select h.employer_id, m.day, sum(m.delta) as delta
          from member_history h
          cross join lateral (values (h.valid_from, 1), (h.valid_to, -1)) m(day, delta)
          where h.status = 'active' and h.employer_id in (${employers}) and m.day is not null
          group by h.employer_id, m.day
        ),
        ev as (
          select e.id as employer_id, e.registered_on as day from employer e where e.org_unit_id in (${sql.join(chunk)})
          union
          select e.id, e.closed_on from employer e where e.org_unit_id in (${sql.join(chunk)}) and e.closed_on is not null
          union
          select c.employer_id, c.valid_from from employer_status_change c where c.employer_id in (${employers})
          union
          select ae.employer_id, d.day from collective_agreement_employer ae
          join collective_agreement a on a.id = ae.agreement_id
          cross join lateral (values (a.starts_on), ((a.ends_on + 1)::date)) d(day)
          where ae.employer_id in (${employers})
          union
          select employer_id, day from mday
        ),
        evm as (
          select ev.employer_id, ev.day,
                 coalesce(sum(m.delta) over (partition by ev.employer_id order by ev.day), 0)::int as members
          from ev left join mday m on m.employer_id = ev.employer_id and m.day = ev.day
        ),
        st as (
          select evm.employer_id, e.org_unit_id, evm.day, ${facts}
          from evm join employer e on e.id = evm.employer_id
          -- offset 0 keeps the state a row of its own: inlined, each fact would look the statuses up again.
          cross join lateral (select ${employerStateAt(sql`evm.day`, sql.ref('e'), sql<number>`evm.members`)} offset 0) s
        ),
        d as (select employer_id, org_unit_id, day, ${deltas} from st)
        select org_unit_id, day, ${running}
        from d group by org_unit_id, day`.execute(db);
      await sql`
        update employer_locality l set last_day = t.day, ${sql.join(factKeys.map((k) => sql`${sql.ref(k)} = coalesce(t.${sql.ref(k)}, 0)`))}
        from employer_locality l2
        left join lateral (
          select * from employer_tally t where t.org_unit_id = l2.org_unit_id order by t.day desc limit 1
        ) t on true
        where l2.org_unit_id = l.org_unit_id and l.org_unit_id in (${sql.join(chunk)})`.execute(db);
    }
  },

  /**
   * Rebuilds every tally when they were computed under other definitions (an upgrade, a restored older
   * backup). Returns the number of units rebuilt, 0 when the tallies were current. A database without any
   * tallies is left untouched, so that it stays empty for a restore.
   */
  async ensureCurrent(db: Kysely<Database>): Promise<number> {
    if ((await settingRepository.get(db, TALLY_SETTING)) === TALLY_VERSION) return 0;
    return db.transaction().execute(async (trx) => {
      const units = await trx.selectFrom('employer_locality').select('org_unit_id').execute();
      if (units.length === 0) return 0;
      await this.rebuild(
        trx,
        units.map((u) => u.org_unit_id),
      );
      await settingRepository.set(trx, TALLY_SETTING, TALLY_VERSION);
      return units.length;
    });
  },

  /** Rebuilds the tallies of the locality units of the given employers (after their memberships changed). */
  async rebuildForEmployers(db: Db, employerIds: Iterable<number | null>): Promise<void> {
    const ids = [...new Set([...employerIds].filter((id): id is number => id !== null))];
    if (ids.length === 0) return;
    const { rows } = await sql<{ org_unit_id: number }>`
      select distinct org_unit_id from employer where id = any(${sql.val(ids)}::int[])`.execute(db);
    await this.rebuild(
      db,
      rows.map((u) => u.org_unit_id),
    );
  },

  /**
   * Summed facts at a date for each child of a unit (and the unit's own direct employers), from the kept
   * tallies. A unit whose last change is on or before the date answers from its own row; only for an
   * earlier date is its tally of that date looked up.
   */
  async childCountsAt(db: Db, parentId: number, date: string): Promise<Map<number, FactCounts>> {
    const latestOr = (k: FactKey) =>
      sql`coalesce(sum(case when u.last_day <= ${date} then u.${sql.ref(k)} else t.${sql.ref(k)} end), 0)::bigint as ${sql.ref(k)}`;
    const { rows } = await sql<Record<string, unknown> & { group_id: number }>`
      with p as (
        select v.path from org_unit_version v
        where v.org_unit_id = ${parentId} and ${versionValidOn('v', date)}
      ),
      units as (
        select l.*, case when v.path = p.path then ${parentId}
                         else split_part(substr(v.path, length(p.path) + 1), '/', 1)::int end as group_id
        from p
        join org_unit_version v on ${underPath('v.path', sql.ref('p.path'))}
          and ${versionValidOn('v', date)}
        join employer_locality l on l.org_unit_id = v.org_unit_id
        where l.last_day is not null
      )
      select u.group_id, ${sql.join(factKeys.map(latestOr))}
      from units u
      left join lateral (
        select * from employer_tally t
        where u.last_day > ${date} and t.org_unit_id = u.org_unit_id and t.day <= ${date}
        order by t.day desc limit 1
      ) t on true
      group by u.group_id`.execute(db);
    return new Map(rows.map((r) => [r.group_id, countsOf(r)]));
  },

  /** The same figures as childCountsAt, counted over the raw employer and status rows: the baseline. */
  async childCountsNaive(db: Db, parentId: number, date: string): Promise<Map<number, FactCounts>> {
    const facts = sql.join(factKeys.map((k) => sql`${factValue(k)} as ${sql.ref(k)}`));
    const { rows } = await sql<Record<string, unknown> & { group_id: number }>`
      with g as (${groupsAt(parentId, date)}),
      st as (
        select v.path, ${facts}
        from employer e
        join org_unit_version v on v.org_unit_id = e.org_unit_id
          and ${versionValidOn('v', date)}
        cross join lateral (select ${employerStateAt(sql`${date}::date`)}) s
        where ${underPath('v.path', sql`(select path from g where exact)`)}
      )
      select g.group_id, ${sumColumns('st')}
      from g join st on (g.exact and st.path = g.path) or (not g.exact and ${underPath('st.path', sql.ref('g.path'))})
      group by g.group_id`.execute(db);
    return new Map(rows.map((r) => [r.group_id, countsOf(r)]));
  },

  zero,
};

/** Adds fact counts (the roll-up sums numerators and denominators, never rates). */
export function addCounts(a: FactCounts, b: FactCounts): FactCounts {
  const c = zero();
  for (const k of factKeys) c[k] = a[k] + b[k];
  return c;
}
