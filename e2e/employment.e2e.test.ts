import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  composeResidentId,
  type Employer,
  type Page as ListPage,
  type SeekerDetail,
} from '@gonghui/contracts';
import { startDemoServer } from './harness.ts';
import { apiFromPage, launchBrowser, login, newPage, screenshot, type BrowserSession } from './browser.ts';
import { apiClient, inputOf, today } from './helpers.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: BrowserSession;
let fairUrl = '';
let seekerUrl = '';

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function typeDate(page: Page, testId: string, date: string) {
  const input = await inputOf(page, testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Picks an employer in the register's search select once the list answers the search typed. */
async function pickEmployer(page: Page, testId: string, name: string) {
  const select = page.getByTestId(testId);
  const typed = name.slice(0, 8);
  await select.click();
  await select.locator('input').fill(typed);
  const options = page.locator(`.ant-select-dropdown:visible [data-testid="${testId}-option"]`);
  await expect
    .poll(async () => {
      const shown = await options.allTextContents();
      return shown.length > 0 && shown.every((text) => text.includes(typed));
    })
    .toBe(true);
  await options.filter({ hasText: name }).click();
  await expect.poll(() => select.textContent()).toContain(name);
}

describe('employment assistance (changshu)', () => {
  test('sets up a fair with an employer and a position, registers a seeker, matches, recommends and places', async () => {
    const api = await apiClient(server.baseUrl, 'changshu');
    const firm = (await api.get<ListPage<Employer>>('/api/employers?pageSize=1&sort=name')).items[0];
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'changshu');

    await page.getByTestId('menu-employment-fairs').click();
    await page.getByTestId('fairs-page').waitFor();
    await page.getByTestId('fair-create').click();
    await page.getByTestId('fair-form').waitFor();
    await (await inputOf(page, 'fair-title')).fill('常熟市家政服务专场招聘会（浏览器测试）');
    await page.getByTestId('fair-category').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option:has-text("家政服务专场")')
      .click();
    await typeDate(page, 'fair-held-on', today());
    await (await inputOf(page, 'fair-venue')).fill('常熟市职工服务中心');
    await page.getByTestId('fair-form-ok').click();
    await page.getByTestId('fair-page').waitFor();
    await expect.poll(() => page.getByTestId('fair-title').textContent()).toContain('浏览器测试');
    fairUrl = page.url();

    await page.getByTestId('fair-add-employer').click();
    await page.getByTestId('fair-employer-form').waitFor();
    await pickEmployer(page, 'fair-employer-pick', firm.name);
    await (await inputOf(page, 'fair-employer-booth')).fill('A01');
    await page.getByTestId('fair-employer-form-ok').click();
    await page.getByTestId('fair-employer-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('fair-employers').textContent()).toContain(firm.name);

    await page.getByTestId('fair-add-position').click();
    await page.getByTestId('position-form').waitFor();
    await (await inputOf(page, 'position-title')).fill('住家育婴员');
    await page.getByTestId('position-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option:has-text("家政服务")').click();
    await (await inputOf(page, 'position-openings')).fill('3');
    await (await inputOf(page, 'position-pay-min')).fill('6000');
    await (await inputOf(page, 'position-pay-max')).fill('5000');
    await page.getByTestId('position-form-ok').click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('月薪上限不能低于下限 6000.00 元');
    await (await inputOf(page, 'position-pay-max')).fill('8000');
    await page.getByTestId('position-form-ok').click();
    await page.getByTestId('position-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('fair-positions').textContent()).toContain('6,000–8,000 元');
    await screenshot(page, 'changshu-fair');

    await page.getByTestId('fair-booth-print').click();
    await page.getByTestId('booth-sheet').waitFor();
    expect(await page.getByTestId('booth-row').first().textContent()).toContain(
      `A01${firm.name}住家育婴员 3 人`,
    );
    await screenshot(page, 'changshu-fair-booths');

    await page.getByTestId('menu-employment-seekers').click();
    await page.getByTestId('seekers-page').waitFor();
    await page.getByTestId('seeker-create').click();
    await page.getByTestId('seeker-form').waitFor();
    await (await inputOf(page, 'seeker-name')).fill('浏览器测试求职者');
    await (await inputOf(page, 'seeker-resident-id')).fill(composeResidentId('320581', '1978-03-09', 432));
    await page.getByTestId('seeker-wishes').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="家政服务"]').click();
    await expect.poll(() => page.getByTestId('seeker-wishes').textContent()).toContain('家政服务');
    await page.keyboard.press('Escape');
    await page.getByTestId('seeker-form-ok').click();
    await page.getByTestId('seeker-page').waitFor();
    expect(await page.getByTestId('seeker-title').textContent()).toBe('浏览器测试求职者');
    expect(await page.getByTestId('seeker-page').textContent()).toContain('3205**********');
    seekerUrl = page.url();

    const match = page.getByTestId('seeker-matches').locator('tbody tr', { hasText: '住家育婴员' });
    await expect.poll(() => match.textContent()).toContain('求职意向：家政服务');
    await match.getByTestId('match-recommend').click();
    await expect.poll(() => page.getByTestId('seeker-status').textContent()).toBe('已推荐');
    await expect.poll(() => page.getByTestId('seeker-recommendations').textContent()).toContain('住家育婴员');
    await page.getByTestId('recommendation-place').click();
    await page.getByTestId('place-form').waitFor();
    await page.getByTestId('place-form-ok').click();
    await page.getByTestId('place-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('seeker-status').textContent()).toBe('已就业');
    expect(await page.getByTestId('seeker-placements').textContent()).toContain(firm.name);
    expect(await page.getByTestId('seeker-history').textContent()).toContain('已推荐 → 已就业');
    await screenshot(page, 'changshu-seeker');

    const id = Number(new URL(seekerUrl).pathname.split('/').pop());
    const stored = await apiFromPage<SeekerDetail>(page, `/api/employment/seekers/${id}`);
    expect(stored.body.history.map((h) => h.toStatus)).toEqual(['registered', 'recommended', 'placed']);
    await page.goto(fairUrl);
    await expect.poll(() => page.getByTestId('fair-outcome').textContent()).toContain('达成就业1人');
    await page.close();
  });

  test('another district gets the not-found page for the fair and the seeker', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'taicang');
    await page.goto(seekerUrl);
    await page.getByTestId('seeker-not-found').waitFor();
    await page.goto(fairUrl);
    await page.getByTestId('fair-not-found').waitFor();
    await page.close();
  });
});
