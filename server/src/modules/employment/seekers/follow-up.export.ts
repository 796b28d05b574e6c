import type { FollowUp, FollowUpFilter } from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, type SheetColumn } from '../employment.sheet.ts';
import { followUpService } from './follow-up.service.ts';

const columns: SheetColumn<FollowUp>[] = [
  { header: '姓名', width: 14, value: (f) => f.seekerName },
  { header: '登记单位', width: 24, value: (f) => f.orgUnitName },
  { header: '用人单位', width: 30, value: (f) => f.employerName },
  { header: '岗位', width: 16, value: (f) => f.positionTitle },
  { header: '就业日期', width: 12, value: (f) => f.placedOn },
  { header: '应回访日期', width: 12, value: (f) => f.followUpDue },
  { header: '逾期天数', width: 10, value: (f) => f.daysOverdue },
];

/** The follow-up list's export. */
export const followUpExport = listExport<FollowUpFilter, FollowUp>({
  kind: 'follow_up.export',
  permission: 'employment:read',
  audit: { export: 'follow_up.export', download: 'follow_up.export_download' },
  fileName: () => `待回访名单-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await followUpService.list(db, actor, { ...f, page: 1, pageSize: 0 })).total,
  rows: (db, actor, f) => followUpService.all(db, actor, f),
  sheet: (_db, batches) => writeSheet('待回访名单', columns, batches),
});
