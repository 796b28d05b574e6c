import { programmeLabels, type Course, type CourseFilter } from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, yuan, type SheetColumn } from '../employment.sheet.ts';
import { courseService } from './course.service.ts';

const columns: SheetColumn<Course>[] = [
  { header: '培训班名称', width: 36, value: (c) => c.title },
  { header: '培训项目', width: 14, value: (c) => programmeLabels[c.programme] },
  { header: '收费', width: 8, value: (c) => (c.free ? '免费' : '收费') },
  { header: '培训费（元）', width: 12, numFmt: '0.00', value: (c) => yuan(c.feeFen) },
  { header: '开班日期', width: 12, value: (c) => c.startsOn },
  { header: '结业日期', width: 12, value: (c) => c.endsOn },
  { header: '举办单位', width: 26, value: (c) => c.orgUnitName },
  { header: '培训地点', width: 26, value: (c) => c.venue },
  { header: '课时数', width: 8, value: (c) => c.sessions },
  { header: '名额', width: 8, value: (c) => c.capacity },
  { header: '已报名', width: 8, value: (c) => c.enrolled },
  { header: '候补', width: 8, value: (c) => c.waiting },
  { header: '发证人数', width: 10, value: (c) => c.certified },
];

/** The course list's export. */
export const courseExport = listExport<CourseFilter, Course>({
  kind: 'course.export',
  permission: 'employment:read',
  audit: { export: 'course.export', download: 'course.export_download' },
  fileName: () => `培训班-${today()}.xlsx`,
  count: async (db, actor, f) => (await courseService.list(db, actor, { ...f, page: 1, pageSize: 0 })).total,
  rows: (db, actor, f) => courseService.all(db, actor, f),
  sheet: (_db, batches) => writeSheet('培训班', columns, batches),
});
