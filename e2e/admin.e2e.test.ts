import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrgSearchHit, OrgUnit } from '@gonghui/contracts';
import type { Page } from 'playwright-core';
import { startDemoServer } from './harness.ts';
import { clickMenuEntry } from './side-menu.ts';
import {
  launchBrowser,
  login,
  loginThroughForm,
  logout,
  newPage,
  screenshot,
  type BrowserSession,
} from './browser.ts';
import {
  apiClient,
  detailName,
  pickOption,
  pickOrg,
  searchAndPick,
  tree,
  treeNames,
  waitForTreeNode,
} from './helpers.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: BrowserSession;
let page: Page;

const mergedName = '董浜镇东片联合工会';

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('signing in', () => {
  test('a wrong password is refused with the server message, and the form checks as you type', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.getByTestId('demo-banner').textContent()).toContain('演示数据');

    await page.getByTestId('login-submit').click();
    await page.getByText('请输入用户名').waitFor();
    await page.getByText('请输入密码').waitFor();

    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect((await page.getByTestId('login-error').textContent())?.length).toBeGreaterThan(2);
    await screenshot(page, 'login-error');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('admin signs in and sees every menu', async () => {
    await loginThroughForm(page, server.baseUrl, 'admin');
    // The menu stands in submenus by domain, closed on the workbench.
    await page.getByTestId('menu-workbench').waitFor();
    for (const group of ['org', 'formation', 'assistance', 'employment', 'model-worker', 'system'])
      await page.getByTestId(`menu-group-${group}`).waitFor();
    // A domain of one page shows that page, not a submenu of one.
    await page.getByTestId('menu-members').waitFor();
    expect(await page.getByTestId('menu-group-member').count()).toBe(0);
    expect(await page.getByTestId('menu-audit').isVisible()).toBe(false);
    expect(await page.getByTestId('header-unit').textContent()).toContain('苏州市总工会');
    const activity = page.getByTestId('recent-activity');
    await activity.locator('.ant-list-item').first().waitFor();
    // The feed leaves out sign-ins until asked; then admin's own sign-in is there.
    expect(await activity.locator('.ant-tag', { hasText: /^登录$/ }).count()).toBe(0);
    const withLogins = page.waitForResponse((r) => r.url().includes('/api/workbench?logins=true'));
    await page.getByTestId('activity-logins').click();
    await withLogins;
    await activity
      .locator('.ant-tag', { hasText: /^登录$/ })
      .first()
      .waitFor();
    // The shortcuts are the role's daily tasks.
    await page.getByTestId('shortcut-employer').waitFor();
    await page.getByTestId('shortcut-transfers').waitFor();
    // The modules' figures, each leading to its list.
    await page.getByTestId('count-pending-transfers').waitFor();
    await page.getByTestId('count-agreements-ending').waitFor();
    await screenshot(page, 'admin-workbench');
    await page.getByTestId('count-agreements-ending').click();
    await page.waitForURL(
      (url) => url.pathname === '/agreements' && url.searchParams.get('sort') === 'endsOn',
    );
    await page.goBack();
    await page.getByTestId('workbench').waitFor();
  });
});

/**
 * The main pages with a list, and the name of each one's screenshot. At 1366 px none may hide a column
 * behind sideways scrolling: the tests check the lists of the pages marked `checked` (the rest take too long
 * for every run); with `GONGHUI_SCREENSHOTS=1` every page is opened, pictured, and a wide one named.
 */
const LIST_PAGES: ReadonlyArray<readonly [path: string, name: string, checked?: 'checked']> = [
  ['/members', 'members', 'checked'],
  ['/members/transfers', 'transfers', 'checked'],
  ['/users', 'users', 'checked'],
  ['/audit', 'audit', 'checked'],
  ['/employers', 'employers'],
  ['/formation-campaigns', 'formation-campaigns'],
  ['/agreements', 'agreements'],
  ['/assistance/cases', 'assistance-cases', 'checked'],
  ['/assistance/handlers', 'assistance-handlers'],
  ['/assistance/clock-rules', 'assistance-clock-rules'],
  ['/assistance/archives', 'assistance-archives'],
  ['/assistance/insurance', 'assistance-insurance'],
  ['/assistance/claims', 'assistance-claims'],
  ['/employment/fairs', 'employment-fairs'],
  ['/employment/seekers', 'employment-seekers', 'checked'],
  ['/employment/courses', 'employment-courses'],
  ['/employment/follow-ups', 'employment-follow-ups'],
  ['/model-workers/registry', 'model-workers-registry', 'checked'],
  ['/model-workers/rules', 'model-workers-rules'],
  ['/model-workers/rolls', 'model-workers-rolls'],
  ['/model-workers/visits', 'model-workers-visits'],
];

describe('the main pages on a 1366 × 768 screen (admin)', () => {
  test('a list shows all its columns without sideways scrolling', async () => {
    const pictured = process.env.GONGHUI_SCREENSHOTS === '1';
    const wide: string[] = [];
    for (const [path, name, checked] of LIST_PAGES) {
      if (!checked && !pictured) continue;
      await page.goto(`${server.baseUrl}${path}`);
      // A row, or the placeholder of an empty list (the body's first row only measures the columns).
      await page
        .locator('.ant-table-tbody tr.ant-table-row, .ant-table-tbody tr.ant-table-placeholder')
        .first()
        .waitFor();
      await page.waitForLoadState('networkidle');
      // How far the widest list runs past its box, in pixels.
      const over = await page
        .locator('.ant-table-content, .ant-table-body')
        .evaluateAll((tables) => Math.max(0, ...tables.map((t) => t.scrollWidth - t.clientWidth)));
      await screenshot(page, `admin-1366-${name}`);
      if (over <= 1) continue;
      if (checked) wide.push(`${path} (${over} px)`);
      else console.warn(`[1366 px] ${path}: the list scrolls sideways by ${over} px, a column is hidden`);
    }
    expect(wide).toEqual([]);
  });
});

describe('merging two units through the UI (admin)', () => {
  let town: OrgSearchHit;
  let first: OrgUnit;
  let second: OrgUnit;

  test('merge two villages of 董浜镇 into a new joint union', async () => {
    const admin = await apiClient(server.baseUrl, 'admin');
    const hits = await admin.get<OrgSearchHit[]>('/api/orgs/search?q=dbz');
    town = hits.find((hit) => hit.name.startsWith('董浜镇'))!;
    expect(town).toBeDefined();
    const villages = await admin.get<OrgUnit[]>(`/api/orgs/${town.id}/children`);
    [first, second] = villages;

    await clickMenuEntry(page, 'org', 'orgs');
    await waitForTreeNode(page, '姑苏区');
    await searchAndPick(page, first.name, first.id);
    await expect.poll(() => detailName(page)).toBe(first.name);

    await page.getByTestId('org-action-merge').click();
    const modal = page.getByTestId('org-merge-modal');
    await modal.waitFor();
    expect(await modal.getByTestId('org-merge-sources').textContent()).toContain(first.name);
    await pickOrg(page, 'org-merge-sources', second.name, second.id);
    expect(await modal.getByTestId('org-merge-sources').textContent()).toContain(second.name);
    expect(await modal.getByTestId('org-merge-parent').textContent()).toContain('董浜镇');

    await modal.getByTestId('org-merge-name').fill('东');
    await modal.getByText('名称至少 2 个字').waitFor();
    await modal.getByTestId('org-merge-name').fill(mergedName);
    await screenshot(page, 'admin-merge-modal');
    await page.getByTestId('org-merge-modal-ok').click();
    await modal.waitFor({ state: 'detached' });

    await expect.poll(() => detailName(page)).toBe(mergedName);
    const predecessors = page.getByTestId('org-history-predecessors');
    await predecessors.waitFor();
    expect(await predecessors.textContent()).toContain(first.name);
    expect(await predecessors.textContent()).toContain(second.name);
    await expect.poll(() => treeNames(page)).toContain(mergedName);
    const names = await treeNames(page);
    expect(names).not.toContain(first.name);
    expect(names).not.toContain(second.name);
    await screenshot(page, 'admin-merged-unit');
  });

  test('the merged village keeps its history, closed with the new union as successor', async () => {
    await page.getByTestId('org-history-predecessors').getByRole('button', { name: first.name }).click();
    await expect.poll(() => detailName(page)).toBe(first.name);
    expect(new URL(page.url()).searchParams.get('asOf')).not.toBeNull();
    const closed = page.getByTestId('org-history-closed');
    await closed.waitFor();
    expect(await closed.textContent()).toContain(mergedName);
    await expect.poll(() => tree(page).locator('.org-node-name', { hasText: first.name }).count()).toBe(1);
    await screenshot(page, 'admin-merged-source-history');
  });
});

describe('user administration (admin)', () => {
  test('the list shows the demo accounts and filters on the server', async () => {
    await clickMenuEntry(page, 'system', 'users');
    const table = page.getByTestId('users-table');
    await table.getByText('dongbang', { exact: true }).waitFor();
    for (const username of ['admin', 'changshu', 'dongbang', 'taicang', 'wuzhong']) {
      expect(await table.getByText(username, { exact: true }).count()).toBe(1);
    }
    await screenshot(page, 'admin-users');

    await usersFilter().fill('dong');
    await usersFilter().press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('dong');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await table.getByText('dongbang', { exact: true }).count()).toBe(1);
  });

  test('a new user is created under a unit chosen by search', async () => {
    await usersFilter().fill('');
    await usersFilter().press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.has('q')).toBe(false);
    await page.getByTestId('user-create-button').click();
    const modal = page.getByTestId('user-create-modal');
    await modal.waitFor();
    await modal.getByTestId('user-username').fill('E2E');
    await modal.getByText('用户名须以小写字母开头').waitFor();
    await modal.getByTestId('user-username').fill('e2e.cadre');
    await modal.getByTestId('user-display-name').fill('测试干部');
    await pickOrg(page, 'user-org', mergedName, Number(await mergedUnitId()));
    await modal.getByTestId('user-password').fill('short1');
    await modal.getByText('密码至少 10 位').waitFor();
    await modal.getByTestId('user-password').fill('Gonghui2026test');
    await modal.getByTestId('user-password-confirm').fill('Gonghui2026test');
    await page.getByTestId('user-create-modal-ok').click();
    await modal.waitFor({ state: 'detached' });
    const row = page.getByTestId('users-table').locator('tr', { hasText: 'e2e.cadre' });
    await row.waitFor();
    expect(await row.textContent()).toContain(mergedName);
    await screenshot(page, 'admin-user-created');
  });
});

function usersFilter() {
  return page.getByTestId('users-filter').locator('input');
}

async function mergedUnitId(): Promise<number> {
  const admin = await apiClient(server.baseUrl, 'admin');
  const hits = await admin.get<OrgSearchHit[]>(`/api/orgs/search?q=${encodeURIComponent(mergedName)}`);
  const hit = hits.find((candidate) => candidate.name === mergedName);
  if (!hit) throw new Error(`${mergedName} not found`);
  return hit.id;
}

describe('audit log (admin)', () => {
  test('the merge is in the log, with its before and after', async () => {
    // Folded, the side menu shows a group's entries in a popup.
    await page.getByRole('button', { name: '收起菜单' }).click();
    await page.locator('.ant-menu-submenu', { has: page.getByTestId('menu-group-system') }).hover();
    await page.locator('.ant-menu-submenu-popup').getByTestId('menu-audit').click();
    await page.waitForURL((url) => url.pathname === '/audit');
    await page.getByRole('button', { name: '展开菜单' }).click();
    await page.getByTestId('side-menu').getByTestId('menu-audit').waitFor();
    const table = page.getByTestId('audit-table');
    await table.getByText('组织合并').first().waitFor();

    await pickOption(page, 'audit-action', '合并', '组织合并');
    await page.getByTestId('audit-username').fill('admin');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('org.merge');
    expect(new URL(page.url()).searchParams.get('username')).toBe('admin');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    const row = table.locator('tbody tr.ant-table-row').first();
    expect(await row.textContent()).toContain(mergedName);
    expect(await row.textContent()).toContain('admin');

    await row.locator('.ant-table-row-expand-icon').click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain(mergedName);
    await screenshot(page, 'admin-audit-merge');
  });

  test('an export is in the log with its filters, rows and file, each named in Chinese', async () => {
    await page.goto(`${server.baseUrl}/employers?q=${encodeURIComponent('董浜')}`);
    await expect.poll(() => page.getByTestId('employers-total').textContent()).toMatch(/共 [1-9]/);
    // The submenu of the page opened by its address is open.
    await page.getByTestId('menu-employers').waitFor();
    expect(await page.getByTestId('menu-audit').isVisible()).toBe(false);
    const download = page.waitForEvent('download');
    await page.getByTestId('employers-export').click();
    const fileName = (await download).suggestedFilename();

    await page.goto(`${server.baseUrl}/audit?action=employer.export&username=admin`);
    const row = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    const text = (await diff.textContent()) ?? '';
    for (const label of ['筛选条件 › 关键词', '董浜', '行数', '文件名', fileName])
      expect(text).toContain(label);
    for (const raw of ['filters', 'rows', 'fileName']) expect(text).not.toContain(raw);
    await screenshot(page, 'admin-audit-export');

    // The log itself exports with its filters, and that export is in the log. Above the inline limit (none
    // here, the tests' setting) a background job writes the file with its progress, as for every list.
    process.env.GONGHUI_EXPORT_INLINE_ROWS = '0';
    try {
      const logFile = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByTestId('audit-export').click();
      await page.getByTestId('export-modal').waitFor();
      expect((await logFile).suggestedFilename()).toMatch(/^审计日志-.*\.xlsx$/);
      await expect.poll(() => page.locator('.ant-message').textContent()).toMatch(/已导出 [\d,]+ 条记录/);
    } finally {
      delete process.env.GONGHUI_EXPORT_INLINE_ROWS;
    }
    await page.goto(`${server.baseUrl}/audit`);
    await pickOption(page, 'audit-action', '审计', '导出审计日志');
    await page.getByTestId('audit-search').click();
    const logged = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => logged.textContent()).toContain('导出审计日志');
  });

  test('signing out returns to the login page', async () => {
    await logout(page);
    await page.goto(`${server.baseUrl}/audit`);
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/audit');
  });
});

describe('a read-only account (the cadre created above)', () => {
  test('sees only what it may use: no user admin, no audit log, no buttons that change the tree', async () => {
    await login(page, server.baseUrl, 'e2e.cadre', 'Gonghui2026test');
    expect(await page.getByTestId('header-unit').textContent()).toContain(mergedName);
    await page.getByTestId('menu-group-org').waitFor();
    expect(await page.getByTestId('menu-group-system').count()).toBe(0);
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    expect(await page.getByTestId('menu-audit').count()).toBe(0);

    await clickMenuEntry(page, 'org', 'orgs');
    await waitForTreeNode(page, mergedName);
    await expect.poll(() => detailName(page)).toBe(mergedName);
    expect(await page.getByTestId('org-actions').count()).toBe(0);

    await page.goto(`${server.baseUrl}/users`);
    await page.getByText('无权访问').waitFor();
    expect(await page.getByTestId('users-table').count()).toBe(0);
    await screenshot(page, 'cadre-no-user-admin');
  });

  test('changes its own password in the personal centre and sees where it signed in', async () => {
    await page.getByTestId('header-user').click();
    await page.getByTestId('account-link').click();
    await page.getByTestId('account-page').waitFor();
    expect(await page.title()).toBe('个人中心 - 工会工作平台');
    const logins = page.getByTestId('account-logins');
    await expect.poll(() => logins.textContent()).toContain('登录成功');
    expect(await logins.textContent()).toMatch(/Chrome/);

    await page.getByTestId('account-old-password').fill('wrong-password-1');
    await page.getByTestId('account-new-password').fill('Gonghui2026new');
    await page.getByTestId('account-confirm-password').fill('Gonghui2026new');
    await page.getByTestId('account-save-password').click();
    await page.getByText('原密码不正确').waitFor();

    await page.getByTestId('account-old-password').fill('Gonghui2026test');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/password'));
    await page.getByTestId('account-save-password').click();
    expect((await saved).status()).toBe(200);
    await page.getByText(/密码已修改/).waitFor();
    await screenshot(page, 'cadre-account');
    await logout(page);
    await login(page, server.baseUrl, 'e2e.cadre', 'Gonghui2026new');
    await page.getByTestId('header-user').waitFor();
  });
});
