/** Fen as yuan with two decimals and thousands separators: 770000 → 7,700.00. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const whole = String(Math.floor(Math.abs(fen) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
}
