import type { Kysely, Transaction } from 'kysely';
import type {
  FormationCampaign,
  FormationCampaignEmployersBody,
  FormationCampaignEmployersResult,
  FormationCampaignProgress,
  FormationCampaignTask,
  FormationCampaignTaskBody,
  CreateFormationCampaignBody,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import { today } from '../../platform/orgs/dates.ts';
import { orgRepository } from '../../platform/orgs/org.repository.ts';
import { scopeOf, storedScope } from '../../platform/scope.ts';
import { formationCampaignRepository as repo } from './formation-campaign.repository.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
const CAMPAIGN = '活动';
const TASK = '任务';
const strip = <T extends { path: string }>({ path: _path, ...rest }: T) => rest;

async function visibleFormationCampaign(db: Db | Trx, actor: Actor, id: number) {
  const c = await repo.find(db, id, await scopeOf(db, actor));
  if (!c) throw notFound(CAMPAIGN);
  return c;
}

export const formationCampaignService = {
  async list(db: Db, actor: Actor): Promise<FormationCampaign[]> {
    return (await repo.list(db, await scopeOf(db, actor))).map(strip);
  },

  /** Progress since the start: new unions and party organisations in the territory, and target employers still without. */
  async progress(db: Db, actor: Actor, id: number, asOf = today()): Promise<FormationCampaignProgress> {
    const c = await visibleFormationCampaign(db, actor, id);
    const counts = await repo.newSince(db, storedScope(c.path), c.startedOn, asOf);
    const n = (aspect: string, values: string[]) =>
      counts.filter((r) => r.aspect === aspect && values.includes(r.value)).reduce((s, r) => s + r.n, 0);
    const targets = await repo.targets(db, id, asOf);
    return {
      ...strip(c),
      asOf,
      newUnions: n('union', ['own', 'joint']),
      newOwnUnions: n('union', ['own']),
      newIndependentParty: n('party', ['independent']),
      newJointParty: n('party', ['joint']),
      targets,
      targetsWithoutUnion: targets.filter((t) => t.unionStatus !== 'own' && t.unionStatus !== 'joint').length,
      targetsWithoutParty: targets.filter((t) => t.partyStatus === 'none').length,
      tasks: await repo.tasks(db, id),
    };
  },

  async create(db: Db, actor: Actor, body: CreateFormationCampaignBody): Promise<FormationCampaign> {
    if (body.endedOn && body.endedOn < body.startedOn) {
      throw invalid([{ field: 'endedOn', message: '结束日期不能早于开始日期' }]);
    }
    return db.transaction().execute(async (trx) => {
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), await scopeOf(trx, actor));
      if (!unit) throw invalid([{ field: 'orgUnitId', message: '活动范围不存在或不在您的管辖范围内' }]);
      const { id } = await trx
        .insertInto('formation_campaign')
        .values({
          name: body.name,
          org_unit_id: unit.id,
          started_on: body.startedOn,
          ended_on: body.endedOn ?? null,
          description: body.description ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = {
        id,
        name: body.name,
        orgUnitId: unit.id,
        orgUnitName: unit.name,
        startedOn: body.startedOn,
        endedOn: body.endedOn ?? null,
        description: body.description ?? null,
      };
      await audit(trx, actor, {
        action: 'formation_campaign.create',
        entityType: 'formation_campaign',
        entityId: id,
        scopePath: unit.path,
        after: created,
      });
      return created;
    });
  },

  async addTask(
    db: Db,
    actor: Actor,
    id: number,
    body: FormationCampaignTaskBody,
  ): Promise<FormationCampaignTask> {
    return db.transaction().execute(async (trx) => {
      const c = await visibleFormationCampaign(trx, actor, id);
      const dueOn = body.dueOn ?? null;
      if (dueOn && dueOn < c.startedOn) {
        throw invalid([{ field: 'dueOn', message: `完成期限不能早于活动开始日期 ${c.startedOn}` }]);
      }
      const task = await repo.addTask(trx, c.id, body.title, dueOn);
      await audit(trx, actor, {
        action: 'formation_campaign.task_add',
        entityType: 'formation_campaign_task',
        entityId: task.id,
        scopePath: c.path,
        after: { formationCampaignId: c.id, formationCampaign: c.name, title: task.title, dueOn: task.dueOn },
      });
      return task;
    });
  },

  /** Marks a task done today. */
  async completeTask(db: Db, actor: Actor, id: number, taskId: number): Promise<FormationCampaignTask> {
    return db.transaction().execute(async (trx) => {
      const c = await visibleFormationCampaign(trx, actor, id);
      const task = await repo.task(trx, c.id, taskId);
      if (!task) throw notFound(TASK);
      if (task.doneOn) throw conflict(`任务「${task.title}」已于 ${task.doneOn} 完成`);
      const doneOn = today();
      await repo.markTaskDone(trx, task.id, doneOn);
      await audit(trx, actor, {
        action: 'formation_campaign.task_done',
        entityType: 'formation_campaign_task',
        entityId: task.id,
        scopePath: c.path,
        before: { doneOn: null },
        after: { formationCampaignId: c.id, title: task.title, doneOn },
      });
      return { ...task, doneOn };
    });
  },

  /** Adds target employers; each must be open and placed in the campaign's territory. */
  async addTargets(
    db: Db,
    actor: Actor,
    id: number,
    body: FormationCampaignEmployersBody,
  ): Promise<FormationCampaignEmployersResult> {
    return db.transaction().execute(async (trx) => {
      const c = await visibleFormationCampaign(trx, actor, id);
      const ids = [...new Set(body.employerIds)];
      const found = new Set(
        (await repo.openEmployersUnder(trx, ids, storedScope(c.path), today())).map((e) => e.id),
      );
      const missing = body.employerIds
        .map((employerId, i) => ({ employerId, i }))
        .filter((x) => !found.has(x.employerId));
      if (missing.length > 0) {
        throw invalid(
          missing.slice(0, 20).map(({ i }) => ({
            field: `employerIds.${i}`,
            message: `第 ${i + 1} 家单位不存在、已注销或不在活动范围（${c.orgUnitName}）内`,
          })),
        );
      }
      const added = await repo.addTargets(trx, c.id, ids);
      if (added.length > 0) {
        await audit(trx, actor, {
          action: 'formation_campaign.add_employers',
          entityType: 'formation_campaign',
          entityId: c.id,
          scopePath: c.path,
          after: { formationCampaign: c.name, employerIds: added },
        });
      }
      return { added: added.length, alreadyTargets: ids.length - added.length };
    });
  },
};
