import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  partyStatusLabels,
  unionStatusLabels,
  unitCategoryName,
  industryLabel,
  type PartyStatus,
  type UnionStatus,
} from '@gonghui/contracts';

/** The columns of the import template, and of every export, so an exported file imports back. */
export const sheetColumns = [
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'name', header: '单位名称', width: 30 },
  { key: 'unitCategory', header: '单位类别代码', width: 12 },
  { key: 'industryCode', header: '行业大类代码', width: 12 },
  { key: 'employees', header: '职工人数', width: 10 },
  { key: 'aboveScale', header: '规模以上', width: 10 },
  { key: 'localityCode', header: '所在地统计区划代码', width: 18 },
  { key: 'localityName', header: '所在镇街或村社区', width: 24 },
  { key: 'address', header: '地址', width: 30 },
  { key: 'contactName', header: '联系人', width: 10 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
  { key: 'registeredOn', header: '登记日期', width: 12 },
  { key: 'unionStatus', header: '工会状态', width: 10 },
  { key: 'unionSince', header: '工会状态日期', width: 12 },
  { key: 'partyStatus', header: '党组织状态', width: 12 },
  { key: 'partySince', header: '党组织状态日期', width: 14 },
  { key: 'instructorName', header: '党建指导员', width: 10 },
  { key: 'instructorSince', header: '党建指导员指派日期', width: 16 },
] as const;
export type SheetKey = (typeof sheetColumns)[number]['key'];
export type SheetRow = Record<SheetKey, string>;

export const YES = '是';
export const NO = '否';

/** Labels the template's notes sheet explains; the import accepts exactly these. */
export const unionStatusByLabel = new Map(
  Object.entries(unionStatusLabels).map(([k, v]) => [v, k as UnionStatus]),
);
export const partyStatusByLabel = new Map(
  Object.entries(partyStatusLabels).map(([k, v]) => [v, k as PartyStatus]),
);

/**
 * Writes rows to an .xlsx stream with the template's header row; `extra` adds trailing columns (the error
 * column of an import report).
 */
export function sheetWriter(extraHeaders: string[] = []) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('单位');
  sheet.columns = [
    ...sheetColumns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    ...extraHeaders.map((h) => ({ header: h, key: h, width: 50 })),
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
    async finish(notes = true, moreNotes: string[] = []) {
      sheet.commit();
      if (notes) {
        const help = workbook.addWorksheet('填写说明');
        help.addRow(['列', '填写要求']).font = { bold: true };
        help.addRow([
          '统一社会信用代码',
          '18 位，按 GB 32100 校验；同一代码重复导入时更新原单位，内容相同则不变',
        ]);
        help.addRow(['单位类别代码', '如 170 私营企业、200 港澳台商投资企业、300 外商投资企业']);
        help.addRow(['行业大类代码', 'GB/T 4754-2017 两位大类代码，如 13 农副食品加工业']);
        help.addRow(['规模以上', `${YES} 或 ${NO}`]);
        help.addRow(['所在地统计区划代码', '镇（街道）9 位或村（社区）12 位统计用区划代码']);
        help.addRow(['登记日期、状态日期', 'YYYY-MM-DD，如 2011-03-01']);
        help.addRow(['工会状态', Object.values(unionStatusLabels).join('、')]);
        help.addRow(['党组织状态', Object.values(partyStatusLabels).join('、')]);
        help.addRow(['示例单位类别', `170 ${unitCategoryName('170')}；行业 13 ${industryLabel('13')}`]);
        help.addRow(['所在镇街或村社区', '可只填名称（如 董浜镇）；有同名组织时请填统计区划代码']);
        help.addRow([
          '工会状态、党组织状态',
          '新登记单位留空为未建；已登记单位留空则保持系统中的状态。状态与系统中不同时须填写状态日期',
        ]);
        help.addRow([
          '地址、联系人、联系电话、党建指导员',
          '已登记单位留空（或文件中没有这一列）时保持系统中的内容，导入不会清空；要清空请在单位详情中操作',
        ]);
        help.addRow([
          '党建指导员指派日期',
          '党建指导员的指派日期，YYYY-MM-DD；新登记单位填写了党建指导员，或指导员与系统中不同时必填，不能早于登记日期或该单位最近一次指导员变更日期',
        ]);
        for (const n of moreNotes) help.addRow(['说明', n]);
        help.commit();
      }
      await workbook.commit();
    },
  };
}
