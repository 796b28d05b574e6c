/** A source of numbers in [0, 1). */
export type Rnd = () => number;

/** Deterministic pseudo-random numbers (mulberry32), so every demo load is the same city. */
export function random(seed: number): Rnd {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
/** Days since 1970-01-01 of an ISO date, and back. */
export const toDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const fromDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
