/** Today's date in China Standard Time, as YYYY-MM-DD: union work is dated in local days. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
