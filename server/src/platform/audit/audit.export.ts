import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import {
  auditActionLabels,
  auditEntityTypeLabels,
  flattenSnapshot,
  type AuditFilterQuery,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { listExport } from '../exports/list-export.ts';
import { today } from '../orgs/dates.ts';
import { scopeOf } from '../scope.ts';
import { auditRepository, type AuditLogRow } from './audit.repository.ts';
import { targetNameOf, targetNames } from './audit-names.ts';

/** Entries read at a time: their targets' names are looked up together. */
const BATCH = 1000;

/** Excel keeps at most 32,767 characters in a cell. */
const CELL_LIMIT = 32000;

const columns = [
  { header: '时间', key: 'at', width: 20 },
  { header: '操作人', key: 'username', width: 16 },
  { header: '操作人所属组织', key: 'orgUnitName', width: 28 },
  { header: '操作', key: 'action', width: 20 },
  { header: '对象类型', key: 'entityType', width: 14 },
  { header: '对象', key: 'entityName', width: 28 },
  { header: '对象编号', key: 'entityId', width: 10 },
  { header: '来源地址', key: 'clientAddress', width: 16 },
  { header: '操作内容', key: 'details', width: 80 },
];

type AuditRow = AuditLogRow & { entityName: string | null };

const chinaTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** An entry's before and after as labelled lines, as the log browser shows them. */
function details(r: AuditRow): string {
  const lines: string[] = [];
  for (const [title, value] of [
    ['操作前', r.before],
    ['操作后', r.after],
  ] as const) {
    if (value === null || value === undefined) continue;
    const fields = flattenSnapshot(value, r.entityType);
    if (fields.length === 0) continue;
    lines.push(`${title}：${fields.map((f) => `${f.label}：${f.value ?? '（无）'}`).join('；')}`);
  }
  const text = lines.join('\n');
  return text.length > CELL_LIMIT ? `${text.slice(0, CELL_LIMIT)}……` : text;
}

function auditSheet(batches: AsyncIterable<AuditRow[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const rows of batches) {
        for (const r of rows) {
          sheet
            .addRow({
              at: chinaTime(r.at),
              username: r.username ?? '系统',
              orgUnitName: r.orgUnitName ?? '',
              action: auditActionLabels[r.action] ?? r.action,
              entityType: auditEntityTypeLabels[r.entityType] ?? r.entityType,
              entityName: r.entityName ?? '',
              entityId: r.entityId ?? '',
              clientAddress: r.clientAddress ?? '',
              details: details(r),
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

/** The log's entries the filter matches in the caller's scope, a batch at a time, each with its target's name. */
async function* rowsOf(db: Kysely<Database>, actor: Actor, f: AuditFilterQuery): AsyncIterable<AuditRow[]> {
  const scope = await scopeOf(db, actor);
  for await (const rows of auditRepository.batches(db, scope, f, BATCH)) {
    const names = await targetNames(db, rows);
    yield rows.map((r) => ({ ...r, entityName: targetNameOf(names, r) }));
  }
}

/**
 * The log's export of exactly the filtered entries: sent at once up to the inline limit, above it written
 * by a background job with its progress, as every list's export; both audited.
 */
export const auditExport = listExport<AuditFilterQuery, AuditRow>({
  kind: 'audit.export',
  permission: 'audit:read',
  audit: { export: 'audit.export', download: 'audit.export_download' },
  fileName: () => `审计日志-${today()}.xlsx`,
  count: async (db, actor, f) => auditRepository.count(db, await scopeOf(db, actor), f),
  rows: (db, actor, f) => rowsOf(db, actor, f),
  sheet: (_db, batches) => auditSheet(batches),
});
