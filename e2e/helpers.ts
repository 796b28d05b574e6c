import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.ts';
import { DEMO_PASSWORD } from './browser.ts';

/** The first open village unions of a county of the demo city (by division code prefix), with their names. */
export function villagesIn(db: Kysely<Database>, countyCode: string, n = 2) {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
    )
    .select(['u.id', 'v.name'])
    .where('u.level', '=', 'village')
    .where('u.closed_on', 'is', null)
    .where('u.division_code', 'like', `${countyCode}%`)
    .orderBy('u.id')
    .limit(n)
    .execute();
}

/** The input behind a form control's test id (antd puts some ids on a wrapper). */
export async function inputOf(page: Page, testId: string): Promise<Locator> {
  const control = page.getByTestId(testId);
  const tag = await control.evaluate((node) => node.tagName);
  return tag === 'INPUT' ? control : control.locator('input').first();
}

/** The validation message under a form control. */
export function fieldError(page: Page, testId: string): Locator {
  return page
    .locator('.ant-form-item', { has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error');
}

/** Signs in over HTTP (no browser) and returns a client that sends the session cookie. */
export async function apiClient(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return {
    async get<T>(path: string): Promise<T> {
      const answer = await fetch(`${baseUrl}${path}`, { headers: { cookie, accept: 'application/json' } });
      if (!answer.ok) throw new Error(`GET ${path} answered ${answer.status}: ${await answer.text()}`);
      return (await answer.json()) as T;
    },
  };
}

export function tree(page: Page): Locator {
  return page.getByTestId('org-tree');
}

/** The names shown in the tree, top to bottom. */
export async function treeNames(page: Page): Promise<string[]> {
  return tree(page).locator('.org-node-name').allTextContents();
}

export async function waitForTreeNode(page: Page, name: string): Promise<void> {
  await tree(page).locator('.org-node-name', { hasText: name }).first().waitFor();
}

/** Sets the header's 截至日期 by typing it, as a user would. */
export async function setAsOf(page: Page, date: string): Promise<void> {
  const input = page.getByTestId('asof').locator('input');
  await input.click();
  await input.press('Control+A');
  await input.fill(date);
  await input.press('Enter');
  await page.waitForURL(
    (url) => url.searchParams.get('asOf') === date || (date === today() && !url.searchParams.has('asOf')),
  );
}

export function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Types into the tree's search box and picks the hit with the given id. */
export async function searchAndPick(page: Page, text: string, id: number): Promise<void> {
  const input = page.getByTestId('org-search-input');
  await input.fill(text);
  await page.locator(`.ant-select-dropdown [data-testid="org-search-option"][data-org-id="${id}"]`).click();
}

/** Picks a unit in one of the search-driven org selects of a form. */
export async function pickOrg(page: Page, testId: string, text: string, id: number): Promise<void> {
  await pickFromSelect(
    page,
    testId,
    text,
    `.ant-select-dropdown:visible [data-testid="org-search-option"][data-org-id="${id}"]`,
    text,
  );
}

/**
 * Picks an option of a searchable select by typing into it, as a user would, and waits until the select
 * shows `shown`. On a busy machine the list can re-render under the click and the pick is lost: then the
 * dropdown is closed and the pick made again (at most three times).
 */
export async function pickFromSelect(
  page: Page,
  testId: string,
  typed: string,
  option: string,
  shown: string,
): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await select.locator('input').fill(typed);
    await page.locator(option).first().click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 5_000 }).toContain(shown);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Picks a plain option (by its text) of a searchable select. */
export async function pickOption(page: Page, testId: string, typed: string, optionText: string) {
  await pickFromSelect(
    page,
    testId,
    typed,
    `.ant-select-dropdown:visible .ant-select-item-option:has-text("${optionText}")`,
    optionText,
  );
}

export async function detailName(page: Page): Promise<string> {
  return (await page.getByTestId('org-detail-name').textContent()) ?? '';
}

/**
 * Submits the dialog `testId` with its OK button and waits until it closes. A click a busy page lost (the
 * dialog still opening) is made again; one whose request is under way (the button loading) or that the
 * form refused (a field error shown) is not, so a form is never sent twice.
 */
export async function submitDialog(page: Page, testId: string): Promise<void> {
  const dialog = page.getByTestId(testId);
  const ok = page.getByTestId(`${testId}-ok`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    await ok.click();
    for (const until = Date.now() + 3_000; Date.now() < until;) {
      if ((await dialog.count()) === 0) return;
      await page.waitForTimeout(100);
    }
    const busy = (await ok.count()) > 0 && (await ok.getAttribute('class'))?.includes('ant-btn-loading');
    const refused = (await dialog.locator('.ant-form-item-explain-error').count()) > 0;
    if (refused) throw new Error(`对话框 ${testId} 未通过校验：${await dialog.innerText()}`);
    if (Date.now() > deadline) throw new Error(`对话框 ${testId} 点击确定后未关闭`);
    if (busy) await dialog.waitFor({ state: 'detached', timeout: Math.max(1, deadline - Date.now()) });
    if ((await dialog.count()) === 0) return;
  }
}
