import {
  fairCategoryLabels,
  jobCategoryLabels,
  suitabilityLabels,
  type BoothFilter,
  type Fair,
  type FairFilter,
  type FairEmployer,
  type Position,
  type PositionFilter,
} from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, yuan, type SheetColumn } from '../employment.sheet.ts';
import { fairService } from './fair.service.ts';

const fairColumns: SheetColumn<Fair>[] = [
  { header: '招聘会名称', width: 36, value: (f) => f.title },
  { header: '专场类型', width: 16, value: (f) => fairCategoryLabels[f.category] },
  { header: '举办日期', width: 12, value: (f) => f.heldOn },
  { header: '举办地点', width: 28, value: (f) => f.venue },
  { header: '主办单位', width: 28, value: (f) => f.orgUnitName },
  { header: '参会单位数', width: 12, value: (f) => f.employerCount },
  { header: '岗位数', width: 10, value: (f) => f.positionCount },
  { header: '招聘人数', width: 10, value: (f) => f.openings },
];

/** The fair list's export: exactly its filtered fairs, in its order. */
export const fairExport = listExport<FairFilter, Fair>({
  kind: 'fair.export',
  permission: 'employment:read',
  audit: { export: 'fair.export', download: 'fair.export_download' },
  fileName: () => `招聘会-${today()}.xlsx`,
  count: async (db, actor, f) => (await fairService.list(db, actor, { ...f, page: 1, pageSize: 0 })).total,
  rows: (db, actor, f) => fairService.all(db, actor, f),
  sheet: (_db, batches) => writeSheet('招聘会', fairColumns, batches),
});

const pay = (p: Position) => `${(p.payMinFen / 100).toFixed(0)}–${(p.payMaxFen / 100).toFixed(0)}`;

const positionColumns: SheetColumn<Position>[] = [
  { header: '招聘会', width: 30, value: (p) => p.fairTitle },
  { header: '举办日期', width: 12, value: (p) => p.heldOn },
  { header: '用人单位', width: 30, value: (p) => p.employerName },
  { header: '岗位名称', width: 20, value: (p) => p.title },
  { header: '岗位类别', width: 12, value: (p) => jobCategoryLabels[p.jobCategory] },
  { header: '招聘人数', width: 10, value: (p) => p.openings },
  { header: '月薪下限（元）', width: 14, numFmt: '0.00', value: (p) => yuan(p.payMinFen) },
  { header: '月薪上限（元）', width: 14, numFmt: '0.00', value: (p) => yuan(p.payMaxFen) },
  { header: '技能要求', width: 24, value: (p) => p.skills.join('、') },
  { header: '适合人群', width: 24, value: (p) => p.suitability.map((s) => suitabilityLabels[s]).join('、') },
  { header: '任职要求', width: 40, value: (p) => p.requirements ?? '' },
];

/** The position list's export. */
export const positionExport = listExport<PositionFilter, Position>({
  kind: 'position.export',
  permission: 'employment:read',
  audit: { export: 'position.export', download: 'position.export_download' },
  fileName: () => `招聘岗位-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await fairService.listPositions(db, actor, { ...f, page: 1, pageSize: 0 })).total,
  rows: (db, actor, f) => fairService.allPositions(db, actor, f),
  sheet: (_db, batches) => writeSheet('招聘岗位', positionColumns, batches),
});

interface BoothRow {
  employer: FairEmployer;
  positions: Position[];
}

const boothColumns: SheetColumn<BoothRow>[] = [
  { header: '展位号', width: 10, value: (b) => b.employer.booth ?? '' },
  { header: '参会单位', width: 32, value: (b) => b.employer.name },
  { header: '统一社会信用代码', width: 22, value: (b) => b.employer.creditCode },
  { header: '联系人', width: 12, value: (b) => b.employer.contactName ?? '' },
  { header: '岗位数', width: 8, value: (b) => b.employer.positionCount },
  { header: '招聘人数', width: 10, value: (b) => b.employer.openings },
  {
    header: '招聘岗位（月薪，元）',
    width: 60,
    value: (b) => b.positions.map((p) => `${p.title} ${p.openings}人（${pay(p)}）`).join('；'),
  },
];

/** The booth list of one fair (展位表), one row per participating employer. */
export const boothExport = listExport<BoothFilter, BoothRow>({
  kind: 'fair.booth_export',
  permission: 'employment:read',
  audit: { export: 'fair.booth_export', download: 'fair.booth_export_download' },
  fileName: () => `招聘会展位表-${today()}.xlsx`,
  count: async (db, actor, f) => (await fairService.get(db, actor, f.fairId)).employers.length,
  rows: async (db, actor, f) => {
    const fair = await fairService.get(db, actor, f.fairId);
    return fair.employers.map((employer) => ({
      employer,
      positions: fair.positions.filter((p) => p.fairEmployerId === employer.id),
    }));
  },
  sheet: (_db, batches) => writeSheet('展位表', boothColumns, batches),
});
