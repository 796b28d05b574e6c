import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { employerRepository, type EmployerWithUnit } from './employer.repository.ts';
import { sheetValues, type ChangeDates } from './employer.presenter.ts';
import { sheetWriter } from './employer.sheet.ts';

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
