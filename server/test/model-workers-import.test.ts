import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Employer, ModelWorker, ModelWorkerImportResult, Page } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, TEST_PASSWORD } from './factories.ts';
import { buildModelWorker } from './factories/model-workers.ts';
import { nextResidentId } from './members-fixtures.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;
let employerA: Employer;
let employerB: Employer;

const HEADER = [
  '姓名',
  '身份证号码',
  '荣誉级别',
  '荣誉称号',
  '授予年份',
  '工作单位统一社会信用代码',
  '在职状态',
  '生活困难',
  '困难情况说明',
];

/** A resident ID whose last character is not its check digit. */
const badCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('劳动模范名册');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function rowsOf(content: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}
const upload = (c: Client, content: Buffer, mode = 'all_or_nothing', fileName = '劳模名册.xlsx') =>
  c.request({
    method: 'POST',
    url: `/api/model-worker-imports?fileName=${encodeURIComponent(fileName)}&mode=${mode}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: content,
  });
const row = (name: string, id: string, over: Partial<Record<string, string>> = {}) => {
  const r = {
    name,
    id,
    level: '省部级',
    title: '江苏省劳动模范',
    year: '2016',
    code: employerA.creditCode,
    status: '退休',
    hardship: '否',
    evidence: '',
    ...over,
  };
  return [r.name, r.id, r.level, r.title, r.year, r.code, r.status, r.hardship, r.evidence];
};
async function auditCount(action: string) {
  const r = await t.handle.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  employerA = await buildEmployer(t.handle.db, { orgUnitId: world.a1.id });
  employerB = await buildEmployer(t.handle.db, { orgUnitId: world.b1.id, name: '乙区保密机械有限公司' });
});
afterAll(() => t.close());

describe('model-worker import', () => {
  it('downloads a template with the header and an example row the import skips', async () => {
    const res = await districtA.get('/api/model-worker-imports/template');
    expect(res.statusCode).toBe(200);
    const rows = await rowsOf(res.rawPayload);
    expect(rows[0]).toEqual(HEADER);
    expect(rows[1][0]).toMatch(/^【示例】/);
    const again = await upload(districtA, res.rawPayload);
    expect(again.json()).toMatchObject({ applied: false, message: '文件中没有数据行' });
  });

  it('checks every row, applies nothing when one is wrong, and reports row and column in Chinese', async () => {
    const content = await sheet([
      row('导入劳模甲', nextResidentId()),
      row('导入劳模乙', badCheckDigit(nextResidentId())),
      row('导入劳模丙', nextResidentId(), { level: '区级', year: '2999', hardship: '是' }),
      row('导入劳模丁', nextResidentId(), { code: employerB.creditCode }),
      row('导入\t劳模辛', nextResidentId()),
      row('导入劳模壬', nextResidentId(), { title: '劳'.repeat(600) }),
    ]);
    const res = await upload(districtA, content);
    expect(res.statusCode).toBe(200);
    const result = res.json() as ModelWorkerImportResult;
    expect(result).toMatchObject({ rows: 6, created: 0, invalid: 5, applied: false, hasReport: true });
    const list = (await districtA.get('/api/model-workers?q=导入劳模')).json() as Page<ModelWorker>;
    expect(list.total).toBe(0);
    const report = await rowsOf(
      (await districtA.get(`/api/model-worker-imports/${result.id}/report`)).rawPayload,
    );
    expect(report[0].slice(-2)).toEqual(['原行号', '错误说明']);
    const messages = report.slice(1).map((r) => r[r.length - 1]);
    expect(messages[0]).toMatch(/^第 3 行「身份证号码」：/);
    expect(messages[1]).toContain('第 4 行「荣誉级别」：应为 市级、省部级、全国 之一');
    expect(messages[1]).toContain('「授予年份」：授予年份不能晚于');
    expect(messages[1]).toContain('「困难情况说明」：标记生活困难时请填写困难情况说明');
    // An employer of another district is refused without naming it.
    expect(messages[2]).toContain(
      '第 5 行「工作单位统一社会信用代码」：单位名录中没有此统一社会信用代码的单位',
    );
    expect(messages[2]).not.toContain('乙区');
    expect(messages[3]).toContain('第 6 行「姓名」：含有不可见的控制字符');
    expect(messages[4]).toContain('第 7 行「荣誉称号」：内容过长，最多 500 个字');
  });

  it('imports only the valid rows when asked, audits each, and the same file again changes nothing', async () => {
    const idA = nextResidentId();
    const idB = nextResidentId();
    const rows = [
      row('导入劳模戊', idA, { hardship: '是', evidence: '患重病，家庭收入低' }),
      row('导入劳模己', idB, { level: '全国', title: '全国劳动模范', status: '在职' }),
      row('导入劳模庚', 'bad'),
      row('导入劳模戊', idA),
    ];
    const content = await sheet(rows);
    const before = await auditCount('model_worker.create');
    const res = await upload(districtA, content, 'valid_only');
    expect(res.json()).toMatchObject({ rows: 4, created: 2, updated: 0, invalid: 2, applied: true });
    expect(await auditCount('model_worker.create')).toBe(before + 2);
    expect(await auditCount('model_worker.import')).toBe(1);
    const list = (await districtA.get('/api/model-workers?q=导入劳模')).json() as Page<ModelWorker>;
    expect(list.items.map((w) => [w.name, w.employerId, w.orgUnitId, w.hardship])).toEqual([
      ['导入劳模己', employerA.id, world.a1.id, false],
      ['导入劳模戊', employerA.id, world.a1.id, true],
    ]);
    const report = await rowsOf(
      (await districtA.get(`/api/model-worker-imports/${(res.json() as ModelWorkerImportResult).id}/report`))
        .rawPayload,
    );
    expect(report[2][report[2].length - 1]).toBe('第 5 行「身份证号码」：与第 2 行的身份证号码重复');

    const again = await upload(districtA, await sheet(rows.slice(0, 2)));
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2, invalid: 0, applied: true });
    expect(await auditCount('model_worker.create')).toBe(before + 2);
    expect(await auditCount('model_worker.import')).toBe(1);
  });

  it('updates a registered worker found by ID hash, audited before and after; refuses one held elsewhere', async () => {
    const id = nextResidentId();
    const w = await buildModelWorker(t.handle.db, {
      orgUnitId: world.a2.id,
      name: '已登记劳模',
      residentId: id,
    });
    const outside = nextResidentId();
    await buildModelWorker(t.handle.db, {
      orgUnitId: world.b1.id,
      name: '乙区登记劳模',
      residentId: outside,
    });
    const res = await upload(
      districtA,
      await sheet([
        row('已登记劳模', id, { status: '已故', level: '市级', title: '苏州市劳动模范', year: '2015' }),
        row('乙区登记劳模', outside),
      ]),
      'valid_only',
    );
    expect(res.json()).toMatchObject({ created: 0, updated: 1, invalid: 1, applied: true });
    const got = (await districtA.get(`/api/model-workers/${w.id}`)).json() as ModelWorker;
    expect(got).toMatchObject({ status: 'deceased', employerId: employerA.id, orgUnitId: world.a2.id });
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after', 'parent_id'])
      .where('action', '=', 'model_worker.update')
      .where('entity_id', '=', String(w.id))
      .executeTakeFirstOrThrow();
    expect(entry.parent_id).not.toBeNull();
    expect(entry.before).toMatchObject({ status: 'retired' });
    expect(entry.after).toMatchObject({ status: 'deceased' });
    const report = await rowsOf(
      (await districtA.get(`/api/model-worker-imports/${(res.json() as ModelWorkerImportResult).id}/report`))
        .rawPayload,
    );
    const message = report[1][report[1].length - 1];
    expect(message).toBe(
      '第 3 行「身份证号码」：该身份证号码已在其他单位登记为劳动模范，请联系共同的上级工会',
    );
  });

  it('refuses a file that is not the template, other formats and other districts', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名字', '号码']);
    const wrong = await upload(districtA, Buffer.from(await wb.xlsx.writeBuffer()));
    const result = wrong.json() as ModelWorkerImportResult;
    expect(result).toMatchObject({ applied: false, hasReport: true });
    expect(result.message).toContain('第 1 行应为导入模板的表头');
    const xls = await upload(districtA, Buffer.from('x'), 'all_or_nothing', '名册.xls');
    expect(xls.statusCode).toBe(400);
    expect(xls.body).toContain('只能导入 .xlsx 文件');
    const garbage = await upload(districtA, Buffer.from('not a workbook'));
    expect((garbage.json() as ModelWorkerImportResult).message).toContain('无法读取 .xlsx 文件');
    const other = await districtB.get(`/api/model-worker-imports/${result.id}/report`);
    expect(other.statusCode).toBe(404);
    expect((await districtB.get('/api/model-worker-imports/999999/report')).body).toBe(other.body);
    const viewer = await upload(districtB, await sheet([row('乙区导入', nextResidentId())]));
    expect(viewer.json()).toMatchObject({ created: 0, invalid: 1, applied: false });
  });
});
