import {
  jobCategoryLabels,
  seekerChannelLabels,
  seekerSituationLabels,
  seekerStatusLabels,
  genderLabels,
  type Seeker,
  type SeekerFilter,
} from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, yuan, type SheetColumn } from '../employment.sheet.ts';
import { seekerService } from './seeker.service.ts';

const columns: SheetColumn<Seeker>[] = [
  { header: '姓名', width: 14, value: (s) => s.name },
  { header: '性别', width: 6, value: (s) => genderLabels[s.gender] },
  { header: '出生日期', width: 12, value: (s) => s.birthDate },
  { header: '身份证号码（脱敏）', width: 22, value: (s) => s.residentIdMasked },
  { header: '手机号码（脱敏）', width: 16, value: (s) => s.phoneMasked ?? '' },
  { header: '工会会员', width: 8, value: (s) => (s.isMember ? '是' : '否') },
  { header: '人员类别', width: 20, value: (s) => seekerSituationLabels[s.situation] },
  { header: '技能', width: 24, value: (s) => s.skills.join('、') },
  {
    header: '求职意向',
    width: 24,
    value: (s) => s.wishedCategories.map((c) => jobCategoryLabels[c]).join('、'),
  },
  { header: '期望月薪（元）', width: 14, numFmt: '0.00', value: (s) => yuan(s.wishedPayMinFen) },
  { header: '登记单位', width: 24, value: (s) => s.orgUnitName },
  { header: '登记渠道', width: 18, value: (s) => seekerChannelLabels[s.registeredVia] },
  { header: '招聘会', width: 28, value: (s) => s.fairTitle ?? '' },
  { header: '登记日期', width: 12, value: (s) => s.registeredOn },
  { header: '状态', width: 10, value: (s) => seekerStatusLabels[s.status] },
  { header: '状态日期', width: 12, value: (s) => s.statusSince },
];

/** The seeker list's export, IDs and phones masked. */
export const seekerExport = listExport<SeekerFilter, Seeker>({
  kind: 'seeker.export',
  permission: 'employment:read',
  audit: { export: 'seeker.export', download: 'seeker.export_download' },
  fileName: () => `求职人员-${today()}.xlsx`,
  count: async (db, actor, f) => (await seekerService.list(db, actor, { ...f, page: 1, pageSize: 0 })).total,
  rows: (db, actor, f) => seekerService.all(db, actor, f),
  sheet: (_db, batches) => writeSheet('求职人员', columns, batches),
});
