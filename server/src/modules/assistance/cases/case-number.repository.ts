import { caseTypeShort, type CaseType } from '@gonghui/contracts';
import { withAssistance, type AppDb } from './case.definitions.ts';

/** A unit's place name without the union words and the names of the places above it. */
function placeName(name: string): string {
  let s = name.replace(/(联合)?工会(联合会)?$/, '').replace(/总$/, '');
  const prefix = /^.+?(市|区|县|镇|街道|乡)(?=.{2,})/;
  for (let m = prefix.exec(s); m && s.length > 3; m = prefix.exec(s)) s = s.slice(m[0].length);
  return s;
}

/** What a unit's name is called in a case number: 常熟市董浜镇工会 → 董浜, 东盾村联合工会 → 东盾. */
export function shortUnitName(name: string): string {
  const s = placeName(name);
  const bare = s.replace(/(开发区|街道|社区|镇|乡|村|市|区|县)$/, '');
  return (bare.length >= 2 ? bare : s).slice(0, 8) || name.slice(0, 8);
}

/**
 * Numbers cases city-wide: a unit's code (its short name, told apart from another unit's of the same
 * name by its parent's), and one counter per year, unit and type. The counter row is locked by the
 * intake's transaction, so concurrent intakes queue on it, and a failed intake gives its number back.
 */
export const caseNumberRepository = {
  /** The unit's code in case numbers, given it on its first case. */
  async unitCode(db: AppDb, unit: { id: number; name: string }, parentName: string | null): Promise<string> {
    const adb = withAssistance(db);
    const known = async () =>
      (
        await adb
          .selectFrom('case_unit_code')
          .select('code')
          .where('org_unit_id', '=', unit.id)
          .executeTakeFirst()
      )?.code;
    const have = await known();
    if (have) return have;
    const own = shortUnitName(unit.name);
    // Two units of one short name (碧溪街道, 碧溪社区) keep their kind of place, then their parent's name.
    const candidates = [
      own,
      placeName(unit.name).slice(0, 8),
      parentName ? `${shortUnitName(parentName)}${own}` : null,
      `${own}${unit.id}`,
    ];
    for (const code of candidates) {
      if (!code) continue;
      // Neither a unit's second code nor a code another unit holds: either conflict leaves nothing written.
      await adb
        .insertInto('case_unit_code')
        .values({ org_unit_id: unit.id, code })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const now = await known();
      if (now) return now;
    }
    throw new Error(`no case number code for unit ${unit.id}`);
  },

  /** The next sequence number of the year, unit and type; held by the transaction until it ends. */
  async next(db: AppDb, year: number, orgUnitId: number, type: CaseType): Promise<number> {
    const { last } = await withAssistance(db)
      .insertInto('case_number_counter')
      .values({ year, org_unit_id: orgUnitId, case_type: type, last: 1 })
      .onConflict((oc) =>
        oc
          .columns(['year', 'org_unit_id', 'case_type'])
          .doUpdateSet((eb) => ({ last: eb('case_number_counter.last', '+', 1) })),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    return last;
  },
};

/** 2011-董浜-调解-0007. */
export function caseNumber(year: number, unitCode: string, type: CaseType, seq: number): string {
  return `${year}-${unitCode}-${caseTypeShort[type]}-${String(seq).padStart(4, '0')}`;
}
