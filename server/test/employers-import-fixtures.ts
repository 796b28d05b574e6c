import { expect } from 'vitest';
import ExcelJS from 'exceljs';
import { makeCreditCode, type Employer, type ImportMode, type ImportStatus } from '@gonghui/contracts';
import type { Client } from './app.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { sheetColumns } from '../src/modules/employers/import/employer.sheet.ts';

export const DONGBANG = '320581107';

export type Cells = Partial<Record<(typeof sheetColumns)[number]['key'], string>>;
let serial = 7_000_000;
/** A valid row at 董浜镇 with a fresh credit code; overrides change any column. */
export function row(over: Cells = {}): Cells {
  const n = serial++;
  return {
    creditCode: makeCreditCode('9', '1', '320581', n),
    name: `导入测试${n}有限公司（演示）`,
    unitCategory: '170',
    industryCode: '39',
    employees: '60',
    aboveScale: '否',
    localityCode: DONGBANG,
    registeredOn: '2010-03-01',
    ...over,
  };
}
type Columns = ReadonlyArray<(typeof sheetColumns)[number]>;
export const cellsOf = (r: Cells, columns: Columns = sheetColumns) => columns.map((c) => r[c.key] ?? '');
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export function csv(rows: Cells[], columns: Columns = sheetColumns): Buffer {
  const lines = [columns.map((c) => c.header), ...rows.map((r) => cellsOf(r, columns))].map((l) =>
    l.map(quote).join(','),
  );
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
export async function xlsx(rows: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow(sheetColumns.map((c) => c.header));
  for (const r of rows) ws.addRow(cellsOf(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: Client, fileName: string, body: Buffer, mode: ImportMode = 'all_or_nothing') {
  const res = await client.request({
    method: 'POST',
    url: `/api/employer-imports?fileName=${encodeURIComponent(fileName)}&mode=${mode}`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportStatus;
}
export async function reportRows(client: Client, id: number): Promise<string[][]> {
  const res = await client.get(`/api/employer-imports/${id}/report`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
export async function byCode(client: Client, code: string): Promise<Employer | undefined> {
  const list = (await client.get(`/api/employers?q=${code}`)).json() as { items: Employer[] };
  return list.items.find((e) => e.creditCode === code);
}

/** The helpers that need the test file's database, which exists only once its beforeAll has run. */
export function importHelpers(db: () => DatabaseHandle['db']) {
  async function importFile(client: Client, fileName: string, body: Buffer, mode?: ImportMode) {
    const queued = await upload(client, fileName, body, mode);
    expect(queued).toMatchObject({ status: 'queued', progress: 0, result: null, hasReport: false });
    await new JobRunner(db(), jobHandlers).drain();
    return (await client.get(`/api/employer-imports/${queued.id}`)).json() as ImportStatus;
  }
  const count = async (table: 'audit_log' | 'employer_status_change' | 'employer' | 'org_unit') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { importFile, count };
}
