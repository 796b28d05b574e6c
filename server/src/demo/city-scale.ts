import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadEmployerDemo } from '../modules/employers/index.ts';

/** Firms per town and per village at city scale: about 300,000 over Suzhou's 118 towns and 2,248 villages. */
export const CITY_SCALE = { perTown: 300, perVillage: 118 };

/**
 * Adds a city-sized employer register to a loaded demo, in bulk, and rebuilds the per-unit tallies the
 * indicators read. Returns how many employers it added.
 */
export async function loadCityScale(
  db: Kysely<Database>,
  progress?: (done: number, total: number) => void,
  scale: { perTown: number; perVillage: number } = CITY_SCALE,
): Promise<number> {
  const { n } = await db
    .selectFrom('employer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return loadEmployerDemo(db, { ...scale, seed: 300_000 + Number(n), progress });
}
