import {
  genderLabels,
  modelWorkerLevelLabels,
  modelWorkerStatusLabels,
  type ModelWorker,
  type ModelWorkerFilter,
} from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, type SheetColumn } from '../model-workers.sheet.ts';
import { modelWorkerService } from './model-worker.service.ts';

const columns: SheetColumn<ModelWorker>[] = [
  { header: '姓名', width: 12, value: (w) => w.name },
  { header: '性别', width: 6, value: (w) => genderLabels[w.gender] },
  { header: '出生日期', width: 12, value: (w) => w.birthDate },
  { header: '身份证号码（脱敏）', width: 22, value: (w) => w.residentIdMasked },
  { header: '荣誉级别', width: 8, value: (w) => modelWorkerLevelLabels[w.level] },
  { header: '荣誉称号', width: 24, value: (w) => w.title },
  { header: '享受同等待遇', width: 12, value: (w) => (w.equivalent ? '是' : '否') },
  { header: '授予年份', width: 10, value: (w) => w.awardedYear },
  { header: '工作单位', width: 28, value: (w) => w.employerName ?? w.workUnit ?? '' },
  { header: '所属工会', width: 24, value: (w) => w.orgUnitName },
  { header: '在职状态', width: 8, value: (w) => modelWorkerStatusLabels[w.status] },
  { header: '生活困难', width: 8, value: (w) => (w.hardship ? '是' : '否') },
  { header: '困难情况说明', width: 30, value: (w) => w.hardshipEvidence ?? '' },
  { header: '开户银行', width: 16, value: (w) => w.bankName ?? '' },
  { header: '银行账号（脱敏）', width: 24, value: (w) => w.bankAccountMasked ?? '' },
];

/** The registry's export: exactly the list's filtered rows, IDs and accounts masked. */
export const modelWorkerExport = listExport<ModelWorkerFilter, ModelWorker>({
  kind: 'model_worker.export',
  permission: 'model_worker:read',
  audit: { export: 'model_worker.export', download: 'model_worker.export_download' },
  fileName: () => `劳动模范-${today()}.xlsx`,
  count: (db, actor, f) => modelWorkerService.count(db, actor, f),
  rows: (db, actor, f) => modelWorkerService.all(db, actor, f),
  sheet: (_db, batches) => writeSheet('劳动模范', columns, batches),
});
