import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetColumn<Row> {
  header: string;
  width: number;
  value(row: Row): string | number | null;
}

/** Writes batches of rows into a one-sheet .xlsx stream under a bold, frozen header row. */
export function writeSheet<Row>(
  name: string,
  columns: readonly SheetColumn<Row>[] | Promise<readonly SheetColumn<Row>[]>,
  batches: AsyncIterable<Row[]>,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  void (async () => {
    try {
      const cols = await columns;
      sheet.columns = cols.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for await (const rows of batches)
        for (const r of rows) sheet.addRow(cols.map((c) => c.value(r))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}
