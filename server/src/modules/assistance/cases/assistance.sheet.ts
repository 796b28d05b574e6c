import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetColumn<Row> {
  header: string;
  width: number;
  /** Money columns show yuan with two decimals. */
  yuan?: boolean;
  value(row: Row): string | number | null;
}

/** Writes batches of rows into a one-sheet .xlsx stream, a header row first, frozen. */
export function assistanceSheet<Row>(
  title: string,
  columns: ReadonlyArray<SheetColumn<Row>>,
  batches: AsyncIterable<Row[]>,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.yuan ? { numFmt: '0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const rows of batches)
        for (const r of rows)
          sheet.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(r) ?? '']))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}
