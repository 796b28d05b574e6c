import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrgSearchHit, OrgUnit } from '@gonghui/contracts';
import { startDemoServer } from './harness.ts';
import { clickMenuEntry } from './side-menu.ts';
import { apiFromPage, launchBrowser, login, newPage, screenshot, type BrowserSession } from './browser.ts';
import {
  apiClient,
  detailName,
  searchAndPick,
  setAsOf,
  tree,
  treeNames,
  waitForTreeNode,
} from './helpers.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: BrowserSession;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a town union (dongbang) sees its own subtree and nothing else', () => {
  test('the tree shows 董浜镇 and its villages', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'dongbang');
    await expect.poll(() => page.getByTestId('header-unit').textContent()).toContain('董浜镇');
    await screenshot(page, 'dongbang-workbench');

    await clickMenuEntry(page, 'org', 'orgs');
    await waitForTreeNode(page, '董浜镇');

    const roots = await apiFromPage<OrgUnit[]>(page, '/api/orgs/roots');
    expect(roots.status).toBe(200);
    expect(roots.body).toHaveLength(1);
    const town = roots.body[0];
    expect(town.name).toContain('董浜镇');
    const villages = await apiFromPage<OrgUnit[]>(page, `/api/orgs/${town.id}/children`);
    expect(villages.body.length).toBeGreaterThan(5);

    await expect.poll(() => treeNames(page)).toEqual([town.name, ...villages.body.map((v) => v.name)]);
    await expect.poll(() => detailName(page)).toBe(town.name);
    await page.getByTestId('org-history').getByTestId('org-history-version').first().waitFor();
    await screenshot(page, 'dongbang-orgs');

    const village = villages.body[villages.body.length - 1];
    await tree(page).locator('.org-node-name', { hasText: village.name }).click();
    await expect.poll(() => detailName(page)).toBe(village.name);
    expect(new URL(page.url()).searchParams.get('unit')).toBe(String(village.id));
    await page.close();
  });

  test('searching by name finds a village and opens the tree at it', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'dongbang');
    await page.goto(`${server.baseUrl}/orgs`);
    await waitForTreeNode(page, '董浜镇');
    const town = (await apiFromPage<OrgUnit[]>(page, '/api/orgs/roots')).body[0];
    const villages = (await apiFromPage<OrgUnit[]>(page, `/api/orgs/${town.id}/children`)).body;
    const village = villages[Math.floor(villages.length / 2)];

    await tree(page).locator('.ant-tree-switcher').first().click();
    await expect.poll(async () => (await treeNames(page)).length).toBe(1);

    const hits = (
      await apiFromPage<OrgSearchHit[]>(page, `/api/orgs/search?q=${encodeURIComponent(village.name)}`)
    ).body;
    expect(hits.map((hit) => hit.id)).toContain(village.id);
    await searchAndPick(page, village.name, village.id);
    await expect.poll(() => detailName(page)).toBe(village.name);
    await expect.poll(() => treeNames(page)).toContain(village.name);
    await expect
      .poll(() => tree(page).locator('.ant-tree-treenode-selected .org-node-name').textContent())
      .toBe(village.name);
    await screenshot(page, 'dongbang-search-hit');
    await page.close();
  });

  test('太仓 is out of scope: the search finds nothing and its unit answers not found', async () => {
    const admin = await apiClient(server.baseUrl, 'admin');
    const taicang = (
      await admin.get<OrgSearchHit[]>(`/api/orgs/search?q=${encodeURIComponent('太仓')}`)
    ).find((hit) => hit.name.startsWith('太仓市'));
    expect(taicang).toBeDefined();
    const taicangId = taicang!.id;

    const page = await newPage(browser);
    await login(page, server.baseUrl, 'dongbang');
    await page.goto(`${server.baseUrl}/orgs`);
    await waitForTreeNode(page, '董浜镇');

    await page.getByTestId('org-search-input').fill('太仓');
    await page.getByTestId('org-search-empty').waitFor();
    expect(await page.locator('.ant-select-dropdown [data-testid="org-search-option"]').count()).toBe(0);
    await screenshot(page, 'dongbang-search-taicang');

    const direct = await apiFromPage<{ error: { code: string; message: string } }>(
      page,
      `/api/orgs/${taicangId}`,
    );
    expect(direct.status).toBe(404);
    expect(direct.body.error.code).toBe('NOT_FOUND');
    const history = await apiFromPage<{ error: { code: string } }>(page, `/api/orgs/${taicangId}/history`);
    expect(history.status).toBe(404);

    // A unit outside the area gets the one not-found result of every page, naming nothing, with a way back.
    await page.goto(`${server.baseUrl}/orgs?unit=${taicangId}`);
    const notFound = page.getByTestId('org-not-found');
    await notFound.waitFor();
    expect(await notFound.locator('.ant-result-title').textContent()).toBe('未找到该组织');
    expect(await page.locator('main, .ant-layout-content').first().textContent()).not.toContain('太仓');
    await screenshot(page, 'dongbang-taicang-not-found');
    await page.getByTestId('org-back').click();
    await waitForTreeNode(page, '董浜镇');
    // So does an id that no unit has.
    await page.goto(`${server.baseUrl}/orgs?unit=2147483000`);
    await page.getByTestId('org-not-found').waitFor();
    await page.close();
  });
});

describe('the city tree (admin)', () => {
  test('pinyin initials "dbz" find 董浜镇, and choosing it opens the tree down to it', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/orgs`);
    await waitForTreeNode(page, '姑苏区');
    expect(await treeNames(page)).not.toContain('董浜镇工会');

    await page.getByTestId('org-search-input').fill('dbz');
    const option = page
      .locator('.ant-select-dropdown [data-testid="org-search-option"]', { hasText: '董浜镇' })
      .first();
    await option.waitFor();
    expect(await option.textContent()).toContain('常熟市');
    await screenshot(page, 'admin-search-dbz');
    await option.click();

    await expect.poll(() => detailName(page)).toContain('董浜镇');
    await expect
      .poll(() => tree(page).locator('.ant-tree-treenode-selected .org-node-name').textContent())
      .toContain('董浜镇');
    const names = await treeNames(page);
    expect(names.indexOf('常熟市总工会')).toBeGreaterThan(-1);
    expect(names.indexOf('常熟市总工会')).toBeLessThan(names.findIndex((name) => name.startsWith('董浜镇')));
    await screenshot(page, 'admin-dbz-opened');
    await page.close();
  });

  test('2011-09-30 shows 平江区, 沧浪区, 金阊区 and 吴江市; today shows 姑苏区 and 吴江区', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin');
    await clickMenuEntry(page, 'org', 'orgs');
    await waitForTreeNode(page, '姑苏区');
    const current = await treeNames(page);
    expect(current.some((name) => name.startsWith('姑苏区'))).toBe(true);
    expect(current.some((name) => name.startsWith('吴江区'))).toBe(true);
    expect(current.some((name) => name.startsWith('金阊区'))).toBe(false);

    await setAsOf(page, '2011-09-30');
    await page.getByTestId('asof-notice').waitFor();
    await waitForTreeNode(page, '金阊区');
    const then = await treeNames(page);
    for (const old of ['平江区', '沧浪区', '金阊区', '吴江市']) {
      expect(then.some((name) => name.startsWith(old))).toBe(true);
    }
    expect(then.some((name) => name.startsWith('姑苏区'))).toBe(false);
    expect(then.some((name) => name.startsWith('吴江区'))).toBe(false);
    await screenshot(page, 'admin-orgs-2011-09-30');

    await tree(page).locator('.org-node-name', { hasText: '金阊区' }).click();
    await expect.poll(() => detailName(page)).toContain('金阊区');
    const closed = page.getByTestId('org-history').getByTestId('org-history-closed');
    await closed.waitFor();
    expect(await closed.textContent()).toContain('姑苏区');
    await screenshot(page, 'admin-jinchang-history');

    await page.getByTestId('org-history-successor').click();
    await expect.poll(() => detailName(page)).toContain('姑苏区');
    await page.getByTestId('org-history-predecessors').waitFor();
    expect(await page.getByTestId('org-history-predecessors').textContent()).toContain('金阊区');
    await screenshot(page, 'admin-gusu-history');

    await page.getByTestId('asof-today').click();
    await expect.poll(() => new URL(page.url()).searchParams.has('asOf')).toBe(false);
    await waitForTreeNode(page, '姑苏区');
    expect((await treeNames(page)).some((name) => name.startsWith('金阊区'))).toBe(false);
    await page.close();
  });
});
