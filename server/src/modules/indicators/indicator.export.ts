import ExcelJS from 'exceljs';
import { indicatorKeys, indicatorLabels, type IndicatorReport } from '@gonghui/contracts';

/** The dashboard's table as an .xlsx: one row per unit, numerator, denominator, rate and target per indicator. */
export async function indicatorWorkbook(report: IndicatorReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('指标');
  sheet.addRow([`${report.unit.name} 组织建设指标（截至 ${report.asOf}）`]).font = { bold: true };
  const header = ['单位'];
  for (const k of indicatorKeys) header.push(`${indicatorLabels[k]}·分子`, '分母', '比率（%）', '目标（%）');
  sheet.addRow(header).font = { bold: true };
  const rows = [report.unit, ...report.children, ...(report.direct ? [report.direct] : [])];
  for (const u of rows) {
    const cells: Array<string | number | null> = [u.name];
    for (const v of u.values) cells.push(v.numerator, v.denominator, v.rate, v.target);
    sheet.addRow(cells);
  }
  sheet.getColumn(1).width = 28;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
