import {
  modelWorkerLevelLabels,
  paidStatusLabels,
  type RollLine,
  type RollLineFilter,
} from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, yuan, type SheetColumn } from '../model-workers.sheet.ts';
import { rollService } from './roll.service.ts';

export type RollLineExportFilter = RollLineFilter & { rollId: number };

const columns: SheetColumn<RollLine>[] = [
  { header: '姓名', width: 12, value: (l) => l.name },
  { header: '所属工会', width: 24, value: (l) => l.orgUnitName },
  { header: '荣誉级别', width: 8, value: (l) => modelWorkerLevelLabels[l.level] },
  { header: '补助标准', width: 24, value: (l) => `${l.ruleName}（第 ${l.ruleVersion} 版）` },
  { header: '金额（元）', width: 12, numFmt: '0.00', value: (l) => yuan(l.amountFen) },
  { header: '开户银行', width: 18, value: (l) => l.bankName ?? '' },
  { header: '银行账号（脱敏）', width: 24, value: (l) => l.bankAccountMasked ?? '' },
  { header: '发放状态', width: 10, value: (l) => (l.paidStatus ? paidStatusLabels[l.paidStatus] : '待审批') },
  { header: '到账日期', width: 12, value: (l) => l.paidOn ?? '' },
  { header: '备注', width: 20, value: (l) => l.paidNote ?? '' },
];

/** A roll's lines (its preview before approval) as filtered, accounts masked. */
export const rollLineExport = listExport<RollLineExportFilter, RollLine>({
  kind: 'subsidy_roll.export',
  permission: 'model_worker:read',
  audit: { export: 'subsidy_roll.export', download: 'subsidy_roll.export_download' },
  fileName: () => `劳模补助名册-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await rollService.lines(db, actor, f.rollId, { ...f, page: 1, pageSize: 1 })).total,
  rows: (db, actor, f) => rollService.allLines(db, actor, f.rollId, f),
  sheet: (_db, batches) => writeSheet('补助名册', columns, batches),
});
