import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { firstSheetRows } from '../../../platform/spreadsheet/workbook-reader.ts';
import { sheetColumns, type SheetKey, type SheetRow } from './employer.sheet.ts';

import { ImportFileError, type SheetFormat } from '../../../platform/imports/import.upload.ts';

export { sheetFormatOf, type SheetFormat } from '../../../platform/imports/import.upload.ts';

/** A file that cannot be read as the template at all (no header, wrong columns, not a spreadsheet). */
export class SheetFormatError extends ImportFileError {}

export interface SheetLine {
  /** The row number a user sees in Excel or a text editor (the header is row 1). */
  rowNo: number;
  row: SheetRow;
  /** The cells as they were, for the error report. */
  cells: string[];
  /** The template's columns this file has: files made before a column was added still import. */
  columns: ReadonlySet<SheetKey>;
}

const keyByHeader = new Map<string, SheetKey>(sheetColumns.map((c) => [c.header, c.key]));
const REQUIRED: SheetKey[] = ['creditCode', 'name', 'unitCategory', 'industryCode', 'registeredOn'];

/** Text of an ExcelJS cell: rich text, hyperlinks, formula results flattened; dates as YYYY-MM-DD. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText)
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
    if (o.error !== undefined) return String(o.error);
  }
  return String(v).trim();
}

interface Header {
  keys: Array<SheetKey | null>;
  columns: ReadonlySet<SheetKey>;
}

function headerOf(cells: string[]): Header {
  const keys = cells.map((c) => keyByHeader.get(c.trim()) ?? null);
  const missing = sheetColumns.filter((c) => REQUIRED.includes(c.key) && !keys.includes(c.key));
  if (missing.length > 0) {
    throw new SheetFormatError(
      `第 1 行应为导入模板的表头，缺少列：${missing.map((c) => c.header).join('、')}。请下载导入模板后按模板填写`,
    );
  }
  if (!keys.includes('localityCode') && !keys.includes('localityName')) {
    throw new SheetFormatError('第 1 行应为导入模板的表头，缺少“所在地统计区划代码”或“所在镇街或村社区”列');
  }
  return { keys, columns: new Set(keys.filter((k) => k !== null)) };
}

function toLine(rowNo: number, cells: string[], header: Header): SheetLine {
  const row = Object.fromEntries(sheetColumns.map((c) => [c.key, ''])) as SheetRow;
  header.keys.forEach((k, i) => {
    if (k) row[k] = (cells[i] ?? '').trim();
  });
  return { rowNo, row, cells: sheetColumns.map((c) => row[c.key]), columns: header.columns };
}

/** Reads the employer sheet of a .csv or .xlsx row by row (ExcelJS streaming reader, csv-parse). */
export async function* readEmployerSheet(content: Buffer, format: SheetFormat): AsyncGenerator<SheetLine> {
  let header: Header | null = null;
  try {
    if (format === 'csv') {
      const parser = Readable.from([content]).pipe(
        parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
      );
      let rowNo = 0;
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNo++;
        if (!header) header = headerOf(record);
        else yield toLine(rowNo, record, header);
      }
    } else {
      for await (const { rowNo, values } of firstSheetRows(Readable.from([content]), cellText)) {
        if (!header) header = headerOf(values);
        else yield toLine(rowNo, values, header);
      }
    }
  } catch (e) {
    if (e instanceof SheetFormatError) throw e;
    const what = format === 'csv' ? 'CSV 文件' : '.xlsx 文件';
    throw new SheetFormatError(
      `无法读取${what}：${e instanceof Error ? e.message : String(e)}。请确认文件完整且为导入模板格式`,
    );
  }
  if (!header) throw new SheetFormatError('文件是空的：没有表头和数据行');
}
