import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { composeResidentId } from '@gonghui/contracts';
import type { DatabaseHandle } from '../server/src/db/database.ts';
import { personalData } from '../server/src/platform/personal-data/personal-data.ts';
import { startDemoServer } from './harness.ts';
import { launchBrowser, login, newPage, screenshot, type BrowserSession } from './browser.ts';
import { pickFromSelect, pickOrg, villagesIn } from './helpers.ts';

let handle: DatabaseHandle;
let baseUrl: string;
let close: () => Promise<void>;
let browser: BrowserSession;
let page: Page;
let villages: Array<{ id: number; name: string }>;

beforeAll(async () => {
  const server = await startDemoServer();
  ({ handle, baseUrl, close } = server);
  villages = await villagesIn(handle.db, '320581');
  browser = await launchBrowser();
  page = await newPage(browser);
  await login(page, baseUrl, 'changshu');
});

afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe('member registry in the browser', () => {
  test('search by pinyin initials shows masked IDs, and 查看 with a reason reveals one', async () => {
    await page.goto(`${baseUrl}/members`);
    await page.getByTestId('members-search').locator('input').fill('zw');
    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/members?') && r.url().includes('q=zw'),
    );
    await page.keyboard.press('Enter');
    await searched;
    await page.waitForTimeout(300);
    const first = page.getByTestId('reveal-value-residentId').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    await page.getByTestId('reveal-residentId').first().click();
    await page.getByTestId('reveal-reason').fill('核对会员身份');
    await page.getByTestId('reveal-ok').click();
    await page.waitForFunction(() =>
      /^\d{17}[\dX]$/.test(
        document.querySelector('[data-testid="reveal-value-residentId"]')?.textContent ?? '',
      ),
    );
    await screenshot(page, 'members-revealed');
  });

  test('the roster narrows by gender, age band and join dates, kept in the address, as the server counts them', async () => {
    await page.goto(`${baseUrl}/members`);
    await page.getByTestId('members-table').waitFor();
    for (const [testId, option] of [
      ['members-gender', '女'],
      ['members-age', '36–45 岁'],
    ] as const) {
      await page.getByTestId(testId).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
    }
    // Enter in the date field may already run the query, so the answer is awaited from before it.
    const listed = page.waitForResponse(
      (r) => r.url().includes('/api/members?') && r.url().includes('ageBand=from36to45'),
    );
    await page.getByTestId('members-joined-from').click();
    await page.keyboard.type('2000-01-01');
    await page.keyboard.press('Enter');
    await page.getByTestId('members-query').click();
    const body = (await (await listed).json()) as { total: number; items: Array<{ gender: string }> };
    const params = new URL(page.url()).searchParams;
    expect([params.get('gender'), params.get('ageBand'), params.get('joinedFrom')]).toEqual([
      'female',
      'from36to45',
      '2000-01-01',
    ]);
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((m) => m.gender === 'female')).toBe(true);
    await expect
      .poll(() => page.getByTestId('members-total').textContent())
      .toContain(`共 ${body.total.toLocaleString('en')}`);
    const genders = await page
      .getByTestId('members-table')
      .locator('tbody tr.ant-table-row td:nth-child(4)')
      .allTextContents();
    expect(new Set(genders)).toEqual(new Set(['女']));
    await screenshot(page, 'members-filters');
  });

  test('enrol form derives gender and birth date as the ID is typed, marks what is required, and records the employer', async () => {
    // The workbench's shortcut opens the form itself.
    await page.getByTestId('menu-workbench').click();
    await page.getByTestId('shortcut-member').click();
    await page.getByTestId('enrol-id').waitFor();
    expect(new URL(page.url()).pathname).toBe('/members');
    expect(new URL(page.url()).searchParams.has('enrol')).toBe(false);
    await page.getByTestId('enrol-id').fill('11010519491231002X');
    await page.getByTestId('enrol-derived').waitFor();
    expect(await page.getByTestId('enrol-derived').textContent()).toContain('1949-12-31');
    const required = await page.locator('.ant-modal .ant-form-item-required').allTextContents();
    expect(required).toEqual(expect.arrayContaining(['姓名', '身份证号码', '所属工会', '入会日期']));

    const firm = await handle.db
      .selectFrom('employer')
      .select(['id', 'name'])
      .where('org_unit_id', '=', villages[0].id)
      .where('closed_on', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await page.getByTestId('enrol-name').fill('沈秋月（演示）');
    await page.getByTestId('enrol-id').fill(composeResidentId('320581', '1990-10-01', 862));
    await pickOrg(page, 'enrol-union', villages[0].name, villages[0].id);
    await pickFromSelect(
      page,
      'enrol-employer',
      firm.name,
      `.ant-select-dropdown:visible [data-testid="employer-option"][data-employer-id="${firm.id}"]`,
      firm.name,
    );
    await page.getByTestId('enrol-ok').click();
    await page.waitForURL(/\/members\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const stored = await handle.db
      .selectFrom('member')
      .select(['employer_id', 'org_unit_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ employer_id: firm.id, org_unit_id: villages[0].id });
    // The member page names the member masked in its breadcrumb and links to the union and the employer.
    await expect
      .poll(() => page.getByTestId('breadcrumb-page').textContent())
      .toMatch(/^沈\*月（演示）（HY\d+）$/);
    expect(await page.title()).toMatch(/^沈\*月（演示）（HY\d+） - 工会工作平台$/);
    expect(await page.getByTestId('member-union-link').getAttribute('href')).toMatch(
      new RegExp(`/orgs\\?unit=${villages[0].id}$`),
    );
    await page.getByTestId('member-employer-link').click();
    await page.waitForURL(new RegExp(`/employers/${firm.id}$`));
  });

  test('a transfer is started on the member page and accepted in the inbox; the history shows both unions', async () => {
    await page.goto(`${baseUrl}/members?q=${encodeURIComponent('zw')}`);
    await page.locator('[data-testid="members-table"] a').first().click();
    await page.getByTestId('member-transfer').click();
    const [from] = await handle.db
      .selectFrom('member')
      .select(['id', 'org_unit_id'])
      .where('id', '=', Number(new URL(page.url()).pathname.split('/').pop()))
      .execute();
    const target = villages.find((v) => v.id !== from.org_unit_id)!;
    await pickOrg(page, 'transfer-to', target.name.replace(/联合工会$/, ''), target.id);
    await page.getByTestId('transfer-reason').fill('到本村企业工作');
    await page.getByTestId('transfer-ok').click();
    await page.getByText('已发起接转').waitFor();
    const memberUrl = page.url();
    // The person who asked for a transfer never decides it: the city federation's account accepts.
    const other = await newPage(browser);
    await login(other, baseUrl, 'admin');
    // The workbench's figure opens the list of those waiting for this side.
    await other.getByTestId('count-pending-transfers').click();
    await other.waitForURL(
      (url) =>
        url.pathname === '/members/transfers' &&
        url.searchParams.get('box') === 'inbox' &&
        url.searchParams.get('status') === 'pending',
    );
    await other.getByTestId('transfers-inbox').waitFor();
    await other.getByTestId('transfer-accept').first().click();
    await other.getByText(/已接收 1 名会员/).waitFor();
    await other.close();
    await page.goto(memberUrl);
    await page.getByTestId('member-history').waitFor();
    const history = await page.getByTestId('member-history').textContent();
    expect(history).toContain(target.name);
    expect(history).toContain('会员关系接转');
    await screenshot(page, 'member-after-transfer');

    // The letter the worker takes along: both unions, the masked ID, the date and its number, on one A4 page.
    await page.goto(`${baseUrl}/members/transfers?box=outbox&status=accepted`);
    await page.getByTestId('transfer-letter-link').first().click();
    const letter = page.getByTestId('transfer-letter');
    await letter.waitFor();
    const text = (await letter.textContent()) ?? '';
    expect(text).toContain(target.name);
    expect(text).toMatch(/公民身份号码 \d{4}\*+\d{3}[\dX]/);
    expect(text).toMatch(/工会转字〔\d{4}〕第 \d{6} 号/);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.title()).toMatch(/^介绍信 工会转字/);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await screenshot(page, 'transfer-letter');
  });

  test('a roster import shows its progress and result, and a bad file gives an error report', async () => {
    const ids = [1, 2, 3].map((n) => composeResidentId('110105', `1985-0${n}-1${n}`, 700 + n));
    const csv = [
      '姓名,身份证号码,手机号码,入会日期',
      ...ids.map((id, i) => `导入${'甲乙丙'[i]}（演示）,${id},,2011-03-01`),
    ].join('\n');
    await page.goto(`${baseUrl}/members/import`);
    await pickOrg(page, 'import-union', villages[0].name.replace(/联合工会$/, ''), villages[0].id);
    await page.locator('input[type=file]').setInputFiles({
      name: '名册.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('新增 3 人');
    await screenshot(page, 'member-import-done');

    await page.locator('input[type=file]').setInputFiles({
      name: '有错.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\n重复（演示）,${ids[0]},,2011-03-01\n`),
    });
    await page.getByTestId('import-rejected').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-report').waitFor();
    await screenshot(page, 'member-import-rejected');
  });

  test("a roster result lists other unions' members and changed names apart: names are confirmed, transfers asked in one action", async () => {
    const other = await handle.db
      .selectFrom('member as m')
      .innerJoin('org_unit as u', 'u.id', 'm.org_unit_id')
      .select(['m.id', 'm.resident_id_cipher'])
      .where('u.division_code', 'like', '320581%')
      .where('m.org_unit_id', '!=', villages[0].id)
      .where('m.status', '=', 'active')
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const before = await handle.db
      .selectFrom('member')
      .selectAll()
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    const renamedId = composeResidentId('110105', '1985-01-11', 701);
    const csv = [
      '姓名,身份证号码',
      `改名甲（演示）,${renamedId}`,
      `他会（演示）,${personalData().decrypt(other.resident_id_cipher)}`,
    ].join('\n');
    await page.goto(`${baseUrl}/members/import`);
    await pickOrg(page, 'import-union', villages[0].name.replace(/联合工会$/, ''), villages[0].id);
    await page.locator('input[type=file]').setInputFiles({
      name: '核对.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    const summary = await page.getByTestId('import-done').textContent();
    expect(summary).toContain('1 行为其他工会的会员');
    expect(summary).toContain('1 行姓名变更待确认');
    const names = page.getByTestId('import-name-changes');
    await names.getByText('改名甲（演示）').waitFor();
    expect(await names.textContent()).toContain('导入甲（演示）');
    const elsewhere = page.getByTestId('import-held-elsewhere');
    expect(await elsewhere.textContent()).toMatch(/已是「.+」的会员.*HY\d{8}/);
    expect(
      await handle.db.selectFrom('member').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow(),
    ).toEqual(before);
    await screenshot(page, 'member-import-held');

    await names.locator('.ant-table-tbody .ant-checkbox-input').first().check();
    await page.getByTestId('import-confirm-names').click();
    await page.getByText('已按名册修改 1 人').waitFor();
    await page.getByTestId('import-start-transfers').click();
    await page.getByTestId('import-transfers-reason').fill('已在本村企业就业');
    await page.getByTestId('import-transfers-ok').click();
    await page.getByText('已发起 1 条接转申请').waitFor();
    await elsewhere.getByText('待接收').waitFor();
    const renamed = await handle.db
      .selectFrom('member')
      .select('name')
      .where('org_unit_id', '=', villages[0].id)
      .where('name', '=', '改名甲（演示）')
      .execute();
    expect(renamed).toHaveLength(1);

    await page.getByTestId('import-undo').click();
    await page.getByTestId('import-undo-ok').click();
    await page.getByTestId('import-undone').waitFor();
    const restored = await handle.db
      .selectFrom('member')
      .select('name')
      .where('org_unit_id', '=', villages[0].id)
      .where('name', '=', '导入甲（演示）')
      .execute();
    expect(restored).toHaveLength(1);
  });
});
