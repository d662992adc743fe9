// HTTP-date (RFC 9110 §5.6.7): the one parser every room uses (the server's `Date`, HAR times
// when they are HTTP-dates). Pure: `now` is passed in, nothing reads the clock.

const MAX_MS = 8.64e15; // ECMAScript time value range; beyond it Date methods throw

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_NAMES = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_NAMES_LONG = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(\\d\\d):(\\d\\d):(\\d\\d)';
// RFC 9110 §5.6.7. Fixed-shape, anchored patterns: no alternation inside repeats, so no
// backtracking blow-up. Names are case-sensitive in the grammar (%s"Mon").
const IMF = new RegExp(`^${DAY_NAMES}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${DAY_NAMES_LONG}, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY_NAMES} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function build(year: number, month: string, day: number, hh: string, mm: string, ss: string): number | undefined {
  const m = MONTHS.indexOf(month);
  const h = Number(hh),
    mi = Number(mm),
    s = Number(ss);
  if (h > 23 || mi > 59 || s > 60 || day < 1) return undefined; // 60: leap second (§5.6.7)
  const daysInMonth = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  const t = new Date(0);
  t.setUTCFullYear(year, m, day); // Date.UTC maps years 0-99 to 19xx; this does not
  t.setUTCHours(h, mi, Math.min(s, 59), 0);
  return t.getTime();
}

/**
 * An HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms) as ms since epoch, or
 * undefined. RFC 850 has a two-digit year: per §5.6.7 one that would be more than 50 years after
 * `now` means the most recent past such year; without `now`, 00-69 are 20xx and 70-99 are 19xx.
 */
export function parseHttpDate(value: string, now?: number): number | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const v = value.trim();
  let r = IMF.exec(v);
  if (r) return build(Number(r[3]), r[2]!, Number(r[1]), r[4]!, r[5]!, r[6]!);
  r = RFC850.exec(v);
  if (r) {
    const yy = Number(r[3]);
    let year: number;
    if (now !== undefined && Number.isFinite(now) && Math.abs(now) <= MAX_MS) {
      const current = new Date(now).getUTCFullYear();
      year = Math.floor(current / 100) * 100 + yy;
      if (year > current + 50) year -= 100;
    } else {
      year = yy < 70 ? 2000 + yy : 1900 + yy;
    }
    return build(year, r[2]!, Number(r[1]), r[4]!, r[5]!, r[6]!);
  }
  r = ASCTIME.exec(v);
  if (r) {
    return build(Number(r[6]), r[1]!, Number(r[2]!.trim()), r[3]!, r[4]!, r[5]!);
  }
  return undefined;
}
