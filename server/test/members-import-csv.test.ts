import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readRosterCsvBatches } from '../src/modules/members/import/member-import.csv.ts';
import { readRoster, RosterFormatError, type SheetLine } from '../src/modules/members/import/member.sheet.ts';

/** The bytes split at the given sizes (which may cut a UTF-8 character or a quoted record in two). */
function chunked(bytes: Buffer, sizes: number[]): Readable {
  const parts: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes.length ? sizes[i % sizes.length] : bytes.length);
    parts.push(bytes.subarray(at, at + n));
    at += n;
  }
  return Readable.from(parts);
}

async function fast(bytes: Buffer, sizes: number[] = [], batch = 3): Promise<SheetLine[]> {
  const out: SheetLine[] = [];
  for await (const lines of readRosterCsvBatches(chunked(bytes, sizes), batch)) {
    expect(lines.length).toBeLessThanOrEqual(batch);
    out.push(...lines);
  }
  return out;
}

async function reference(bytes: Buffer): Promise<SheetLine[]> {
  const out: SheetLine[] = [];
  for await (const line of readRoster(Readable.from([bytes]), 'csv')) out.push(line);
  return out;
}

const HEADER = '姓名,身份证号码,手机号码,民族';

describe('roster CSV reader', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF, BOM and blank lines', async () => {
    const text =
      `\uFEFF${HEADER}\r\n` +
      ' 张三（演示） , 110105196001010011 ,13812345678,汉族\r\n' +
      '\r\n' +
      '"李,四（演示）","110105196001010011","138""1234""5678","回\n族"\n' +
      '王五（演示）,110105196001010011\n' +
      '"赵六（演示）"  ,x,,';
    const lines = await fast(Buffer.from(text, 'utf8'), [1]);
    expect(lines.map((l) => [l.rowNo, l.row.name, l.row.residentId, l.row.phone, l.row.ethnicity])).toEqual([
      [2, '张三（演示）', '110105196001010011', '13812345678', '汉族'],
      [3, '李,四（演示）', '110105196001010011', '138"1234"5678', '回\n族'],
      [4, '王五（演示）', '110105196001010011', '', ''],
      [5, '赵六（演示）', 'x', '', ''],
    ]);
    expect(lines[0].row.registryNo).toBe('');
    expect(lines[0].row.joinedOn).toBe('');
  });

  it('meters the bytes and records it has parsed, for the progress of an import', async () => {
    const bytes = Buffer.from(`${HEADER}\n${'甲（演示）,110105196001010011,,汉族\n'.repeat(7)}`, 'utf8');
    const meter = { bytes: 0, records: 0 };
    const seen: Array<[number, number]> = [];
    for await (const lines of readRosterCsvBatches(chunked(bytes, [40]), 2, meter)) {
      seen.push([lines[lines.length - 1].rowNo, meter.records]);
      // The meter never runs behind the rows handed out.
      expect(meter.records).toBeGreaterThanOrEqual(lines[lines.length - 1].rowNo);
    }
    expect(meter).toEqual({ bytes: bytes.length, records: 8 });
    expect(seen.map(([row]) => row)).toEqual([3, 5, 7, 8]);
  });

  it('gives the same rows as the general CSV parser, however the file is cut into chunks', async () => {
    const safe = fc.constantFrom('a', '1', '中', '（', '·', ' ', 'X');
    const risky = fc.constantFrom(',', '"', '\n', '\r\n');
    const cell = fc
      .array(fc.oneof({ weight: 4, arbitrary: safe }, { weight: 1, arbitrary: risky }), { maxLength: 6 })
      .map((cs) => cs.join('').trim());
    const record = fc.array(cell, { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        async (records, sizes, crlf, bom) => {
          const eol = crlf ? '\r\n' : '\n';
          const quote = (c: string) => (/[,"\r\n]/.test(c) || c === '' ? `"${c.replaceAll('"', '""')}"` : c);
          const body = records.map((r) => r.map(quote).join(',')).join(eol);
          const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${HEADER}${eol}${body}${eol}`, 'utf8');
          expect(await fast(bytes, sizes)).toEqual(await reference(bytes));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a file without the template header, an empty file and an unclosed quote, in Chinese', async () => {
    await expect(fast(Buffer.from('a,b\n1,2\n'))).rejects.toThrow(/第 1 行应为模板的表头/);
    await expect(fast(Buffer.from(''))).rejects.toThrow(/文件是空的/);
    const unclosed = fast(Buffer.from(`${HEADER}\n张三,"1101\n`), [2]);
    await expect(unclosed).rejects.toBeInstanceOf(RosterFormatError);
    await expect(fast(Buffer.from(`${HEADER}\n张三,"1101\n`))).rejects.toThrow(/第 2 行：引号没有成对/);
  });
});
