import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { firstSheetRows } from '../../../platform/spreadsheet/workbook-reader.ts';
import { ImportFileError } from '../../../platform/imports/import.upload.ts';

/** The roster template's columns; an export has the same ones, so an edited export imports back. */
export const rosterColumns = [
  {
    key: 'registryNo',
    header: '会员编号',
    width: 14,
    note: '新会员留空；导出的文件中已填写，导入时据此找到会员',
  },
  {
    key: 'name',
    header: '姓名',
    width: 14,
    note: '必填；已登记的身份证号码在名册中姓名不同的，列为「姓名变更」，由上传人确认后才修改',
  },
  { key: 'residentId', header: '身份证号码', width: 22, note: '必填，18 位；请把该列设为文本格式' },
  { key: 'phone', header: '手机号码', width: 16, note: '选填' },
  { key: 'ethnicity', header: '民族', width: 8, note: '选填，如 汉族' },
  {
    key: 'education',
    header: '文化程度',
    width: 12,
    note: '选填：小学及以下、初中、高中、中专、大专、本科、硕士研究生、博士研究生',
  },
  { key: 'householdType', header: '户籍类型', width: 10, note: '选填：城镇户籍 或 农村户籍' },
  {
    key: 'migrantWorker',
    header: '农民工',
    width: 8,
    note: '是 或 否（新会员留空为否；已有会员留空则不改）',
  },
  {
    key: 'newEmploymentForm',
    header: '新就业形态',
    width: 10,
    note: '是 或 否（新会员留空为否；已有会员留空则不改）',
  },
  { key: 'employerCreditCode', header: '工作单位统一社会信用代码', width: 24, note: '选填；单位须已登记' },
  {
    key: 'orgUnitId',
    header: '所属工会编号',
    width: 12,
    note: '选填；留空则为导入时选择的工会。一行只修改该工会的会员，其他工会的会员不导入，请办理会员关系接转',
  },
  {
    key: 'joinedOn',
    header: '入会日期',
    width: 12,
    note: '选填，如 2011-09-30；新会员留空为导入当天（已有会员不改入会日期）',
  },
] as const;
export type RosterKey = (typeof rosterColumns)[number]['key'];
export type RosterRow = Record<RosterKey, string>;

/** Shown after the template's columns in an export, for reading only; the import ignores them. */
export const exportInfoColumns = ['所属工会', '工作单位', '性别', '出生日期', '会籍状态'] as const;

const byHeader = new Map<string, RosterKey>(rosterColumns.map((c) => [c.header, c.key]));

/** Text of an ExcelJS cell value: rich text, hyperlinks, formula results and dates flattened. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : `#NUMBER:${v}`;
  if (typeof v === 'string' || typeof v === 'boolean') return String(v).trim();
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
    if (o.richText)
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v).trim();
}

export interface SheetLine {
  /** The row number a user sees in Excel (header is row 1). */
  rowNo: number;
  row: RosterRow;
}

function toRow(cells: string[], keys: Array<RosterKey | null>): RosterRow {
  const row = Object.fromEntries(rosterColumns.map((c) => [c.key, ''])) as RosterRow;
  keys.forEach((k, i) => {
    if (k) row[k] = cells[i] ?? '';
  });
  return row;
}

function headerKeys(cells: string[]): Array<RosterKey | null> {
  const keys = cells.map((c) => byHeader.get(c.trim()) ?? null);
  const missing = rosterColumns
    .filter((c) => c.key !== 'registryNo' && !keys.includes(c.key))
    .map((c) => c.header);
  if (!keys.includes('name') || !keys.includes('residentId')) {
    throw new RosterFormatError(
      `第 1 行应为模板的表头，缺少：${missing.join('、')}。请下载导入模板后按模板填写`,
    );
  }
  return keys;
}

/** A roster that cannot be read as the template (no header, wrong columns, not a spreadsheet). */
export class RosterFormatError extends ImportFileError {}

/** Reads a roster .csv or .xlsx as a stream of rows, never holding the whole file. */
export async function* readRoster(input: Readable, format: 'csv' | 'xlsx'): AsyncGenerator<SheetLine> {
  let keys: Array<RosterKey | null> | null = null;
  let rowNo = 0;
  if (format === 'csv') {
    const parser = input.pipe(
      parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
    );
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      if (!keys) keys = headerKeys(record);
      else yield { rowNo, row: toRow(record, keys) };
    }
  } else {
    for await (const { rowNo, values } of firstSheetRows(input, cellText)) {
      if (!keys) keys = headerKeys(values);
      else yield { rowNo, row: toRow(values, keys) };
    }
  }
  if (!keys) throw new RosterFormatError('文件是空的：没有表头和数据行');
}

/** A streaming .xlsx with the roster columns, plus any extra trailing columns (export info or error text). */
export function rosterWriter(sheetName: string, extraHeaders: readonly string[] = []) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = [
    ...rosterColumns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } })),
    ...extraHeaders.map((h, i) => ({
      header: h,
      key: `x${i}`,
      width: i === extraHeaders.length - 1 ? 40 : 16,
    })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    stream: out as Readable,
    workbook,
    add(row: Partial<RosterRow>, extra: readonly string[] = []) {
      const values: Record<string, string> = { ...row };
      extra.forEach((v, i) => (values[`x${i}`] = v));
      sheet.addRow(values).commit();
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** The empty template with one notes sheet explaining each column. */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员名册');
  sheet.columns = rosterColumns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'h', width: 24 },
    { header: '说明', key: 'n', width: 80 },
  ];
  for (const c of rosterColumns) notes.addRow({ h: c.header, n: c.note });
  notes.addRow({ h: '', n: '一个身份证号码在全市只能有一个会籍；已在其他工会的，请先办理会员关系接转。' });
  notes.addRow({
    h: '',
    n: '已有会员：名册中没有的列、空着的格子都不会清除已登记的内容；要清除请在会员页面修改。',
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
