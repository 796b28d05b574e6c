import type { Kysely } from 'kysely';
import type {
  CampaignEventType,
  CampaignEventTypeBody,
  CampaignOutput,
  CampaignOutputBody,
  CampaignSettings,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError, invalid } from '../../../platform/http/errors.ts';
import { coversWholeTree, scopeOf, type Scope } from '../../../platform/scope.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { campaignDb } from '../campaigns.definitions.ts';
import { eventTypeRepository as repo } from './event-type.repository.ts';

type Db = Kysely<Database>;

function typeRecord(scope: Scope): ChangeableRecord<CampaignEventType, CampaignEventType> {
  return {
    entityType: 'campaign_event_type',
    label: '活动类型',
    lock: async (trx, id) =>
      (await repo.lockType(campaignDb(trx), id)) ? repo.typeById(campaignDb(trx), id) : null,
    reload: (trx, id) => repo.typeById(campaignDb(trx), id),
    present: (r) => r,
    scopePath: () => scope,
  };
}

function outputRecord(scope: Scope): ChangeableRecord<CampaignOutput, CampaignOutput> {
  return {
    entityType: 'campaign_output',
    label: '统计项目',
    lock: async (trx, id) => (await repo.lockOutput(campaignDb(trx), id)) ?? null,
    reload: (trx, id) => repo.outputById(campaignDb(trx), id),
    present: (r) => ({ code: r.code, name: r.name, unit: r.unit, definition: r.definition }),
    scopePath: () => scope,
  };
}

/** The lists are the city's: only a caller whose scope holds the whole tree changes them. */
async function configuringScope(db: Db, actor: Actor): Promise<Scope> {
  const scope = await scopeOf(db, actor);
  if (actor.role !== 'admin' || !(await coversWholeTree(db, scope)))
    throw new AppError('FORBIDDEN', '活动类型和统计项目由市总工会管理员统一设置');
  return scope;
}

/** The configured event types and outputs (a city-wide list, the same for every unit). */
export const eventTypeService = {
  async settings(db: Db, actor: Actor): Promise<CampaignSettings> {
    const cdb = campaignDb(db);
    const [types, outputs, scope] = await Promise.all([
      repo.types(cdb),
      repo.outputs(cdb),
      scopeOf(db, actor),
    ]);
    return { types, outputs, mayConfigure: actor.role === 'admin' && (await coversWholeTree(db, scope)) };
  },

  /** Adds or changes an event type and the outputs it counts; every output must be configured. */
  async saveType(
    db: Db,
    actor: Actor,
    code: string,
    body: CampaignEventTypeBody,
  ): Promise<CampaignEventType> {
    const scope = await configuringScope(db, actor);
    const cdb = campaignDb(db);
    const known = new Set((await repo.outputs(cdb)).map((o) => o.code));
    const unknown = body.outputs.find((o) => !known.has(o));
    if (unknown)
      throw invalid([{ field: 'outputs', message: `统计项目「${unknown}」不存在，请先设置该统计项目` }]);
    if (new Set(body.outputs).size !== body.outputs.length)
      throw invalid([{ field: 'outputs', message: '统计项目不能重复' }]);
    if (await repo.nameTaken(cdb, 'campaign_event_type', body.name, code))
      throw invalid([{ field: 'name', message: `已有名为「${body.name}」的活动类型` }]);
    const save = (trx: Parameters<Parameters<typeof createRecord>[4]>[0]) =>
      repo.saveType(campaignDb(trx), code, body);
    const id = await repo.typeId(cdb, code);
    const record = typeRecord(scope);
    return id === undefined
      ? createRecord(db, actor, record, 'campaign_event_type.save', save)
      : changeRecord(db, actor, record, id, 'campaign_event_type.save', async (trx) => {
          await save(trx);
        });
  },

  /** Adds or changes an output: its name, unit and the definition of what it counts. */
  async saveOutput(db: Db, actor: Actor, code: string, body: CampaignOutputBody): Promise<CampaignOutput> {
    const scope = await configuringScope(db, actor);
    const cdb = campaignDb(db);
    if (await repo.nameTaken(cdb, 'campaign_output', body.name, code))
      throw invalid([{ field: 'name', message: `已有名为「${body.name}」的统计项目` }]);
    const save = (trx: Parameters<Parameters<typeof createRecord>[4]>[0]) =>
      repo.saveOutput(campaignDb(trx), code, body);
    const id = await repo.outputId(cdb, code);
    const record = outputRecord(scope);
    return id === undefined
      ? createRecord(db, actor, record, 'campaign_output.save', save)
      : changeRecord(db, actor, record, id, 'campaign_output.save', async (trx) => {
          await save(trx);
        });
  },
};
