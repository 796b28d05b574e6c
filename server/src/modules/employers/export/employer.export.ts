import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { EmployerFilter } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { employerRepository, type EmployerWithUnit } from '../registry/employer.repository.ts';
import { sheetValues, type ChangeDates } from '../registry/employer.presenter.ts';
import { employerService } from '../registry/employer.service.ts';
import { sheetWriter } from '../import/employer.sheet.ts';

/** Streams batches of employers into an .xlsx with the import template's columns. */
export function exportEmployers(
  db: Kysely<Database>,
  batches: AsyncIterable<EmployerWithUnit[]>,
  onBatch: (rows: number) => void = () => {},
): Readable {
  const writer = sheetWriter();
  void (async () => {
    try {
      for await (const rows of batches) {
        const since = new Map<number, ChangeDates>();
        for (const d of await employerRepository.latestChangeDates(
          db,
          rows.map((r) => r.id),
        )) {
          const s = since.get(d.employerId) ?? {};
          if (d.aspect === 'union') s.union = d.date;
          if (d.aspect === 'party') s.party = d.date;
          if (d.aspect === 'instructor') s.instructor = d.date;
          since.set(d.employerId, s);
        }
        for (const r of rows) writer.add(sheetValues(r, since.get(r.id) ?? {}));
        onBatch(rows.length);
      }
      await writer.finish();
    } catch (e) {
      writer.stream.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return writer.stream;
}

/** The register's export of exactly the list's filtered rows, in the import template's columns. */
export const employerExport = listExport<EmployerFilter, EmployerWithUnit>({
  kind: 'employer.export',
  permission: 'employer:read',
  audit: { export: 'employer.export', download: 'employer.export_download' },
  fileName: () => `单位名录-${today()}.xlsx`,
  count: async (db, actor, f) =>
    (await employerService.list(db, actor, { ...f, page: 1, pageSize: 0 })).total,
  rows: (db, actor, f) => employerService.stream(db, actor, f),
  sheet: (db, batches) => exportEmployers(db, batches),
});
