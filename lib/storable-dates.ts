// Dates and timestamps that arrive as text (URL filters, keyset cursors) and go to PostgreSQL as
// literals. A pattern like \d{4}-\d{2}-\d{2} still lets through month 13, 30 February or year 0000,
// which PostgreSQL refuses (22008), so the whole statement fails: these check the calendar too, and
// keep years to 1900..9999 (nothing in the console is older, and PostgreSQL has no year 0).
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// How PostgreSQL prints a timestamptz: 2026-01-01 10:00:00.123456+00, or +05:30.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2}))?$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A YYYY-MM-DD day that exists in the calendar, in years 1900..9999. */
export function isStorableDay(value: string): boolean {
  const match = DAY.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A timestamptz as PostgreSQL prints it (the runs cursor) that PostgreSQL will also read back. */
export function isRealTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [, day, hour, minute, second, offsetHours, offsetMinutes = "00"] = match;
  return (
    isStorableDay(day!) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 15 &&
    Number(offsetMinutes) <= 59
  );
}
