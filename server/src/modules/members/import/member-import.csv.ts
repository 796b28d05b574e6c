import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import {
  readRoster,
  rosterColumns,
  RosterFormatError,
  type RosterKey,
  type RosterRow,
  type SheetLine,
} from './member.sheet.ts';

const byHeader = new Map<string, RosterKey>(rosterColumns.map((c) => [c.header, c.key]));

/** The column keys of a header row; a roster without the name and ID columns is refused. */
export function rosterHeaderKeys(cells: string[]): Array<RosterKey | null> {
  const keys = cells.map((c) => byHeader.get(c.trim()) ?? null);
  if (!keys.includes('name') || !keys.includes('residentId')) {
    const missing = rosterColumns
      .filter((c) => c.key !== 'registryNo' && !keys.includes(c.key))
      .map((c) => c.header);
    throw new RosterFormatError(
      `第 1 行应为模板的表头，缺少：${missing.join('、')}。请下载导入模板后按模板填写`,
    );
  }
  return keys;
}

/** A row builder for one header: a fixed-shape object, every column present ('' when absent). */
function rowMaker(keys: Array<RosterKey | null>): (cells: string[]) => RosterRow {
  const at = (key: RosterKey) => keys.indexOf(key);
  const i = Object.fromEntries(rosterColumns.map((c) => [c.key, at(c.key)])) as Record<RosterKey, number>;
  const cell = (cells: string[], n: number) => (n < 0 ? '' : (cells[n] ?? ''));
  return (cells) => ({
    registryNo: cell(cells, i.registryNo),
    name: cell(cells, i.name),
    residentId: cell(cells, i.residentId),
    phone: cell(cells, i.phone),
    ethnicity: cell(cells, i.ethnicity),
    education: cell(cells, i.education),
    householdType: cell(cells, i.householdType),
    migrantWorker: cell(cells, i.migrantWorker),
    newEmploymentForm: cell(cells, i.newEmploymentForm),
    employerCreditCode: cell(cells, i.employerCreditCode),
    orgUnitId: cell(cells, i.orgUnitId),
    joinedOn: cell(cells, i.joinedOn),
  });
}

type Parsed = { cells: string[]; next: number } | null;

/**
 * One record with quoted fields (RFC 4180: "" inside quotes is a quote, quotes may hold commas and line
 * breaks), starting at `pos`. Null when the text ends inside the record and more may follow.
 */
function quotedRecord(text: string, pos: number, final: boolean, recordNo: number): Parsed {
  const cells: string[] = [];
  let i = pos;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let value: string;
    if (text[i] === '"') {
      let out = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          if (!final) return null;
          throw new RosterFormatError(`第 ${recordNo} 行：引号没有成对，请检查该行或用 Excel 另存为 CSV`);
        }
        out += text.slice(from, q);
        if (text[q + 1] === '"') {
          out += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      value = out.trim();
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      value = text.slice(i, j).trim();
      i = j;
    }
    cells.push(value);
    if (i >= text.length) {
      if (!final) return null;
      return { cells, next: i };
    }
    const c = text[i];
    if (c === ',') {
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && i + 1 >= text.length && !final) return null;
      return { cells, next: c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1 };
    }
    throw new RosterFormatError(`第 ${recordNo} 行：引号后面应为逗号或换行，请检查该行或用 Excel 另存为 CSV`);
  }
}

/** How much of a file the reader has parsed: bytes taken in and the records they held. */
export interface ReadMeter {
  bytes: number;
  records: number;
}

/**
 * Reads a roster CSV as batches of rows. A line without quotes is split directly, the common case in
 * rosters; a quoted line goes through the full parser. Rows are numbered by record, header = 1, blank
 * lines skipped, cells trimmed, like the spreadsheet reader. The meter, if given, follows the parsing.
 */
export async function* readRosterCsvBatches(
  input: Readable,
  batchSize: number,
  meter: ReadMeter = { bytes: 0, records: 0 },
): AsyncGenerator<SheetLine[]> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let first = true;
  let makeRow: ((cells: string[]) => RosterRow) | null = null;
  let recordNo = 0;
  let batch: SheetLine[] = [];

  const take = (cells: string[]) => {
    recordNo++;
    if (!makeRow) makeRow = rowMaker(rosterHeaderKeys(cells));
    else batch.push({ rowNo: recordNo, row: makeRow(cells) });
  };

  /** Parses the complete records in `text`, leaving an unfinished one for the next chunk. */
  const consume = (final: boolean) => {
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) {
        if (!final) break;
        eol = n;
      }
      let end = eol;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      const line = text.slice(pos, end);
      if (line.indexOf('"') < 0) {
        if (line.indexOf('\r') >= 0) {
          // Classic Mac line ends: each \r ends a record.
          for (const part of line.split('\r')) if (part.trim() !== '') take(splitLine(part));
        } else if (line.trim() !== '') take(splitLine(line));
        pos = eol + 1;
        continue;
      }
      const r = quotedRecord(text, pos, final, recordNo + 1);
      if (!r) break;
      take(r.cells);
      pos = r.next;
    }
    text = pos >= n ? '' : text.slice(pos);
  };

  for await (const chunk of input as AsyncIterable<Buffer>) {
    text += decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    consume(false);
    meter.bytes += chunk.length;
    meter.records = recordNo;
    while (batch.length >= batchSize) {
      yield batch.slice(0, batchSize);
      batch = batch.slice(batchSize);
    }
  }
  text += decoder.end();
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  consume(true);
  meter.records = recordNo;
  if (!makeRow) throw new RosterFormatError('文件是空的：没有表头和数据行');
  while (batch.length > 0) {
    yield batch.slice(0, batchSize);
    batch = batch.slice(batchSize);
  }
}

function splitLine(line: string): string[] {
  const cells = line.split(',');
  for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
  return cells;
}

/**
 * Rows of a roster file in batches: the fast reader for CSV, the streaming workbook reader for .xlsx.
 * The meter follows a CSV file only.
 */
export async function* rosterBatches(
  input: Readable,
  format: 'csv' | 'xlsx',
  batchSize: number,
  meter?: ReadMeter,
): AsyncGenerator<SheetLine[]> {
  if (format === 'csv') {
    yield* readRosterCsvBatches(input, batchSize, meter);
    return;
  }
  let batch: SheetLine[] = [];
  for await (const line of readRoster(input, format)) {
    batch.push(line);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
