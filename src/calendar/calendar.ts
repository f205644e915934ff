/**
 * The business-day clock of legal response times.
 *
 * Federal response times run in business days (días hábiles): Monday to Friday, except the non-working days
 * in holidays-data.ts. Dates are calendar days in Mexico City, written YYYY-MM-DD; day arithmetic is done on
 * UTC-midnight Dates built from those parts, so the host's time zone never matters. Only the conversions
 * between instants and Mexico City dates (mexicoDate, endOfDay) use the time zone, through Intl, so they stay
 * right if the zone's rules change again (Mexico City dropped daylight saving time in October 2022).
 */
import { AppError } from '../errors.ts';
import { HOLIDAYS, type Holiday } from './holidays-data.ts';

export type { Holiday } from './holidays-data.ts';

export const CALENDAR_TIME_ZONE = 'America/Mexico_City';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const HOLIDAY_DATES: ReadonlySet<string> = new Set(Object.values(HOLIDAYS).flatMap((list) => list.map((h) => h.date)));
const COVERED_YEARS: ReadonlySet<number> = new Set(Object.keys(HOLIDAYS).map(Number));

const DATE_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: CALENDAR_TIME_ZONE,
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const badDate = (message: string) => new AppError('calendar.bad_date', message, 400);

/** The Mexico City wall-clock time of an instant, 'YYYY-MM-DD HH:MM:SS' (as printed on documents). */
export function mexicoDateTime(instant: Date): string {
  const p = wallClock(instant);
  return `${ymd(p)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** Whether year-month-day is a day of the Gregorian calendar (not 31 February, nor 29 February 1900). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isSafeInteger)) return false;
  const d = utc(year, month, day);
  // Date rolls 31 February over into 3 March; the round trip catches it.
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The UTC-midnight Date of a YYYY-MM-DD calendar date; rejects anything that is not a real date. */
function parseDate(date: string, what = 'date'): Date {
  const m = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isCalendarDate(year, month, day)) return utc(year, month, day);
  }
  throw badDate(
    `The ${what} ${JSON.stringify(date)} is not a real calendar date; write it as YYYY-MM-DD, e.g. 2025-04-17.`,
  );
}

/** Like Date.UTC, but without its mapping of years 0–99 to 1900–1999. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d;
}

const format = (d: Date): string => d.toISOString().slice(0, 10);
const nextDay = (d: Date): Date => new Date(d.getTime() + DAY_MS);

function requireCovered(year: number): void {
  if (!COVERED_YEARS.has(year)) {
    throw new AppError(
      'calendar.year_not_covered',
      `There is no holiday calendar for ${year}, so legal deadlines in that year cannot be ` +
        `computed; add the year to src/calendar/holidays-data.ts.`,
      500,
    );
  }
}

/** The business-day test on an already parsed date. */
function isBusiness(d: Date): boolean {
  requireCovered(d.getUTCFullYear());
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAY_DATES.has(format(d));
}

/** The Mexico City calendar date (YYYY-MM-DD) of an instant. */
export function mexicoDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw badDate('The instant is not a valid Date.');
  return ymd(wallClock(instant));
}

export function isBusinessDay(date: string): boolean {
  return isBusiness(parseDate(date));
}

/**
 * The due date of a response time: the date after `n` business days counted from the day after `start`
 * (the filing day does not count). n = 0 -> the same date if it is a business day, else the next business day.
 */
export function addBusinessDays(start: string, n: number): string {
  let d = parseDate(start, 'start date');
  if (!Number.isSafeInteger(n) || n < 0)
    throw badDate(`The number of business days must be a non-negative integer, not ${String(n)}.`);
  if (n === 0) {
    while (!isBusiness(d)) d = nextDay(d);
    return format(d);
  }
  // Terminates: every step either counts a business day or walks towards the end of the covered years, where
  // isBusiness throws.
  for (let counted = 0; counted < n; ) {
    d = nextDay(d);
    if (isBusiness(d)) counted++;
  }
  return format(d);
}

/** Business days strictly after `from` up to and including `to` (0 if to <= from). */
export function businessDaysBetween(from: string, to: string): number {
  let d = parseDate(from, 'start date');
  const end = parseDate(to, 'end date').getTime();
  let count = 0;
  while (d.getTime() < end) {
    d = nextDay(d);
    if (isBusiness(d)) count++;
  }
  return count;
}

/** The instant a due date ends: 23:59:59.999 Mexico City time on that date, as a Date (UTC instant). */
export function endOfDay(date: string): Date {
  const d = parseDate(date);
  // The wall-clock time read as if it were UTC, then corrected by the zone's offset at that instant. The second
  // pass settles the offset when the first guess lands on the other side of a rule change (the old DST switches
  // happened at 02:00, never near midnight, so 23:59:59.999 always exists and is unambiguous).
  const wall = d.getTime() + DAY_MS - 1;
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

/**
 * For a clock that is stopped for a while (information requests), the new due date after the clock was stopped
 * on `stoppedOn` and resumed on `resumedOn`: shift the due date by the business days the clock was stopped.
 *
 * The stop day itself has run (like the filing day, the clock counts it); the days lost are the business days
 * after `stoppedOn` up to and including `resumedOn`, the day the missing information arrived, and the clock runs
 * again from the day after. A stop that loses no business day (resumed the same day, or only over a weekend)
 * leaves the due date as it was.
 */
export function extendDueDate(due: string, stoppedOn: string, resumedOn: string): string {
  const dueDate = parseDate(due, 'due date');
  const stopped = parseDate(stoppedOn, 'stop date');
  const resumed = parseDate(resumedOn, 'resume date');
  if (resumed.getTime() < stopped.getTime())
    throw badDate(`The clock cannot resume (${resumedOn}) before it was stopped (${stoppedOn}).`);
  if (stopped.getTime() > dueDate.getTime()) {
    throw badDate(`The clock cannot be stopped on ${stoppedOn}, after the response time already ended on ${due}.`);
  }
  const lost = businessDaysBetween(stoppedOn, resumedOn);
  return lost === 0 ? due : addBusinessDays(due, lost);
}

export function holidaysOf(year: number): readonly Holiday[] {
  if (!Number.isSafeInteger(year)) throw badDate(`The year must be an integer, not ${String(year)}.`);
  requireCovered(year);
  return HOLIDAYS[year] ?? [];
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Mexico City wall-clock time of an instant. */
const two = (n: number) => String(n).padStart(2, '0');
const ymd = (p: WallClock) => `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}`;

function wallClock(instant: Date | number): WallClock {
  const p: Record<string, number> = {};
  for (const { type, value } of DATE_PARTS.formatToParts(instant)) {
    if (type !== 'literal') p[type] = Number(value);
  }
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** Mexico City's offset from UTC in milliseconds (negative: behind UTC) at an instant. */
function offsetAt(instant: number): number {
  const w = wallClock(instant);
  const seconds = instant - (((instant % 1000) + 1000) % 1000);
  return utc(w.year, w.month, w.day, w.hour, w.minute, w.second).getTime() - seconds;
}

/** `date` plus `days` calendar days (not business days): validity periods, date windows. */
export const addCalendarDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
