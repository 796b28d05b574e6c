import { formatRaise, formatYuan } from '@gonghui/contracts';

/** 550 → 5.50%, or a dash when the agreement names no raise. */
export const raiseText = (bp: number | null) => (bp === null ? '—' : formatRaise(bp));

/** 252000 → 2,520.00 元, or a dash. */
export function yuanText(fen: number | null): string {
  if (fen === null) return '—';
  const [whole, cents] = formatYuan(fen).split('.');
  return `${Number(whole).toLocaleString('zh-CN')}.${cents} 元`;
}
