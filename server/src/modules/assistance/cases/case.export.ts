import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  caseStatusLabels,
  caseTypeLabels,
  deadlineKindLabels,
  type AssistanceCase,
  type CaseFilter,
} from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { caseService } from './case.service.ts';

const columns = [
  { header: '案件编号', key: 'number', width: 24 },
  { header: '案件类型', key: 'type', width: 16 },
  { header: '状态', key: 'status', width: 10 },
  { header: '事由', key: 'subject', width: 30 },
  { header: '职工姓名', key: 'workerName', width: 10 },
  { header: '身份证号（已遮盖）', key: 'workerResidentIdMasked', width: 22 },
  { header: '是否会员', key: 'member', width: 10 },
  { header: '所在单位', key: 'employerName', width: 28 },
  { header: '登记单位', key: 'intakeUnitName', width: 24 },
  { header: '办理单位', key: 'handlingUnitName', width: 24 },
  { header: '经办人', key: 'handlerName', width: 10 },
  { header: '登记日期', key: 'receivedOn', width: 12 },
  { header: '受理日期', key: 'acceptedOn', width: 12 },
  { header: '期限类别', key: 'deadlineKind', width: 20 },
  { header: '期限届满日', key: 'dueOn', width: 12 },
  { header: '期限状态', key: 'clock', width: 12 },
  { header: '办结日期', key: 'closedOn', width: 12 },
  { header: '办理结果', key: 'outcome', width: 40 },
];

function clockText(c: AssistanceCase): string {
  if (c.paused) return '暂停计时';
  if (c.overdue) return '已超期';
  if (c.dueSoon) return '即将到期';
  return c.dueProvisional ? '暂定' : '';
}

/** Writes batches of cases into an .xlsx stream, one row each; personal data stays masked. */
export function casesSheet(batches: AsyncIterable<AssistanceCase[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('求助案件', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const rows of batches) {
        for (const c of rows) {
          sheet
            .addRow({
              number: c.number,
              type: caseTypeLabels[c.type],
              status: caseStatusLabels[c.status],
              subject: c.subject,
              workerName: c.workerName,
              workerResidentIdMasked: c.workerResidentIdMasked,
              member: c.workerIsMember ? '是' : '否',
              employerName: c.employerName ?? '',
              intakeUnitName: c.intakeUnitName,
              handlingUnitName: c.handlingUnitName,
              handlerName: c.handlerName ?? '',
              receivedOn: c.receivedOn,
              acceptedOn: c.acceptedOn ?? '',
              deadlineKind: c.deadlineKind ? deadlineKindLabels[c.deadlineKind] : '',
              dueOn: c.dueOn ?? '',
              clock: clockText(c),
              closedOn: c.closedOn ?? '',
              outcome: c.outcome ?? '',
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

/** The case list's export: exactly its filtered cases, in its order, within the caller's scope. */
export const caseExport = listExport<CaseFilter, AssistanceCase>({
  kind: 'assistance_case.export',
  permission: 'assistance:read',
  audit: { export: 'assistance_case.export', download: 'assistance_case.export_download' },
  fileName: () => `求助案件-${today()}.xlsx`,
  count: (db, actor, f) => caseService.count(db, actor, f),
  rows: (db, actor, f) => caseService.all(db, actor, f),
  sheet: (_db, batches) => casesSheet(batches),
});
