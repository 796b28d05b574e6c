import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  hardshipCategoryLabels,
  hardshipStatusLabels,
  suddenCauseLabels,
  type ArchiveFilter,
  type HardshipArchive,
} from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { hardshipService } from './hardship.service.ts';

const yuan = { numFmt: '0.00' };
const columns = [
  { header: '户主姓名', key: 'headName', width: 10 },
  { header: '户主身份证号（已遮盖）', key: 'headResidentIdMasked', width: 22 },
  { header: '建档单位', key: 'orgUnitName', width: 24 },
  { header: '困难类别', key: 'category', width: 14 },
  { header: '状态', key: 'status', width: 8 },
  { header: '致困原因', key: 'suddenCause', width: 10 },
  { header: '家庭人口', key: 'householdSize', width: 10 },
  { header: '家庭年收入（元）', key: 'income', width: 16, style: yuan },
  { header: '刚性支出（元）', key: 'expense', width: 14, style: yuan },
  { header: '月人均收入（元）', key: 'perCapita', width: 16, style: yuan },
  { header: '低保标准（元/月）', key: 'line', width: 16, style: yuan },
  { header: '累计帮扶资金（元）', key: 'assisted', width: 18, style: yuan },
  { header: '下次复核日期', key: 'reviewDueOn', width: 14 },
];

/** Writes batches of archives into an .xlsx stream; money in yuan with two decimals, IDs masked. */
export function archivesSheet(batches: AsyncIterable<HardshipArchive[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('困难职工档案', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const rows of batches) {
        for (const a of rows) {
          sheet
            .addRow({
              headName: a.headName,
              headResidentIdMasked: a.headResidentIdMasked,
              orgUnitName: a.orgUnitName,
              category: hardshipCategoryLabels[a.category],
              status: hardshipStatusLabels[a.status],
              suddenCause: a.suddenCause ? suddenCauseLabels[a.suddenCause] : '',
              householdSize: a.arithmetic.householdSize,
              income: a.arithmetic.annualIncomeFen / 100,
              expense: a.arithmetic.unavoidableExpenseFen / 100,
              perCapita: a.arithmetic.perCapitaMonthlyFen / 100,
              line: a.arithmetic.lineMonthlyFen / 100,
              assisted: a.assistedFen / 100,
              reviewDueOn: a.reviewDueOn,
            })
            .commit();
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}

/** The archive list's export: exactly its filtered archives, within the caller's scope. */
export const archiveExport = listExport<ArchiveFilter, HardshipArchive>({
  kind: 'hardship_archive.export',
  permission: 'assistance:read',
  audit: { export: 'hardship_archive.export', download: 'hardship_archive.export_download' },
  fileName: () => `困难职工档案-${today()}.xlsx`,
  count: (db, actor, f) => hardshipService.count(db, actor, f),
  rows: (db, actor, f) => hardshipService.all(db, actor, f),
  sheet: (_db, batches) => archivesSheet(batches),
});
