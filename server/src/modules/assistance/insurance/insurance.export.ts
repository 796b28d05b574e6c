import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  claimStatusLabels,
  type ClaimFilter,
  type EnrolmentFilter,
  type InsuranceClaim,
  type InsuranceEnrolment,
} from '@gonghui/contracts';
import { assistanceSheet, type SheetColumn } from '../cases/assistance.sheet.ts';
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

const claimColumns: ReadonlyArray<SheetColumn<InsuranceClaim>> = [
  { header: '保障计划', width: 30, value: (c) => c.planName },
  { header: '会员姓名', width: 10, value: (c) => c.memberName },
  { header: '所属工会', width: 28, value: (c) => c.orgUnitName },
  { header: '申请金额（元）', width: 14, yuan: true, value: (c) => c.amountFen / 100 },
  { header: '申请事由', width: 40, value: (c) => c.reason },
  { header: '申请日期', width: 12, value: (c) => c.submittedOn },
  { header: '状态', width: 10, value: (c) => claimStatusLabels[c.status] },
  {
    header: '批准金额（元）',
    width: 14,
    yuan: true,
    value: (c) => (c.approvedFen === null ? null : c.approvedFen / 100),
  },
  { header: '审核意见', width: 30, value: (c) => c.note },
  { header: '赔付日期', width: 12, value: (c) => c.paidOn },
];

/** The claim list's export: exactly its filtered claims in the caller's scope. */
export const claimExport = listExport<ClaimFilter, InsuranceClaim>({
  kind: 'insurance_claim.export',
  permission: 'assistance:read',
  audit: { export: 'insurance_claim.export', download: 'insurance_claim.export_download' },
  fileName: () => `互助保障理赔-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await insuranceService.claims(db, actor, { ...f, page: 1, pageSize: 1 })).total,
  rows: (db, actor, f) => insuranceService.allClaims(db, actor, f),
  sheet: (_db, batches) => assistanceSheet('互助保障理赔', claimColumns, batches),
});
