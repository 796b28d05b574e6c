import { handlerKindLabels, type CaseHandler, type ListHandlersQuery } from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { assistanceSheet, type SheetColumn } from '../cases/assistance.sheet.ts';
import { handlerService } from './handler.service.ts';

type HandlerFilter = Omit<ListHandlersQuery, 'page' | 'pageSize'>;

const columns: ReadonlyArray<SheetColumn<CaseHandler>> = [
  { header: '姓名', width: 12, value: (h) => h.name },
  { header: '类别', width: 14, value: (h) => handlerKindLabels[h.kind] },
  { header: '所属单位', width: 28, value: (h) => h.orgUnitName },
  { header: '所在机构', width: 24, value: (h) => h.organisation },
  { header: '有系统账号', width: 10, value: (h) => (h.userId === null ? '否' : '是') },
  { header: '在办案件', width: 10, value: (h) => h.openCases },
];

/** The handler list's export, in the caller's scope. */
export const handlerExport = listExport<HandlerFilter, CaseHandler>({
  kind: 'case_handler.export',
  permission: 'assistance:read',
  audit: { export: 'case_handler.export', download: 'case_handler.export_download' },
  fileName: () => `经办人名录-${today()}.xlsx`,
  count: async (db, actor, f) => (await handlerService.list(db, actor, { ...f, page: 1, pageSize: 1 })).total,
  rows: async (db, actor, f) =>
    (await handlerService.list(db, actor, { ...f, page: 1, pageSize: 100_000 })).items,
  sheet: (_db, batches) => assistanceSheet('经办人名录', columns, batches),
});
