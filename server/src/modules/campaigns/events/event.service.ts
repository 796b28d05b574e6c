import type { Kysely } from 'kysely';
import type {
  CampaignEvent,
  CampaignEventFilter,
  CreateCampaignEventBody,
  EventOutputCount,
  ListCampaignEventsQuery,
  Page,
  UpdateCampaignEventBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { scopeOf, type Scope } from '../../../platform/scope.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { employerRepository } from '../../employers/index.ts';
import { campaignDb, unitIdsOnPath, type Db as ModuleDb } from '../campaigns.definitions.ts';
import { campaignRepository } from '../campaigns/campaign.repository.ts';
import { CAMPAIGN } from '../campaigns/campaign.service.ts';
import { eventTypeRepository } from '../settings/event-type.repository.ts';
import { eventRepository as repo, type EventRow } from './event.repository.ts';

type Db = Kysely<Database>;
const EVENT = '活动记录';

export function presentEvent(r: EventRow): CampaignEvent {
  return {
    id: r.id,
    campaignId: r.campaignId,
    campaignTheme: r.campaignTheme,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    typeCode: r.typeCode,
    typeName: r.typeName,
    title: r.title,
    heldOn: r.heldOn,
    place: r.place,
    employerId: r.employerId,
    employerName: r.employerName,
    participants: r.participants,
    outputs: r.outputs,
    note: r.note,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

function eventRecord(scope: Scope): ChangeableRecord<EventRow, CampaignEvent> {
  return {
    entityType: 'campaign_event',
    label: EVENT,
    lock: async (trx, id) => (await repo.lock(campaignDb(trx), id, scope)) ?? null,
    reload: async (trx, id) => (await repo.find(campaignDb(trx), id, scope))!,
    present: presentEvent,
    scopePath: (r) => r.orgUnitPath,
  };
}

/** The event's type is configured and in use, and every output it counts is one its type counts. */
async function checkOutputs(db: ModuleDb, typeCode: string, outputs: EventOutputCount[], current?: string) {
  const type = await eventTypeRepository.type(db, typeCode);
  if (!type || (!type.active && type.code !== current))
    throw invalid([{ field: 'typeCode', message: `活动类型「${typeCode}」不存在或已停用` }]);
  const all = await eventTypeRepository.outputs(db);
  const seen = new Set<string>();
  for (const [i, o] of outputs.entries()) {
    const output = all.find((a) => a.code === o.code);
    if (!output) throw invalid([{ field: `outputs.${i}.code`, message: `统计项目「${o.code}」不存在` }]);
    if (!type.outputs.includes(o.code))
      throw invalid([
        {
          field: `outputs.${i}.code`,
          message: `「${type.name}」活动不统计「${output.name}（${output.unit}）」，该项目未为此活动类型设置`,
        },
      ]);
    if (seen.has(o.code))
      throw invalid([{ field: `outputs.${i}.code`, message: `统计项目「${output.name}」填写了两次` }]);
    seen.add(o.code);
  }
}

function checkDate(heldOn: string) {
  if (heldOn > today())
    throw invalid([{ field: 'heldOn', message: '活动日期不能晚于今天，活动举办后再登记' }]);
  if (heldOn < '2000-01-01') throw invalid([{ field: 'heldOn', message: '活动日期不能早于 2000 年' }]);
}

/** The host employer, from the register and within the caller's scope. */
async function hostIn(db: Db, scope: Scope, id: number | null | undefined) {
  if (!id) return null;
  const e = await employerRepository.findAt(db, id, scope, today());
  if (!e) throw invalid([{ field: 'employerId', message: '承办企业不在单位名录中或不在您的管辖范围内' }]);
  return e.id;
}

function checkPlace(place: string | null | undefined, employerId: number | null) {
  if (!place && !employerId) throw invalid([{ field: 'place', message: '请填写活动地点或选择承办企业' }]);
}

/** The campaign an event joins: seen by the caller, covering the event's unit, and running on its date. */
async function campaignFor(db: ModuleDb, scope: Scope, campaignId: number, unitPath: string, heldOn: string) {
  const c = await campaignRepository.find(db, campaignId, scope);
  if (!c) throw notFound(CAMPAIGN);
  const territory = await campaignRepository.territories(db, [c.id]);
  const above = unitIdsOnPath(unitPath);
  if (!territory.some((t) => above.includes(t.id)))
    throw invalid([{ field: 'orgUnitId', message: `举办单位不在主题活动「${c.theme}」的活动范围内` }]);
  if (heldOn < c.startsOn || heldOn > c.endsOn)
    throw invalid([
      {
        field: 'heldOn',
        message: `活动日期应在主题活动「${c.theme}」的期间内（${c.startsOn} 至 ${c.endsOn}）`,
      },
    ]);
  return c.id;
}

/** Events (活动记录): in a campaign or on their own, with participants and outputs counted. */
export const eventService = {
  async list(db: Db, actor: Actor, q: ListCampaignEventsQuery): Promise<Page<CampaignEvent>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const page = await repo.list(campaignDb(db), scope, q, { key: q.sort, order: q.order }, q);
    return { ...page, items: page.items.map(presentEvent) };
  },

  async count(db: Db, actor: Actor, f: CampaignEventFilter): Promise<number> {
    return (await this.list(db, actor, { ...f, sort: 'heldOn', order: 'desc', page: 1, pageSize: 1 })).total;
  },

  async *stream(db: Db, actor: Actor, f: CampaignEventFilter): AsyncIterable<CampaignEvent[]> {
    const scope = await scopeUnderUnit(db, actor, f.orgUnitId);
    for await (const rows of repo.stream(campaignDb(db), scope, f)) yield rows.map(presentEvent);
  },

  async get(db: Db, actor: Actor, id: number): Promise<CampaignEvent> {
    const row = await repo.find(campaignDb(db), id, await scopeOf(db, actor));
    if (!row) throw notFound(EVENT);
    return presentEvent(row);
  },

  async create(db: Db, actor: Actor, body: CreateCampaignEventBody): Promise<CampaignEvent> {
    checkDate(body.heldOn);
    const scope = await scopeOf(db, actor);
    return createRecord(db, actor, eventRecord(scope), 'campaign_event.create', async (trx) => {
      const cdb = campaignDb(trx);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '举办单位不存在、已撤销或不在您的管辖范围内' }]);
      const campaignId = body.campaignId
        ? await campaignFor(cdb, scope, body.campaignId, unit.path, body.heldOn)
        : null;
      await checkOutputs(cdb, body.typeCode, body.outputs);
      const employerId = await hostIn(trx, scope, body.employerId);
      checkPlace(body.place, employerId);
      const id = await repo.insert(cdb, {
        campaign_id: campaignId,
        org_unit_id: unit.id,
        type_code: body.typeCode,
        title: body.title,
        held_on: body.heldOn,
        place: body.place ?? null,
        employer_id: employerId,
        participants: body.participants,
        note: body.note ?? null,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      await repo.setOutputs(cdb, id, body.outputs);
      return id;
    });
  },

  /** Corrects an event: its type, date, place, counts; it stays with its unit and campaign. */
  async update(db: Db, actor: Actor, id: number, body: UpdateCampaignEventBody): Promise<CampaignEvent> {
    checkDate(body.heldOn);
    const scope = await scopeOf(db, actor);
    return changeRecord(db, actor, eventRecord(scope), id, 'campaign_event.update', async (trx, before) => {
      const cdb = campaignDb(trx);
      if (before.campaignId)
        await campaignFor(cdb, scope, before.campaignId, before.orgUnitPath, body.heldOn);
      await checkOutputs(cdb, body.typeCode, body.outputs, before.typeCode);
      const employerId = await hostIn(trx, scope, body.employerId);
      checkPlace(body.place, employerId);
      await repo.update(cdb, id, {
        type_code: body.typeCode,
        title: body.title,
        held_on: body.heldOn,
        place: body.place ?? null,
        employer_id: employerId,
        participants: body.participants,
        note: body.note ?? null,
      });
      await repo.setOutputs(cdb, id, body.outputs);
    });
  },
};
