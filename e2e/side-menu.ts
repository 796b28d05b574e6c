import type { Page } from 'playwright-core';

/**
 * Clicks the side menu's entry `key`, opening its submenu `group` first when that is closed (the submenu
 * of the page shown opens by itself). A domain of one page the user may open shows it without a submenu.
 * The click counts once the entry shows as the selected one: a click that a busy page re-rendered away
 * (the submenu still opening, the menu redrawn on a route change) is made again.
 */
export async function clickMenuEntry(page: Page, group: string, key: string): Promise<void> {
  const menu = page.getByTestId('side-menu');
  // A folded menu's popups stay in the page, hidden: the entry is the one in the side menu.
  const entry = menu.getByTestId(`menu-${key}`);
  const title = menu.locator('.ant-menu-submenu-title', { has: page.getByTestId(`menu-group-${group}`) });
  const selected = () => entry.evaluate((node) => node.closest('.ant-menu-item-selected') !== null);
  const deadline = Date.now() + 30_000;
  for (;;) {
    // Whether the submenu is open, not whether its entry is still seen: a closing one folds for a moment.
    if ((await title.count()) > 0 && (await title.getAttribute('aria-expanded')) !== 'true')
      await title.click();
    await entry.click();
    for (const until = Date.now() + 3_000; Date.now() < until;) {
      if (await selected()) return;
      await page.waitForTimeout(100);
    }
    if (Date.now() > deadline) throw new Error(`菜单项 ${key} 点击后未打开`);
  }
}
