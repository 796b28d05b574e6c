import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  healthStateLabels,
  householdRelationLabels,
  suddenCauseLabels,
  type HealthState,
  type HouseholdRelation,
  type SuddenCause,
} from '@gonghui/contracts';
import { ImportFileError } from '../../../platform/imports/import.upload.ts';
import { firstSheetRows } from '../../../platform/spreadsheet/workbook-reader.ts';

/**
 * The archive import's sheet: one row per person. A 户主 row starts a household and the rows below it,
 * up to the next 户主, are its members; the household's own fields are filled on the head's row.
 */
export const archiveColumns = [
  { key: 'unit', header: '建档单位', width: 24 },
  { key: 'relation', header: '与户主关系', width: 12 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'residentId', header: '身份证号', width: 22 },
  { key: 'health', header: '健康状况', width: 10 },
  { key: 'income', header: '年收入（元）', width: 14 },
  { key: 'occupation', header: '就学或就业情况', width: 20 },
  { key: 'expense', header: '家庭刚性支出（元）', width: 18 },
  { key: 'suddenCause', header: '致困原因', width: 12 },
  { key: 'suddenNote', header: '致困情况说明', width: 30 },
  { key: 'reviewDueOn', header: '下次复核日期', width: 14 },
] as const;
export type ArchiveColumn = (typeof archiveColumns)[number]['key'];
export type ArchiveSheetRow = Record<ArchiveColumn, string>;

export const headerOfColumn = Object.fromEntries(archiveColumns.map((c) => [c.key, c.header])) as Record<
  ArchiveColumn,
  string
>;

const byLabel = <K extends string>(labels: Record<K, string>) =>
  new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
export const relationByLabel = byLabel<HouseholdRelation>(householdRelationLabels);
export const healthByLabel = byLabel<HealthState>(healthStateLabels);
export const suddenCauseByLabel = byLabel<SuddenCause>(suddenCauseLabels);

/** Names beginning with this mark the template's example rows, which the import skips. */
export const EXAMPLE_MARK = '示例';

export interface ArchiveLine {
  rowNo: number;
  row: ArchiveSheetRow;
  /** The cells as they were, for the error report. */
  cells: string[];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
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

const keyByHeader = new Map<string, ArchiveColumn>(archiveColumns.map((c) => [c.header, c.key]));

/** Reads the first sheet of an .xlsx row by row; a file that is not the template is one report line. */
export async function* readArchiveSheet(content: Buffer): AsyncGenerator<ArchiveLine> {
  let keys: Array<ArchiveColumn | null> | null = null;
  try {
    for await (const { rowNo, values } of firstSheetRows(Readable.from([content]), cellText)) {
      if (!keys) {
        keys = values.map((v) => keyByHeader.get(v.trim()) ?? null);
        const missing = archiveColumns.filter((c) => !keys!.includes(c.key));
        if (missing.length > 0)
          throw new ImportFileError(
            `第 1 行应为导入模板的表头，缺少列：${missing.map((c) => c.header).join('、')}。请下载导入模板后按模板填写`,
          );
        continue;
      }
      const row = Object.fromEntries(archiveColumns.map((c) => [c.key, ''])) as ArchiveSheetRow;
      keys.forEach((k, i) => {
        if (k) row[k] = (values[i] ?? '').trim();
      });
      yield { rowNo, row, cells: archiveColumns.map((c) => row[c.key]) };
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError(
      `无法读取 .xlsx 文件：${e instanceof Error ? e.message : String(e)}。请确认文件完整且为导入模板格式`,
    );
  }
  if (!keys) throw new ImportFileError('文件是空的：没有表头和数据行');
}

/** Writes rows under the template's header; `extra` adds trailing columns (the report's row and error). */
export function archiveSheetWriter(extra: string[] = []) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('困难职工家庭');
  sheet.columns = [
    ...archiveColumns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    ...extra.map((h) => ({ header: h, key: h, width: h === '错误说明' ? 60 : 10 })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    stream: out as Readable,
    add(values: string[], font?: Partial<ExcelJS.Font>) {
      const row = sheet.addRow(values);
      if (font) row.font = font;
      row.commit();
    },
    async finish(notes: boolean) {
      sheet.commit();
      if (notes) {
        const help = workbook.addWorksheet('填写说明');
        help.addRow(['列', '填写要求']).font = { bold: true };
        help.addRow([
          '与户主关系',
          `${Object.values(householdRelationLabels).join('、')}；每户从“户主”行开始，其下各行为该户家庭成员`,
        ]);
        help.addRow(['建档单位', '本辖区内的工会组织名称或统计区划代码，填在户主行']);
        help.addRow(['健康状况', Object.values(healthStateLabels).join('、')]);
        help.addRow(['年收入、家庭刚性支出', '以元计，最多两位小数；刚性支出填在户主行']);
        help.addRow(['致困原因', `${Object.values(suddenCauseLabels).join('、')}，或留空`]);
        help.addRow(['下次复核日期', 'YYYY-MM-DD，如 2027-01-15，填在户主行']);
        help.addRow(['重复导入', '户主已在本辖区建档且内容相同的户不再改动；内容不同的请在档案页修改']);
        help.addRow(['示例', `姓名以“${EXAMPLE_MARK}”开头的行是示例，导入时跳过`]);
        help.commit();
      }
      await workbook.commit();
    },
  };
}
