import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRollup, Page } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';

let t: TestApp;
let wuzhong: Client;

beforeAll(async () => {
  t = await buildTestApp();
  wuzhong = await login(t.app, 'wuzhong');
});
afterAll(() => t.close());

describe('the demo health month of 吴中区', () => {
  it('rolls up to the figures the district reported', async () => {
    const list = (await wuzhong.get('/api/campaigns?q=女职工健康关爱月')).json() as Page<Campaign>;
    expect(list.items).toHaveLength(1);
    const r = (
      await wuzhong.get(`/api/campaign-rollup?campaignId=${list.items[0].id}`)
    ).json() as CampaignRollup;
    expect(r.totals.events).toBeGreaterThan(40);
    expect(r.totals.outputs).toMatchObject({ banners: 36, screenings: 152 });
    expect(r.totals.outputs.leaflets).toBeGreaterThan(6000);
    const bus = (
      await wuzhong.get(`/api/campaign-rollup?campaignId=${list.items[0].id}&typeCode=health_bus`)
    ).json() as CampaignRollup;
    expect(bus.totals.events).toBe(2);
    expect(bus.totals.participants).toBeGreaterThan(150);
    // The city's campaign covers 吴中区 as well; 常熟市's does not.
    const all = ((await wuzhong.get('/api/campaigns')).json() as Page<Campaign>).items.map((c) => c.theme);
    expect(all.some((x) => x.includes('职工心理健康关爱行动'))).toBe(true);
    expect(all.some((x) => x.includes('常熟市'))).toBe(false);
  });
});
