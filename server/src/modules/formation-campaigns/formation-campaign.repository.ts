import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inScope, versionValidOn, type Scope } from '../../platform/scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const formationCampaignRepository = {
  /** Campaigns whose territory lies in the scope today. */
  async list(db: Db, scope: Scope) {
    return db
      .selectFrom('formation_campaign as c')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'c.org_unit_id').on('v.valid_to', 'is', null),
      )
      .select([
        'c.id',
        'c.name',
        'c.org_unit_id as orgUnitId',
        'v.name as orgUnitName',
        'v.path',
        'c.started_on as startedOn',
        'c.ended_on as endedOn',
        'c.description',
      ])
      .where(inScope('v.path', scope))
      .orderBy('c.started_on', 'desc')
      .execute();
  },

  async find(db: Db, id: number, scope: Scope) {
    return (await this.list(db, scope)).find((c) => c.id === id);
  },

  /**
   * Status changes in the territory from the start to `asOf` that created a union or party organisation
   * where the previous value had none.
   */
  async newSince(db: Db, territory: Scope, from: string, to: string) {
    const { rows } = await sql<{ aspect: string; value: string; n: number }>`
      select c.aspect, c.value, count(*)::int as n
      from employer_status_change c
      join employer e on e.id = c.employer_id
      join org_unit_version v on v.org_unit_id = e.org_unit_id
        and ${versionValidOn('v', to)}
      where ${inScope('v.path', territory)} and c.valid_from >= ${from} and c.valid_from <= ${to}
        and c.aspect in ('union', 'party')
        and coalesce((select p.value from employer_status_change p
              where p.employer_id = c.employer_id and p.aspect = c.aspect and p.valid_from < c.valid_from
              order by p.valid_from desc limit 1), 'none') in ('none', 'preparing')
      group by c.aspect, c.value`.execute(db);
    return rows;
  },

  async targets(db: Db, id: number, asOf: string) {
    const latest = (aspect: string) => sql<string>`coalesce((select s.value from employer_status_change s
      where s.employer_id = e.id and s.aspect = ${aspect} and s.valid_from <= ${asOf}
      order by s.valid_from desc limit 1), 'none')`;
    return db
      .selectFrom('formation_campaign_employer as ce')
      .innerJoin('employer as e', 'e.id', 'ce.employer_id')
      .select([
        'e.id',
        'e.name',
        'e.credit_code as creditCode',
        latest('union').as('unionStatus'),
        latest('party').as('partyStatus'),
      ])
      .where('ce.campaign_id', '=', id)
      .orderBy('e.name')
      .execute();
  },

  async tasks(db: Db, id: number) {
    return db
      .selectFrom('formation_campaign_task')
      .select(['id', 'title', 'due_on as dueOn', 'done_on as doneOn'])
      .where('campaign_id', '=', id)
      .orderBy('id')
      .execute();
  },

  async task(db: Db, formationCampaignId: number, taskId: number) {
    return db
      .selectFrom('formation_campaign_task')
      .select(['id', 'title', 'due_on as dueOn', 'done_on as doneOn'])
      .where('campaign_id', '=', formationCampaignId)
      .where('id', '=', taskId)
      .executeTakeFirst();
  },

  async addTask(db: Db, formationCampaignId: number, title: string, dueOn: string | null) {
    return db
      .insertInto('formation_campaign_task')
      .values({ campaign_id: formationCampaignId, title, due_on: dueOn })
      .returning(['id', 'title', 'due_on as dueOn', 'done_on as doneOn'])
      .executeTakeFirstOrThrow();
  },

  async markTaskDone(db: Db, taskId: number, date: string) {
    await db.updateTable('formation_campaign_task').set({ done_on: date }).where('id', '=', taskId).execute();
  },

  /** Of the given employers, those open today and placed in the campaign's territory. */
  async openEmployersUnder(db: Db, ids: number[], territory: Scope, date: string) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('employer as e')
      .innerJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on(versionValidOn('v', date)),
      )
      .select(['e.id', 'e.name'])
      .where('e.id', 'in', ids)
      .where('e.closed_on', 'is', null)
      .where(inScope('v.path', territory))
      .execute();
  },

  /** Adds target employers, skipping those already in; returns the ids added. */
  async addTargets(db: Db, formationCampaignId: number, employerIds: number[]): Promise<number[]> {
    if (employerIds.length === 0) return [];
    const rows = await db
      .insertInto('formation_campaign_employer')
      .values(employerIds.map((employer_id) => ({ campaign_id: formationCampaignId, employer_id })))
      .onConflict((oc) => oc.columns(['campaign_id', 'employer_id']).doNothing())
      .returning('employer_id')
      .execute();
    return rows.map((r) => r.employer_id);
  },
};
