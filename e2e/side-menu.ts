import type { Page } from 'playwright-core';

/**
 * Clicks the side menu's entry `key`, opening its submenu `group` first when that is closed (the submenu
 * of the page shown opens by itself). A domain of one page the user may open shows it without a submenu.
 */
export async function clickMenuEntry(page: Page, group: string, key: string): Promise<void> {
  const menu = page.getByTestId('side-menu');
  // A folded menu's popups stay in the page, hidden: the entry is the one in the side menu.
  const entry = menu.getByTestId(`menu-${key}`);
  const title = menu.locator('.ant-menu-submenu-title', { has: page.getByTestId(`menu-group-${group}`) });
  // Whether the submenu is open, not whether its entry is still seen: a closing one folds for a moment.
  if ((await title.count()) > 0 && (await title.getAttribute('aria-expanded')) !== 'true')
    await title.click();
  await entry.click();
}
