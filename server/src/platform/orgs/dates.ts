// Made once: building a formatter costs far more than formatting a date, and every request asks the day.
const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Today's date in China Standard Time, as YYYY-MM-DD: union work is dated in local days. */
export function today(): string {
  return chinaDay.format(new Date());
}
