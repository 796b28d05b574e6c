import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditEntry,
  FormationCampaignProgress,
  FormationCampaignTask,
  Employer,
  OrgUnit,
  Page,
} from '@gonghui/contracts';
import { sql, type Kysely } from 'kysely';
import * as renameAuditNames from '../src/modules/formation-campaigns/migrations/20261201T2130_formation_campaign_audit_names.ts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';

let t: TestApp;
let changshu: Client;
let dongbang: Client;
let taicang: Client;
let formationCampaignId: number;
let dongbangEmployers: Employer[];

const progress = async (client: Client, id = formationCampaignId) =>
  (await client.get(`/api/formation-campaigns/${id}`)).json() as FormationCampaignProgress;

beforeAll(async () => {
  t = await buildTestApp();
  changshu = await login(t.app, 'changshu');
  dongbang = await login(t.app, 'dongbang');
  taicang = await login(t.app, 'taicang');
  const town = await unitIdByCode(t.handle, '320581107');
  const created = await dongbang.post('/api/formation-campaigns', {
    name: '百日建会行动',
    orgUnitId: town,
    startedOn: '2020-03-01',
  });
  expect(created.statusCode, created.body).toBe(200);
  formationCampaignId = (created.json() as { id: number }).id;
  dongbangEmployers = ((await dongbang.get('/api/employers?pageSize=3')).json() as Page<Employer>).items;
});
afterAll(() => t.close());

describe('campaign tasks', () => {
  it('adds a task with a deadline and marks it done today, once', async () => {
    const added = await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/tasks`, {
      title: '走访未建会企业',
      dueOn: '2020-06-30',
    });
    expect(added.statusCode, added.body).toBe(200);
    const task = added.json() as FormationCampaignTask;
    expect(task).toMatchObject({ title: '走访未建会企业', dueOn: '2020-06-30', doneOn: null });
    expect((await progress(dongbang)).tasks).toEqual([task]);

    const done = await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/tasks/${task.id}/done`);
    expect(done.statusCode, done.body).toBe(200);
    const doneOn = (done.json() as FormationCampaignTask).doneOn;
    expect(doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await progress(dongbang)).tasks[0].doneOn).toBe(doneOn);

    const again = await dongbang.post(
      `/api/formation-campaigns/${formationCampaignId}/tasks/${task.id}/done`,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已于');

    const log = (
      await dongbang.get('/api/audit?action=formation_campaign.task_done')
    ).json() as Page<AuditEntry>;
    expect(log.items[0]).toMatchObject({ entityType: 'formation_campaign_task', entityId: String(task.id) });
  });

  it('refuses a short title and a deadline before the start, naming the field', async () => {
    const short = await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/tasks`, {
      title: '走',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('任务至少 2 个字');
    const early = await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/tasks`, {
      title: '提前的任务',
      dueOn: '2020-01-01',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details).toEqual([
      { field: 'dueOn', message: '完成期限不能早于活动开始日期 2020-03-01' },
    ]);
  });

  it('answers not found for a task of another campaign or outside the caller’s scope', async () => {
    const task = (
      await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/tasks`, { title: '召开推进会' })
    ).json() as FormationCampaignTask;
    const other = (
      await dongbang.post('/api/formation-campaigns', {
        name: '另一项活动',
        orgUnitId: await unitIdByCode(t.handle, '320581107'),
        startedOn: '2020-01-01',
      })
    ).json() as { id: number };
    expect(
      (await dongbang.post(`/api/formation-campaigns/${other.id}/tasks/${task.id}/done`)).statusCode,
    ).toBe(404);
    const fromTaicang = await taicang.post(
      `/api/formation-campaigns/${formationCampaignId}/tasks/${task.id}/done`,
    );
    expect(fromTaicang.statusCode).toBe(404);
    expect(
      (
        await taicang.post(`/api/formation-campaigns/${formationCampaignId}/tasks`, {
          title: '越权添加的任务',
        })
      ).statusCode,
    ).toBe(404);
    expect((await progress(dongbang)).tasks.find((x) => x.id === task.id)?.doneOn).toBeNull();
  });
});

describe('campaign target employers', () => {
  it('adds employers of the territory, skipping those already targets', async () => {
    const [a, b, c] = dongbangEmployers;
    const first = await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/employers`, {
      employerIds: [a.id, b.id],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ added: 2, alreadyTargets: 0 });
    const second = await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/employers`, {
      employerIds: [b.id, c.id],
    });
    expect(second.json()).toEqual({ added: 1, alreadyTargets: 1 });
    const p = await progress(dongbang);
    expect(p.targets.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const log = (
      await dongbang.get('/api/audit?action=formation_campaign.add_employers')
    ).json() as Page<AuditEntry>;
    expect(log.items.map((e) => (e.after as { employerIds: number[] }).employerIds)).toEqual([
      [c.id],
      [a.id, b.id],
    ]);
  });

  it('refuses an employer outside the territory exactly like a missing one, and adds none', async () => {
    const changshuUnit = await unitIdByCode(t.handle, '320581');
    const dongbangUnit = await unitIdByCode(t.handle, '320581107');
    const towns = (await changshu.get(`/api/orgs/${changshuUnit}/children`)).json() as OrgUnit[];
    const otherTown = towns.find((u) => u.id !== dongbangUnit && u.kind === 'federation')!;
    const outside = (
      (await changshu.get(`/api/employers?orgUnitId=${otherTown.id}&pageSize=1`)).json() as Page<Employer>
    ).items[0];
    const taicangEmployer = ((await taicang.get('/api/employers?pageSize=1')).json() as Page<Employer>)
      .items[0];
    const fresh = dongbangEmployers[0].id;
    const before = (await progress(dongbang)).targets.length;
    for (const [client, id] of [
      [changshu, outside.id],
      [dongbang, taicangEmployer.id],
      [dongbang, 99999999],
    ] as const) {
      const res = await client.post(`/api/formation-campaigns/${formationCampaignId}/employers`, {
        employerIds: [fresh, id],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toEqual([
        { field: 'employerIds.1', message: '第 2 家单位不存在、已注销或不在活动范围（董浜镇工会）内' },
      ]);
    }
    expect((await progress(dongbang)).targets.length).toBe(before);
    const fromTaicang = await taicang.post(`/api/formation-campaigns/${formationCampaignId}/employers`, {
      employerIds: [taicangEmployer.id],
    });
    expect(fromTaicang.statusCode).toBe(404);
  });

  it('refuses an empty list', async () => {
    const res = await dongbang.post(`/api/formation-campaigns/${formationCampaignId}/employers`, {
      employerIds: [],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('请至少选择一家单位');
  });
});

describe('entries written before the module had one name', () => {
  it('read formation_campaign.* with their campaign fields renamed, so the log filters and labels them', async () => {
    const { rows } = await sql<{ id: number }>`
      insert into audit_log (action, entity_type, entity_id, scope_path, after)
      values ('campaign.task_add', 'formation_campaign_task', '1', '/', ${JSON.stringify({
        campaignId: 7,
        campaign: '旧活动',
        title: '旧任务',
      })}::jsonb)
      returning id`.execute(t.handle.db);
    await renameAuditNames.up(t.handle.db as unknown as Kysely<unknown>);
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('id', '=', rows[0]!.id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      action: 'formation_campaign.task_add',
      after: { formationCampaignId: 7, formationCampaign: '旧活动', title: '旧任务' },
    });
  });
});
