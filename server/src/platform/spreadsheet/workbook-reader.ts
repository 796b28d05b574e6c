import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** Decodes UTF-8 across chunk boundaries, so a character split between two chunks stays whole. */
async function* utf8Text(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

interface ReaderInternals {
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
}
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * ExcelJS's streaming reader decodes each inflated chunk on its own, so a Chinese character that falls on
 * a chunk boundary comes out as U+FFFD (exceljs issues #2063, #2084, still open in 4.4.0). This reader
 * hands it text decoded across boundaries; the parser passes strings through untouched.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return base._parseWorksheet.call(this, Readable.from(utf8Text(iterator)), sheetNo);
  }

  _parseSharedStrings(entry: AsyncIterable<Buffer | string>) {
    return base._parseSharedStrings.call(this, Readable.from(utf8Text(entry)));
  }
}

/** A streaming .xlsx reader that keeps multi-byte characters whole. */
export function workbookReader(
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): ExcelJS.stream.xlsx.WorkbookReader {
  return new Utf8WorkbookReader(input, options);
}

/**
 * The rows of an .xlsx stream's first sheet that hold anything, each as its cells' text (by `text`) with
 * the row number a user sees in Excel. A template's later sheets (its notes) are not read.
 */
export async function* firstSheetRows(
  input: Readable,
  text: (cell: unknown) => string,
): AsyncGenerator<{ rowNo: number; values: string[] }> {
  const reader = workbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1).map(text);
      if (values.every((v) => v === '')) continue;
      yield { rowNo: row.number, values };
    }
    break;
  }
}
