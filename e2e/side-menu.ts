import type { Page } from 'playwright-core';

/**
 * Clicks the side menu's entry `key`, opening its submenu `group` first when that is closed
 * (the submenu of the page shown opens by itself).
 */
export async function clickMenuEntry(page: Page, group: string, key: string): Promise<void> {
  // A folded menu's popups stay in the page, hidden: the entry is the one in the side menu.
  const entry = page.getByTestId('side-menu').getByTestId(`menu-${key}`);
  if (!(await entry.isVisible())) {
    await page.getByTestId(`menu-group-${group}`).click();
    await entry.waitFor();
  }
  await entry.click();
}
