import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetColumn<Row> {
  header: string;
  width: number;
  value(row: Row): string | number | null;
  numFmt?: string;
}

/** Writes batches of rows into a one-sheet .xlsx stream, the header row first, bold and frozen. */
export function writeSheet<Row>(
  name: string,
  columns: readonly SheetColumn<Row>[],
  batches: AsyncIterable<Row[]>,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const rows of batches)
        for (const r of rows) sheet.addRow(columns.map((c) => c.value(r))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}

/** A whole small workbook (a bank file) as bytes. */
export async function sheetBytes<Row>(name: string, columns: readonly SheetColumn<Row>[], rows: Row[]) {
  const parts: Buffer[] = [];
  async function* once() {
    yield rows;
  }
  for await (const chunk of writeSheet(name, columns, once()) as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Fen as yuan for a money cell (formatted 0.00). */
export const yuan = (fen: number) => fen / 100;

/** Text of an ExcelJS cell as read: rich text and formula results flattened, dates as YYYY-MM-DD. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
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
