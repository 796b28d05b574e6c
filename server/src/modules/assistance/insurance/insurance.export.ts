import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EnrolmentFilter, InsuranceEnrolment } from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { insuranceService } from './insurance.service.ts';

type ExportedEnrolment = InsuranceEnrolment & { planName: string };
export type EnrolmentExportFilter = EnrolmentFilter & { planId: number };

const columns = [
  { header: '保障计划', key: 'planName', width: 30 },
  { header: '会员姓名', key: 'memberName', width: 10 },
  { header: '身份证号（已遮盖）', key: 'residentIdMasked', width: 22 },
  { header: '所属工会', key: 'orgUnitName', width: 28 },
  { header: '保费（元）', key: 'premium', width: 12, style: { numFmt: '0.00' } },
  { header: '参保日期', key: 'enrolledOn', width: 12 },
];

function enrolmentsSheet(batches: AsyncIterable<ExportedEnrolment[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('参保名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const rows of batches)
        for (const e of rows) sheet.addRow({ ...e, premium: e.premiumFen / 100 }).commit();
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}

/** A plan's enrolment list as an .xlsx, exactly the filtered rows in the caller's scope. */
export const enrolmentExport = listExport<EnrolmentExportFilter, ExportedEnrolment>({
  kind: 'insurance_enrolment.export',
  permission: 'assistance:read',
  audit: { export: 'insurance_enrolment.export', download: 'insurance_enrolment.export_download' },
  fileName: () => `互助保障参保名单-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await insuranceService.enrolments(db, actor, f.planId, { ...f, page: 1, pageSize: 1 })).total,
  rows: (db, actor, f) => insuranceService.allEnrolments(db, actor, f.planId, f),
  sheet: (_db, batches) => enrolmentsSheet(batches),
});
