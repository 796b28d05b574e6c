import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import type { HardshipArchive, Page as ListPage } from '@gonghui/contracts';
import { archiveColumns } from '../server/src/modules/assistance/hardship/archive-import.sheet.ts';
import { userService } from '../server/src/platform/users/user.service.ts';
import { nextResidentId } from '../server/test/members-fixtures.ts';
import { clickMenuEntry } from './side-menu.ts';
import { startDemoServer } from './harness.ts';
import { launchBrowser, login, newPage, screenshot, type BrowserSession } from './browser.ts';
import { apiClient, inputOf, pickOption, submitDialog, villagesIn } from './helpers.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: BrowserSession;
let page: Page;
const VILLAGE_USER = 'dongbang-village';
const VILLAGE_PASSWORD = 'village-password-2026';

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  // A village joint union of 董浜 with an account of its own: the demo has none at that level.
  const [village] = await villagesIn(server.handle.db, '320581107', 1);
  await userService.create(server.handle.db, null, {
    username: VILLAGE_USER,
    displayName: '村联合工会干事',
    role: 'cadre',
    orgUnitId: village.id,
    password: VILLAGE_PASSWORD,
  });
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function fill(testId: string, text: string) {
  await (await inputOf(page, testId)).fill(text);
}

/** A text area carries its test id itself. */
async function write(testId: string, text: string) {
  await page.getByTestId(testId).fill(text);
}

/** 碧溪 (常熟) runs all six kinds of case through its three levels in the demo: escalated, referred, up to the city. */
async function expectBixiNetwork() {
  const { rows } = await sql<{
    type: string;
    atVillage: boolean;
    escalated: boolean;
    referred: boolean;
    toCity: boolean;
  }>`
    select c.case_type as type, iu.level = 'village' as "atVillage",
      exists (select 1 from case_event e where e.case_id = c.id and e.kind = 'escalate') as escalated,
      exists (select 1 from case_event e where e.case_id = c.id and e.kind = 'refer') as referred,
      c.handling_unit_id = s.parent_id as "toCity"
    from assistance_case c
    join org_unit_version iv on iv.org_unit_id = c.intake_unit_id and iv.valid_to is null
    join org_unit iu on iu.id = c.intake_unit_id
    join org_unit su on su.division_code = '320581005'
    join org_unit_version s on s.org_unit_id = su.id and s.valid_to is null
    where iv.path like s.path || '%'`.execute(server.handle.db);
  expect(new Set(rows.map((r) => r.type)).size).toBe(6);
  for (const type of new Set(rows.map((r) => r.type))) {
    const own = rows.filter((r) => r.type === type);
    const seen = (k: 'atVillage' | 'escalated' | 'referred' | 'toCity') => own.some((r) => r[k]);
    expect([type, seen('atVillage'), seen('escalated'), seen('referred'), seen('toCity')]).toEqual([
      type,
      true,
      true,
      true,
      true,
    ]);
  }
}

describe('a case through the three-level network', () => {
  let caseUrl = '';
  let number = '';

  test('a village joint union takes a case in and escalates it to its town', async () => {
    await login(page, server.baseUrl, VILLAGE_USER, VILLAGE_PASSWORD);
    await clickMenuEntry(page, 'assistance', 'assistance');
    await page.getByTestId('cases-page').waitFor();
    await page.getByTestId('case-create').click();
    await page.getByTestId('case-intake').waitFor();
    await pickOption(page, 'case-intake-type', '法律', '法律援助');
    await fill('case-intake-name', '浏览器测试职工');
    await fill('case-intake-resident-id', '123');
    await page.getByTestId('case-intake-ok').click();
    await expect.poll(() => page.getByTestId('case-intake').textContent()).toContain('职工身份证号');
    await fill('case-intake-resident-id', nextResidentId());
    await fill('case-intake-subject', '拖欠工资申请法律援助');
    await write('case-intake-narrative', '职工反映所在企业已拖欠三个月工资，多次讨要未果。');
    await page.getByTestId('case-intake-ok').click();
    await page.getByTestId('case-page').waitFor();
    number = (await page.getByTestId('case-number').textContent()) ?? '';
    expect(number).toMatch(/^\d{4}-.+-法援-\d{4}$/);
    caseUrl = new URL(page.url()).pathname;

    await page.getByTestId('case-escalate-open').click();
    await write('case-escalate-text', '涉及镇内多家企业，需镇工会协调');
    await page.getByTestId('case-escalate-ok').click();
    await expect.poll(() => page.getByTestId('case-handling-unit').textContent()).toContain('董浜');
    await page.getByTestId('case-read-only').waitFor();
    await expect.poll(() => page.getByTestId('case-event').count()).toBe(2);
    await screenshot(page, 'assistance-case');
  });

  test('the district gives it to a lawyer it registers, adds a file, resolves it; the village sees the outcome', async () => {
    await login(page, server.baseUrl, 'changshu');
    await clickMenuEntry(page, 'assistance', 'handlers');
    await page.getByTestId('handlers-page').waitFor();
    await page.getByTestId('handler-create-open').click();
    await fill('handler-create-name', '浏览器测试律师');
    await fill('handler-create-organisation', '常熟市法律援助中心');
    await page.getByTestId('handler-create-ok').click();
    await expect.poll(() => page.getByTestId('handlers-table').textContent()).toContain('浏览器测试律师');

    await page.goto(`${server.baseUrl}${caseUrl}`);
    await page.getByTestId('case-page').waitFor();
    await page.getByTestId('case-assign-open').click();
    await pickOption(page, 'case-assign-handler', '浏览器测试', '浏览器测试律师');
    await page.getByTestId('case-assign-ok').click();
    await expect.poll(() => page.getByTestId('case-handler').textContent()).toBe('浏览器测试律师');
    await page.getByTestId('case-attach-input').setInputFiles({
      name: '仲裁申请书.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'),
    });
    await expect.poll(() => page.getByTestId('case-attachment').first().textContent()).toBe('仲裁申请书.pdf');
    await page.getByTestId('case-to-accepted').click();
    await page.getByTestId('case-to-resolved').click();
    await write('case-outcome-text', '律师代理仲裁，企业已补发全部工资');
    await page.getByTestId('case-outcome-ok').click();
    await expect.poll(() => page.getByTestId('case-status').first().textContent()).toBe('已办结');

    await login(page, server.baseUrl, VILLAGE_USER, VILLAGE_PASSWORD);
    await page.goto(`${server.baseUrl}${caseUrl}`);
    await expect
      .poll(() => page.getByTestId('case-outcome-shown').textContent())
      .toBe('律师代理仲裁，企业已补发全部工资');
  });

  test('another district gets the not-found page on its address', async () => {
    await login(page, server.baseUrl, 'taicang');
    await page.goto(`${server.baseUrl}${caseUrl}`);
    await page.getByTestId('case-not-found').waitFor();
    expect(await page.getByTestId('case-not-found').textContent()).not.toContain(number);
  });
});

describe('a hardship archive', () => {
  test('its category, with the arithmetic behind it, changes when an income is edited; help is recorded', async () => {
    const api = await apiClient(server.baseUrl, 'changshu');
    const deep = await api.get<ListPage<HardshipArchive>>('/api/hardship/archives?category=deep&pageSize=1');
    const archive = deep.items[0];
    await login(page, server.baseUrl, 'changshu');
    await page.goto(`${server.baseUrl}/assistance/archives/${archive.id}`);
    await page.getByTestId('archive-page').waitFor();
    await expect.poll(() => page.getByTestId('archive-category').first().textContent()).toBe('深度困难');
    expect(await page.getByTestId('archive-arithmetic').textContent()).toContain('÷ 12 ÷');
    await page.getByTestId('archive-edit-income').first().click();
    await (await inputOf(page, 'archive-income-input')).fill('1000000');
    await page.getByTestId('archive-income-ok').click();
    await expect
      .poll(() => page.getByTestId('archive-category').first().textContent())
      .toBe('不符合困难条件');
    await expect.poll(() => page.getByTestId('archive-per-capita').textContent()).toContain('1,000,000.00');
    await page.getByTestId('archive-give-open').click();
    await (await inputOf(page, 'archive-give-amount')).fill('1500.50');
    await fill('archive-give-fund', '帮扶资金');
    await page.getByTestId('archive-give-ok').click();
    await expect.poll(() => page.getByTestId('archive-assistance').textContent()).toContain('1,500.50');
    const due = await page.getByTestId('archive-review-due').textContent();
    await page.getByTestId('archive-review-open').click();
    // The dialog opens with its fields filled; a click while it is still animating in can be lost on a
    // busy machine, so the click is made again while the dialog stays open and the date has not moved.
    await page.getByTestId('archive-review-expense').waitFor();
    const ok = page.getByTestId('archive-review-ok');
    await expect
      .poll(
        async () => {
          const shown = await page.getByTestId('archive-review-due').textContent();
          if (shown === due && (await ok.isVisible()))
            await ok.click({ timeout: 2000 }).catch(() => undefined);
          return shown;
        },
        { interval: 1500 },
      )
      .not.toBe(due);
    await page.getByTestId('archive-exit-open').click();
    await write('archive-status-reason', '户主再就业，家庭收入已超过标准');
    await page.getByTestId('archive-status-ok').click();
    await expect.poll(() => page.getByTestId('archive-status-tag').textContent()).toBe('已脱困');
    await screenshot(page, 'hardship-archive');

    // Households come in from .xlsx too: the good one becomes an archive, the faulty one is in the report.
    await page.goto(`${server.baseUrl}/assistance/archives`);
    await page.getByTestId('archive-import-open').click();
    await page.getByTestId('archive-import-page').waitFor();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('困难职工家庭');
    const row = (o: Record<string, string>) => archiveColumns.map((c) => o[c.key] ?? '');
    // The archive's unit by its statistical code when it has one: villages of one name are told apart by it.
    const { rows: units } = await sql<{ code: string | null }>`
      select division_code as code from org_unit where id = ${archive.orgUnitId}`.execute(server.handle.db);
    const unitText = units[0]?.code ?? archive.orgUnitName;
    const head = { unit: unitText, relation: '户主', health: '重病', reviewDueOn: '2099-01-15' };
    ws.addRow(archiveColumns.map((c) => c.header));
    ws.addRow(row({ ...head, name: '浏览器导入户主', residentId: nextResidentId(), income: '6000' }));
    ws.addRow(
      row({ relation: '子女', name: '浏览器导入子女', residentId: nextResidentId(), health: '健康' }),
    );
    ws.addRow(row({ ...head, name: '浏览器错误户主', residentId: '123', income: '0' }));
    await page
      .getByTestId('archive-import-page')
      .locator('input[type=file]')
      .setInputFiles({
        name: '困难职工家庭.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
    await page.getByText('困难职工家庭.xlsx').waitFor();
    await page.getByTestId('archive-import-start').click();
    await page
      .locator('[data-testid="archive-import-status"][data-status="done"]')
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('archive-import-created').textContent()).toBe('1');
    expect(await page.getByTestId('archive-import-invalid').textContent()).toBe('1');
    const report = page.waitForEvent('download');
    await page.getByTestId('archive-import-report').click();
    expect((await report).suggestedFilename()).toMatch(/^困难职工档案导入错误报告-\d+\.xlsx$/);
  });
});

describe('mutual insurance', () => {
  test('the city sees its figures and its plan, takes a claim, approves and pays it', async () => {
    await expectBixiNetwork();
    await login(page, server.baseUrl, 'admin');
    await clickMenuEntry(page, 'assistance', 'assistance-dashboard');
    await page.getByTestId('assistance-chart-type').locator('canvas').waitFor();
    await expect
      .poll(() => page.getByTestId('assistance-dashboard-overdue').textContent())
      .toMatch(/[1-9][\d,]*件/);
    await clickMenuEntry(page, 'assistance', 'insurance');
    await page.getByTestId('insurance-page').waitFor();
    await expect
      .poll(() => page.getByTestId('insurance-enrolled-total').textContent())
      .toMatch(/共 [1-9][\d,]* 人/);
    await page.getByTestId('claim-submit-open').first().click();
    await (await inputOf(page, 'claim-submit-amount')).fill('800');
    await write('claim-submit-reason', '住院治疗，申请互助保障');
    await submitDialog(page, 'claim-submit');
    await clickMenuEntry(page, 'assistance', 'claims');
    await page.getByTestId('insurance-claims').waitFor();
    await expect
      .poll(() => page.getByTestId('insurance-claims-total').textContent())
      .toMatch(/共 [1-9]\d* 件/);
    // The newest claim comes first: approve it for less than asked, then pay it.
    await page.getByTestId('claim-decide-open').first().click();
    await (await inputOf(page, 'claim-decide-amount')).fill('600');
    await write('claim-decide-note', '材料齐全，按规定标准赔付');
    await submitDialog(page, 'claim-decide');
    await page.getByTestId('claim-pay-open').first().click();
    await submitDialog(page, 'claim-pay');
    await expect
      .poll(() => page.getByTestId('insurance-claims-table').locator('.ant-table-row').first().textContent())
      .toContain('已赔付');
  });
});
