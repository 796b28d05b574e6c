import { sql, type RawBuilder } from 'kysely';
import type { FigureSet, Programme } from '@gonghui/contracts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import type { Db } from '../employment.definitions.ts';

/**
 * The year's figures of the seekers registered in a scope, each counted once from the records: people
 * trained (seated in a course begun that year) and of them those placed, certificates issued, placements
 * begun, laid-off workers among them, and the follow-ups that found the person still employed. `groupPath`
 * splits them by the unit below the scope whose subtree holds the seeker.
 */
function figuresSql(scope: Scope, from: string, to: string, groupBy: RawBuilder<unknown> | null) {
  const group = groupBy ?? sql`null::text`;
  // Each figure starts from its own (small) table and joins the seeker only for the rows it counts.
  const seeker = sql`join job_seeker s on s.id = x.seeker_id
    join org_unit_version v on v.org_unit_id = s.org_unit_id and v.valid_to is null`;
  return sql<FigureSet & { groupKey: string | null }>`
    with trained as (
      select distinct ${group} as g, x.seeker_id from job_course_enrolment x
      join job_course c on c.id = x.course_id ${seeker}
      where x.status = 'enrolled' and c.starts_on between ${from} and ${to} and ${inScope('v.path', scope)}
    ),
    placed as (
      select ${group} as g, s.situation, x.followed_up_on, x.still_employed from job_placement x ${seeker}
      where x.placed_on between ${from} and ${to} and ${inScope('v.path', scope)}
    ),
    certified as (
      select ${group} as g from job_certificate ct join job_course_enrolment x on x.id = ct.enrolment_id ${seeker}
      where ct.revoked_on is null and ct.issued_on between ${from} and ${to} and ${inScope('v.path', scope)}
    ),
    k as (select g from trained union select g from placed union select g from certified)
    select k.g as "groupKey",
      (select count(*)::int from trained t where t.g is not distinct from k.g) as trained,
      (select count(*)::int from trained t where t.g is not distinct from k.g
        and exists (select 1 from job_placement p where p.seeker_id = t.seeker_id)) as "trainedPlaced",
      (select count(*)::int from certified c where c.g is not distinct from k.g) as certified,
      (select count(*)::int from placed p where p.g is not distinct from k.g) as placed,
      (select count(*)::int from placed p where p.g is not distinct from k.g
        and p.situation in ('laid_off', 'unemployed')) as "laidOffPlaced",
      (select count(*)::int from placed p where p.g is not distinct from k.g and p.followed_up_on is not null) as "followedUp",
      (select count(*)::int from placed p where p.g is not distinct from k.g and p.still_employed) as "stillEmployed"
    from k`;
}

export const figuresRepository = {
  async total(db: Db, scope: Scope, from: string, to: string): Promise<FigureSet> {
    const { rows } = await figuresSql(scope, from, to, null).execute(db);
    const zero = {
      trained: 0,
      trainedPlaced: 0,
      certified: 0,
      placed: 0,
      laidOffPlaced: 0,
      followedUp: 0,
      stillEmployed: 0,
    };
    const { groupKey: _g, ...r } = rows[0] ?? { groupKey: null, ...zero };
    return r;
  },

  /** The same figures for each unit directly below `unitId`, keyed by that unit's path. */
  async byChild(db: Db, scope: Scope, unitId: number, from: string, to: string) {
    const children = await db
      .selectFrom('org_unit_version as c')
      .select(['c.org_unit_id as id', 'c.name', 'c.path'])
      .where('c.parent_id', '=', unitId)
      .where('c.valid_to', 'is', null)
      .orderBy('c.path')
      .execute();
    if (children.length === 0) return [];
    // The child whose path starts the seeker's unit path (paths are /a/b/…/, so a prefix is an ancestor).
    const group = sql`(select c.path from org_unit_version c where c.parent_id = ${unitId} and c.valid_to is null
      and left(v.path, length(c.path)) = c.path)`;
    const { rows } = await figuresSql(scope, from, to, group).execute(db);
    const byPath = new Map(rows.map((r) => [r.groupKey, r]));
    return children.map((c) => {
      const { groupKey: _g, ...f } = byPath.get(c.path) ?? {
        groupKey: null,
        trained: 0,
        trainedPlaced: 0,
        certified: 0,
        placed: 0,
        laidOffPlaced: 0,
        followedUp: 0,
        stillEmployed: 0,
      };
      return { orgUnitId: c.id, orgUnitName: c.name, ...f };
    });
  },

  async byProgramme(db: Db, scope: Scope, from: string, to: string) {
    const { rows } = await sql<{
      programme: Programme;
      trained: number;
      trainedPlaced: number;
      certified: number;
    }>`
      with s as (
        select s.id from job_seeker s
        join org_unit_version v on v.org_unit_id = s.org_unit_id and v.valid_to is null
        where ${inScope('v.path', scope)}
      ),
      e as (
        select c.programme, e.id, e.seeker_id from job_course_enrolment e
        join job_course c on c.id = e.course_id join s on s.id = e.seeker_id
        where e.status = 'enrolled' and c.starts_on between ${from} and ${to}
      )
      select p.programme,
        (select count(distinct e.seeker_id)::int from e where e.programme = p.programme) as trained,
        (select count(distinct e.seeker_id)::int from e where e.programme = p.programme
          and exists (select 1 from job_placement pl where pl.seeker_id = e.seeker_id)) as "trainedPlaced",
        (select count(*)::int from job_certificate ct join e on e.id = ct.enrolment_id
          where e.programme = p.programme and ct.revoked_on is null) as certified
      from (values ('domestic'), ('skills'), ('startup')) as p(programme)`.execute(db);
    return rows;
  },
};
