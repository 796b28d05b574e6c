import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  composeResidentId,
  type Employer,
  type Page as ListPage,
  type Seeker,
  type SeekerDetail,
} from '@gonghui/contracts';
import { clickMenuEntry } from './side-menu.ts';
import { startDemoServer } from './harness.ts';
import { apiFromPage, launchBrowser, login, newPage, screenshot, type BrowserSession } from './browser.ts';
import { apiClient, inputOf, pickFromSelect, submitDialog, today } from './helpers.ts';

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

    await clickMenuEntry(page, 'employment', 'employment-fairs');
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
    await submitDialog(page, 'fair-employer-form');
    await expect.poll(() => page.getByTestId('fair-employers').textContent()).toContain(firm.name);

    await page.getByTestId('fair-add-position').click();
    await page.getByTestId('position-form').waitFor();
    await (await inputOf(page, 'position-title')).fill('住家育婴员');
    const category = page.getByTestId('position-category');
    for (let attempt = 1; ; attempt++) {
      await category.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option:has-text("家政服务")').click();
      try {
        await expect.poll(() => category.textContent(), { timeout: 5_000 }).toContain('家政服务');
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await (await inputOf(page, 'position-openings')).fill('3');
    await (await inputOf(page, 'position-pay-min')).fill('6000');
    await (await inputOf(page, 'position-pay-max')).fill('5000');
    await page.getByTestId('position-form-ok').click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('月薪上限不能低于下限 6000.00 元');
    await (await inputOf(page, 'position-pay-max')).fill('8000');
    await submitDialog(page, 'position-form');
    await expect.poll(() => page.getByTestId('fair-positions').textContent()).toContain('6,000–8,000 元');
    await screenshot(page, 'changshu-fair');

    await page.getByTestId('fair-booth-print').click();
    await page.getByTestId('booth-sheet').waitFor();
    expect(await page.getByTestId('booth-row').first().textContent()).toContain(
      `A01${firm.name}住家育婴员 3 人`,
    );
    await screenshot(page, 'changshu-fair-booths');

    await clickMenuEntry(page, 'employment', 'employment-seekers');
    await page.getByTestId('seekers-page').waitFor();
    await page.getByTestId('seeker-create').click();
    await page.getByTestId('seeker-form').waitFor();
    await (await inputOf(page, 'seeker-name')).fill('浏览器测试求职者');
    await (await inputOf(page, 'seeker-resident-id')).fill(composeResidentId('320581', '1978-03-09', 432));
    // Typed, then picked, and picked again if a busy page re-rendered under the click.
    await pickFromSelect(
      page,
      'seeker-wishes',
      '家政',
      '.ant-select-dropdown:visible .ant-select-item-option[title="家政服务"]',
      '家政服务',
    );
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
    await submitDialog(page, 'place-form');
    await expect.poll(() => page.getByTestId('seeker-status').textContent()).toBe('已就业');
    expect(await page.getByTestId('seeker-placements').textContent()).toContain(firm.name);
    expect(await page.getByTestId('seeker-history').textContent()).toContain('已推荐 → 已就业');
    await screenshot(page, 'changshu-seeker');

    const id = Number(new URL(seekerUrl).pathname.split('/').pop());
    const stored = await apiFromPage<SeekerDetail>(page, `/api/employment/seekers/${id}`);
    expect(stored.body.history.map((h) => h.toStatus)).toEqual(['registered', 'recommended', 'placed']);
    await page.goto(fairUrl);
    await expect.poll(() => page.getByTestId('fair-outcome').textContent()).toContain('达成就业1人');
    await clickMenuEntry(page, 'employment', 'employment-figures');
    await expect.poll(() => page.getByTestId('figures-sentences').textContent()).toContain('全年推荐就业');
    await screenshot(page, 'changshu-employment-figures');
    await page.close();
  });

  test('runs a course to a certificate and verifies it on the public page without a login', async () => {
    const api = await apiClient(server.baseUrl, 'changshu');
    const seeker = (await api.get<ListPage<Seeker>>('/api/employment/seekers?pageSize=1&sort=name&order=asc'))
      .items[0];
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'changshu');
    await clickMenuEntry(page, 'employment', 'employment-courses');
    await page.getByTestId('courses-page').waitFor();
    await page.getByTestId('course-create').click();
    await page.getByTestId('course-form').waitFor();
    await (await inputOf(page, 'course-title')).fill('常熟市育婴员免费培训班（浏览器测试）');
    await typeDate(page, 'course-starts-on', today());
    // A week ahead: the server's today is China's, which may already be tomorrow here.
    await typeDate(page, 'course-ends-on', new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await (await inputOf(page, 'course-sessions')).fill('2');
    await (await inputOf(page, 'course-venue')).fill('常熟市职工学校');
    await page.getByTestId('course-form-ok').click();
    await page.getByTestId('course-page').waitFor();

    await page.getByTestId('course-enrol').click();
    await page.getByTestId('enrol-form').waitFor();
    const select = page.getByTestId('enrol-seeker');
    await select.click();
    await select.locator('input').fill(seeker.name.slice(0, 2));
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: seeker.residentIdMasked })
      .click();
    await submitDialog(page, 'enrol-form');
    await expect.poll(() => page.getByTestId('course-enrolments').textContent()).toContain(seeker.name);

    for (let session = 1; session <= 2; session++) {
      await page.getByTestId('course-attendance').click();
      await page.getByTestId('attendance-form').waitFor();
      await submitDialog(page, 'attendance-form');
    }
    await expect.poll(() => page.getByTestId('course-enrolments').textContent()).toContain('2/2');
    await page.getByTestId('enrolment-certify').click();
    await page.getByTestId('certificate-form-ok').click();
    await page.getByTestId('certificate-issued').waitFor();
    const code = (await page.getByTestId('certificate-code').textContent())!;
    expect(await page.getByTestId('certificate-url').textContent()).toBe(
      `http://localhost:3000/verify/${code}`,
    );
    await screenshot(page, 'changshu-certificate');

    await page.context().clearCookies();
    await page.goto(`${server.baseUrl}/verify/${code}`);
    const verdict = (await page.locator('#verdict').textContent()) ?? '';
    expect(verdict).toContain('此证书有效');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain(seeker.name);
    expect(body).toContain(seeker.residentIdMasked);
    expect(body).toContain('2 / 2 课次');
    await page.goto(`${server.baseUrl}/verify/ABCDEFGHJKLM`);
    expect(await page.locator('#verdict').textContent()).toContain('查无此证书');
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
