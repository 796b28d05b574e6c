import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { agreementKindLabels, type Agreement, type AgreementFilter } from '@gonghui/contracts';
import { listExport } from '../../platform/exports/list-export.ts';
import { today } from '../../platform/orgs/dates.ts';
import { agreementService } from './agreement.service.ts';

/** Excel keeps at most 32,767 characters in a cell. */
const CELL_LIMIT = 32000;

const columns = [
  { header: '合同名称', key: 'title', width: 36 },
  { header: '合同类型', key: 'kind', width: 16 },
  { header: '工资专项', key: 'wageSpecific', width: 10 },
  { header: '签约工会', key: 'orgUnitName', width: 28 },
  { header: '签订日期', key: 'signedOn', width: 12 },
  { header: '生效日期', key: 'startsOn', width: 12 },
  { header: '期满日期', key: 'endsOn', width: 12 },
  { header: '备案日期', key: 'filedOn', width: 12 },
  { header: '工资增幅（%）', key: 'raise', width: 14, numFmt: '0.00' },
  { header: '最低工资（元/月）', key: 'minimumWage', width: 16, numFmt: '0.00' },
  { header: '覆盖单位数', key: 'employerCount', width: 12 },
  { header: '覆盖单位', key: 'employerNames', width: 50 },
  { header: '覆盖职工人数', key: 'workersCovered', width: 14 },
];

export type ExportedAgreement = Agreement & { employerNames: string[] };

/** Writes batches of agreements into an .xlsx stream, one row each. */
export function agreementsSheet(batches: AsyncIterable<ExportedAgreement[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('集体合同', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ numFmt, ...c }) => ({ ...c, style: numFmt ? { numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const rows of batches) {
        for (const a of rows) {
          const names = a.employerNames.join('、');
          sheet
            .addRow({
              title: a.title,
              kind: agreementKindLabels[a.kind],
              wageSpecific: a.wageSpecific ? '是' : '否',
              orgUnitName: a.orgUnitName,
              signedOn: a.signedOn,
              startsOn: a.startsOn,
              endsOn: a.endsOn,
              filedOn: a.filedOn ?? '',
              raise: a.raiseBp === null ? null : a.raiseBp / 100,
              minimumWage: a.minimumWageFen === null ? null : a.minimumWageFen / 100,
              employerCount: a.employerCount,
              employerNames: names.length > CELL_LIMIT ? `${names.slice(0, CELL_LIMIT)}……` : names,
              workersCovered: a.workersCovered,
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

/** The register's export of exactly the list's filtered agreements, in the list's order. */
export const agreementExport = listExport<AgreementFilter, ExportedAgreement>({
  kind: 'agreement.export',
  permission: 'agreement:read',
  audit: { export: 'agreement.export', download: 'agreement.export_download' },
  fileName: () => `集体合同-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await agreementService.list(db, actor, { ...f, page: 1, pageSize: 0 })).total,
  rows: (db, actor, f) => agreementService.all(db, actor, f),
  sheet: (_db, batches) => agreementsSheet(batches),
});
