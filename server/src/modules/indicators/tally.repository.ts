import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { employerStateAt, factKeys, factValue, type FactKey } from './indicator.definitions.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type FactCounts = Record<FactKey, number>;
export interface UnitCounts {
  unitId: number;
  counts: FactCounts;
}

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
    where v.parent_id = ${parentId} and v.valid_from <= ${date} and (v.valid_to is null or v.valid_to > ${date})
    union all
    select v.org_unit_id, v.path, true from org_unit_version v
    where v.org_unit_id = ${parentId} and v.valid_from <= ${date} and (v.valid_to is null or v.valid_to > ${date})`;
}

export const tallyRepository = {
  /**
   * Rebuilds the cumulative tallies of the given locality units from the raw rows: one row per unit and
   * day on which any of its employers entered, left or changed status. Called inside every write.
   */
  async rebuild(db: Db, unitIds: number[]): Promise<void> {
    const ids = [...new Set(unitIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await sql`insert into employer_locality (org_unit_id) select unnest(${sql.val(chunk)}::int[])
                on conflict do nothing`.execute(db);
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
      await sql`
        insert into employer_tally (org_unit_id, day, ${sql.join(factKeys.map((k) => sql.ref(k)))})
        with ev as (
          select e.id as employer_id, e.registered_on as day from employer e where e.org_unit_id in (${sql.join(chunk)})
          union
          select e.id, e.closed_on from employer e where e.org_unit_id in (${sql.join(chunk)}) and e.closed_on is not null
          union
          select c.employer_id, c.valid_from from employer_status_change c
          join employer e on e.id = c.employer_id where e.org_unit_id in (${sql.join(chunk)})
        ),
        st as (
          select ev.employer_id, e.org_unit_id, ev.day, ${facts}
          from ev join employer e on e.id = ev.employer_id
          cross join lateral (select ${employerStateAt(sql`ev.day`)}) s
        ),
        d as (select employer_id, org_unit_id, day, ${deltas} from st)
        select org_unit_id, day, ${running}
        from d group by org_unit_id, day`.execute(db);
    }
  },

  /**
   * Summed facts at a date for each child of a unit (and the unit's own direct employers), from the kept
   * tallies: one indexed lookup per locality unit under the unit.
   */
  async childCountsAt(db: Db, parentId: number, date: string): Promise<Map<number, FactCounts>> {
    const { rows } = await sql<Record<string, unknown> & { group_id: number }>`
      with g as (${groupsAt(parentId, date)}),
      units as (
        select l.org_unit_id, v.path from employer_locality l
        join org_unit_version v on v.org_unit_id = l.org_unit_id
          and v.valid_from <= ${date} and (v.valid_to is null or v.valid_to > ${date})
        where v.path like (select path from g where exact) || '%'
      )
      select g.group_id, ${sumColumns('t')}
      from g
      join units u on (g.exact and u.path = g.path) or (not g.exact and u.path like g.path || '%')
      cross join lateral (
        select * from employer_tally t where t.org_unit_id = u.org_unit_id and t.day <= ${date}
        order by t.day desc limit 1
      ) t
      group by g.group_id`.execute(db);
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
          and v.valid_from <= ${date} and (v.valid_to is null or v.valid_to > ${date})
        cross join lateral (select ${employerStateAt(sql`${date}::date`)}) s
        where v.path like (select path from g where exact) || '%'
      )
      select g.group_id, ${sumColumns('st')}
      from g join st on (g.exact and st.path = g.path) or (not g.exact and st.path like g.path || '%')
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
