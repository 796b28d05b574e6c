/** 500000 fen → "5,000"; a range of monthly pay in yuan. */
export function payRange(minFen: number, maxFen: number): string {
  const y = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return minFen === maxFen ? `${y(minFen)} 元` : `${y(minFen)}–${y(maxFen)} 元`;
}

/** Yuan typed in a form → fen; empty stays empty. */
export const toFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);
