import {
  modelWorkerLevelLabels,
  modelWorkerStatusLabels,
  type Visit,
  type VisitFilter,
} from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, type SheetColumn } from '../model-workers.sheet.ts';
import { visitService } from './visit.service.ts';

export type VisitExportFilter = VisitFilter & { cycleId: number };

const columns: SheetColumn<Visit>[] = [
  { header: '姓名', width: 12, value: (v) => v.name },
  { header: '所属工会', width: 24, value: (v) => v.orgUnitName },
  { header: '荣誉级别', width: 8, value: (v) => modelWorkerLevelLabels[v.level] },
  { header: '在职状态', width: 8, value: (v) => modelWorkerStatusLabels[v.status] },
  { header: '生活困难', width: 8, value: (v) => (v.hardship ? '是' : '否') },
  { header: '已慰问', width: 8, value: (v) => (v.done ? '是' : '否') },
  { header: '慰问人', width: 16, value: (v) => v.visitedBy ?? '' },
  { header: '慰问日期', width: 12, value: (v) => v.visitedOn ?? '' },
  { header: '情况记录', width: 30, value: (v) => v.note ?? '' },
];

/** A visit cycle's recipient list as filtered. */
export const visitExport = listExport<VisitExportFilter, Visit>({
  kind: 'visit.export',
  permission: 'model_worker:read',
  audit: { export: 'visit.export', download: 'visit.export_download' },
  fileName: () => `劳模慰问名单-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await visitService.visits(db, actor, f.cycleId, { ...f, page: 1, pageSize: 1 })).total,
  rows: (db, actor, f) => visitService.allVisits(db, actor, f.cycleId, f),
  sheet: (_db, batches) => writeSheet('慰问名单', columns, batches),
});
