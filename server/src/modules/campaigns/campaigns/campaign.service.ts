import type { Kysely } from 'kysely';
import type {
  Campaign,
  CampaignFilter,
  CreateCampaignBody,
  ListCampaignsQuery,
  Page,
  UpdateCampaignBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { narrowScope, scopeContains, scopeOf, type Scope } from '../../../platform/scope.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { campaignDb, type Db as ModuleDb } from '../campaigns.definitions.ts';
import { campaignAuditView, presentCampaign, type CampaignRecordRow } from './campaign.presenter.ts';
import { campaignRepository as repo, type CampaignRow } from './campaign.repository.ts';

type Db = Kysely<Database>;
export const CAMPAIGN = '主题活动';

async function withTerritory(db: ModuleDb, rows: CampaignRow[]): Promise<CampaignRecordRow[]> {
  const units = await repo.territories(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, territory: units.filter((u) => u.campaignId === r.id) }));
}

function campaignRecord(scope: Scope): ChangeableRecord<CampaignRecordRow, Campaign> {
  const read = async (db: ModuleDb, row: CampaignRow | undefined) =>
    row ? (await withTerritory(db, [row]))[0] : null;
  return {
    entityType: 'campaign',
    label: CAMPAIGN,
    lock: async (trx, id) => read(campaignDb(trx), await repo.lock(campaignDb(trx), id, scope)),
    reload: async (trx, id) => (await read(campaignDb(trx), await repo.find(campaignDb(trx), id, scope)))!,
    present: (r) => presentCampaign(r, scope),
    scopePath: (r) => r.orgUnitPath,
    auditView: campaignAuditView,
  };
}

/** The list's unit filter as a narrower scope: campaigns organised under that unit. */
async function unitFilter(db: Db, scope: Scope, unitId: number | undefined): Promise<Scope | null> {
  if (!unitId) return null;
  const unit = await orgRepository.findAt(db, unitId, today(), scope);
  if (!unit) throw notFound('组织');
  return narrowScope(scope, unit.path);
}

function checkPeriod(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) throw invalid([{ field: 'endsOn', message: '结束日期不能早于开始日期' }]);
  if (startsOn < '2000-01-01') throw invalid([{ field: 'startsOn', message: '开始日期不能早于 2000 年' }]);
  if (endsOn > '2100-12-31') throw invalid([{ field: 'endsOn', message: '结束日期不能晚于 2100 年' }]);
}

/** The chosen territory: units open today inside the organising unit's subtree, none inside another. */
async function territoryOf(db: Db, organiser: { id: number; path: string }, scope: Scope, ids?: number[]) {
  const chosen = [...new Set(ids ?? [])];
  if (chosen.length === 0) return [organiser.id];
  const units = await orgRepository.findManyAt(db, chosen, today(), narrowScope(scope, organiser.path));
  const missing = chosen.find((id) => !units.some((u) => u.id === id && !u.closedOn));
  if (missing !== undefined)
    throw invalid([
      {
        field: 'territoryUnitIds',
        message: `活动范围中编号 ${missing} 的单位不存在、已撤销或不在主办单位之下`,
      },
    ]);
  for (const u of units) {
    const outer = units.find((o) => o.id !== u.id && u.path.startsWith(o.path));
    if (outer)
      throw invalid([
        { field: 'territoryUnitIds', message: `「${u.name}」已在「${outer.name}」之内，无需重复选择` },
      ]);
  }
  return units.map((u) => u.id);
}

/** Theme campaigns: a theme, a period, an organising unit and the territory it runs over. */
export const campaignService = {
  async list(db: Db, actor: Actor, q: ListCampaignsQuery): Promise<Page<Campaign>> {
    const scope = await scopeOf(db, actor);
    const cdb = campaignDb(db);
    const unit = await unitFilter(db, scope, q.orgUnitId);
    const page = await repo.list(cdb, scope, unit, q, { key: q.sort, order: q.order }, q);
    const rows = await withTerritory(cdb, page.items);
    return { ...page, items: rows.map((r) => presentCampaign(r, scope)) };
  },

  async count(db: Db, actor: Actor, f: CampaignFilter): Promise<number> {
    return (await this.list(db, actor, { ...f, sort: 'startsOn', order: 'desc', page: 1, pageSize: 1 }))
      .total;
  },

  async all(db: Db, actor: Actor, f: CampaignFilter): Promise<Campaign[]> {
    const scope = await scopeOf(db, actor);
    const cdb = campaignDb(db);
    const rows = await withTerritory(
      cdb,
      await repo.all(cdb, scope, await unitFilter(db, scope, f.orgUnitId), f),
    );
    return rows.map((r) => presentCampaign(r, scope));
  },

  /** A campaign the caller sees, as a row with its territory (404 otherwise, as for a missing one). */
  async visible(db: Db, actor: Actor, id: number): Promise<CampaignRecordRow> {
    const cdb = campaignDb(db);
    const row = await repo.find(cdb, id, await scopeOf(db, actor));
    if (!row) throw notFound(CAMPAIGN);
    return (await withTerritory(cdb, [row]))[0];
  },

  async get(db: Db, actor: Actor, id: number): Promise<Campaign> {
    return presentCampaign(await this.visible(db, actor, id), await scopeOf(db, actor));
  },

  async create(db: Db, actor: Actor, body: CreateCampaignBody): Promise<Campaign> {
    checkPeriod(body.startsOn, body.endsOn);
    const scope = await scopeOf(db, actor);
    return createRecord(db, actor, campaignRecord(scope), 'campaign.create', async (trx) => {
      const organiser = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!organiser || organiser.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '主办单位不存在、已撤销或不在您的管辖范围内' }]);
      const territory = await territoryOf(trx, organiser, scope, body.territoryUnitIds);
      return repo.insert(
        campaignDb(trx),
        {
          org_unit_id: organiser.id,
          theme: body.theme,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          description: body.description ?? null,
          created_by: actor.userId > 0 ? actor.userId : null,
        },
        territory,
      );
    });
  },

  /** Changes the theme, period or description; the period must still hold every event of the campaign. */
  async update(db: Db, actor: Actor, id: number, body: UpdateCampaignBody): Promise<Campaign> {
    const scope = await scopeOf(db, actor);
    return changeRecord(db, actor, campaignRecord(scope), id, 'campaign.update', async (trx, before) => {
      if (!scopeContains(scope, before.orgUnitPath))
        throw new AppError('FORBIDDEN', '主题活动只能由主办单位或其上级工会修改');
      const startsOn = body.startsOn ?? before.startsOn;
      const endsOn = body.endsOn ?? before.endsOn;
      checkPeriod(startsOn, endsOn);
      const span = await repo.eventSpan(campaignDb(trx), id);
      if ((span.first && span.first < startsOn) || (span.last && span.last > endsOn))
        throw invalid([
          {
            field: body.startsOn ? 'startsOn' : 'endsOn',
            message: `已登记的活动日期在 ${span.first} 至 ${span.last} 之间，活动期间须包含这些日期`,
          },
        ]);
      await repo.update(campaignDb(trx), id, {
        theme: body.theme ?? before.theme,
        starts_on: startsOn,
        ends_on: endsOn,
        description: body.description === undefined ? before.description : body.description,
      });
    });
  },
};
