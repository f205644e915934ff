import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CALENDAR_TIME_ZONE,
  addBusinessDays,
  businessDaysBetween,
  endOfDay,
  extendDueDate,
  holidaysOf,
  isBusinessDay,
  mexicoDate,
} from '../src/calendar/calendar.ts';
import { HOLIDAYS } from '../src/calendar/holidays-data.ts';
import { AppError } from '../src/errors.ts';

const YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030];
const DAY_MS = 86_400_000;

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function nthMonday(year: number, month: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return iso(year, month, 1 + ((8 - first) % 7) + 7 * (n - 1));
}

function statutoryDays(year: number): string[] {
  const days = [
    iso(year, 1, 1),
    nthMonday(year, 2, 1),
    nthMonday(year, 3, 3),
    iso(year, 5, 1),
    iso(year, 9, 16),
    nthMonday(year, 11, 3),
    iso(year, 12, 25),
  ];
  if ((year - 2024) % 6 === 0) days.push(iso(year, 10, 1));
  return days.sort();
}

function administrativeDays(year: number): string[] {
  const e = easter(year);
  return [plusDays(e, -3), plusDays(e, -2), iso(year, 11, 2), iso(year, 12, 12)].sort();
}

const appError = (code: string, status: number) => (e: unknown) =>
  e instanceof AppError && e.code === code && e.status === status;
const badDate = appError('calendar.bad_date', 400);
const notCovered = appError('calendar.year_not_covered', 500);

/** Fixed-seed PRNG (mulberry32) so the property test is reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the Easter computation gives the known dates', () => {
  assert.equal(easter(2024), '2024-03-31');
  assert.equal(easter(2025), '2025-04-20');
  assert.equal(easter(2019), '2019-04-21');
  assert.equal(easter(2038), '2038-04-25');
});

test('holiday data covers 2024–2030, sorted, unique, real dates of its own year', () => {
  assert.deepEqual(Object.keys(HOLIDAYS).map(Number), YEARS);
  for (const year of YEARS) {
    const dates = holidaysOf(year).map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort(), `${year} sorted`);
    assert.equal(new Set(dates).size, dates.length, `${year} unique`);
    for (const h of holidaysOf(year)) {
      assert.match(h.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(new Date(`${h.date}T00:00:00Z`).toISOString().slice(0, 10), h.date, `${h.date} is a real date`);
      assert.equal(h.date.slice(0, 4), String(year));
      assert.ok(h.name.es && h.name.en, `${h.date} has both names`);
    }
  }
});

test('Holy Thursday and Good Friday in the data match Easter for every year', () => {
  for (const year of YEARS) {
    const e = easter(year);
    const byDate = new Map(holidaysOf(year).map((h) => [h.date, h]));
    const thursday = byDate.get(plusDays(e, -3));
    const friday = byDate.get(plusDays(e, -2));
    assert.equal(thursday?.name.en, 'Holy Thursday', `${year}: Holy Thursday ${plusDays(e, -3)}`);
    assert.equal(friday?.name.en, 'Good Friday', `${year}: Good Friday ${plusDays(e, -2)}`);
    assert.equal(thursday?.kind, 'administrative');
    assert.equal(friday?.kind, 'administrative');
    assert.equal(weekday(thursday!.date), 4);
    assert.equal(weekday(friday!.date), 5);
  }
});

test('every year has exactly the statutory rest days (statutory) and the administrative ones (administrative)', () => {
  for (const year of YEARS) {
    const list = holidaysOf(year);
    assert.deepEqual(
      list.filter((h) => h.kind === 'statutory').map((h) => h.date),
      statutoryDays(year),
      `${year} statutory`,
    );
    assert.deepEqual(
      list.filter((h) => h.kind === 'administrative').map((h) => h.date),
      administrativeDays(year),
      `${year} administrative`,
    );
  }
  // The change of federal executive: 1 October only in 2024 and 2030.
  assert.equal(isBusinessDay('2024-10-01'), false);
  assert.equal(isBusinessDay('2030-10-01'), false);
  assert.equal(isBusinessDay('2025-10-01'), true);
  // The Mondays that replace the fixed dates, not the dates themselves.
  assert.equal(isBusinessDay('2025-02-03'), false);
  assert.equal(isBusinessDay('2025-02-05'), true);
  assert.equal(isBusinessDay('2025-03-17'), false);
  assert.equal(isBusinessDay('2025-03-21'), true);
  assert.equal(isBusinessDay('2025-11-17'), false);
  assert.equal(isBusinessDay('2025-11-20'), true);
});

test('the holiday data cannot be changed through holidaysOf', () => {
  const list = holidaysOf(2025) as unknown as { date: string }[];
  assert.throws(() => list.push({ date: '2025-07-01' }), TypeError);
  assert.throws(() => {
    list[0]!.date = '2025-07-01';
  }, TypeError);
});

test('weekends are not business days, ordinary weekdays are', () => {
  assert.equal(isBusinessDay('2025-06-07'), false); // Saturday
  assert.equal(isBusinessDay('2025-06-08'), false); // Sunday
  assert.equal(isBusinessDay('2025-06-09'), true); // Monday
  assert.equal(isBusinessDay('2025-06-13'), true); // Friday
  assert.equal(isBusinessDay('2024-02-29'), true); // leap day, Thursday
  assert.equal(addBusinessDays('2025-06-13', 1), '2025-06-16'); // Friday + 1 -> Monday
  assert.equal(addBusinessDays('2025-06-14', 1), '2025-06-16'); // filed Saturday + 1 -> Monday
  assert.equal(addBusinessDays('2025-06-09', 5), '2025-06-16'); // a full week
  assert.equal(addBusinessDays('2025-06-09', 10), '2025-06-23');
});

test(
  'a due date spanning a holiday: filed Friday 13 Sep 2024 + 2 business days is Wednesday 18 ' +
    'Sep (16 Sep is a holiday)',
  () => {
    assert.equal(addBusinessDays('2024-09-13', 2), '2024-09-18');
    assert.equal(addBusinessDays('2024-09-13', 1), '2024-09-17');
    assert.equal(businessDaysBetween('2024-09-13', '2024-09-18'), 2);
  },
);

test('Holy week 2025: 17 and 18 April are not business days', () => {
  assert.equal(isBusinessDay('2025-04-16'), true);
  assert.equal(isBusinessDay('2025-04-17'), false);
  assert.equal(isBusinessDay('2025-04-18'), false);
  assert.equal(addBusinessDays('2025-04-16', 1), '2025-04-21');
  assert.equal(addBusinessDays('2025-04-15', 2), '2025-04-21');
  assert.equal(businessDaysBetween('2025-04-16', '2025-04-21'), 1);
});

test('across the year end: December 2025 into January 2026', () => {
  assert.equal(addBusinessDays('2025-12-30', 2), '2026-01-02'); // 31 Dec, (1 Jan holiday), 2 Jan
  assert.equal(addBusinessDays('2025-12-24', 5), '2026-01-02'); // (25 Dec) 26, 29, 30, 31, (1 Jan) 2
  assert.equal(addBusinessDays('2025-12-19', 10), '2026-01-06'); // 22, 23, 24, 26, 29, 30, 31, 2, 5, 6
  assert.equal(businessDaysBetween('2025-12-24', '2026-01-02'), 5);
  assert.equal(businessDaysBetween('2025-12-19', '2026-01-06'), 10);
});

test('n = 0: the same day if it is a business day, else the next business day', () => {
  assert.equal(addBusinessDays('2025-06-09', 0), '2025-06-09');
  assert.equal(addBusinessDays('2025-06-07', 0), '2025-06-09'); // Saturday -> Monday
  assert.equal(addBusinessDays('2025-03-15', 0), '2025-03-18'); // Saturday -> Tuesday, Monday 17 Mar is a holiday
  assert.equal(addBusinessDays('2025-04-17', 0), '2025-04-21'); // Holy Thursday -> Monday
});

test('businessDaysBetween is the inverse of addBusinessDays (fixed-seed property test)', () => {
  const random = rng(20250417);
  const first = Date.UTC(2024, 0, 1);
  const span = (Date.UTC(2030, 8, 1) - first) / DAY_MS;
  for (let i = 0; i < 2000; i++) {
    const start = new Date(first + Math.floor(random() * span) * DAY_MS).toISOString().slice(0, 10);
    const n = Math.floor(random() * 80);
    const due = addBusinessDays(start, n);
    assert.ok(isBusinessDay(due), `${start} + ${n} = ${due} is a business day`);
    assert.ok(due >= start);
    const expected = n === 0 ? (isBusinessDay(start) ? 0 : 1) : n;
    assert.equal(businessDaysBetween(start, due), expected, `${start} + ${n} = ${due}`);
    if (n > 0)
      assert.equal(businessDaysBetween(start, plusDays(due, -1)), n - 1, `${due} is the first date reaching ${n}`);

    // The other way round: counting to any date, then adding that count back, lands on the last business day <= to.
    const to = plusDays(start, Math.floor(random() * 120));
    const k = businessDaysBetween(start, to);
    if (k > 0) {
      let lastBusiness = to;
      while (!isBusinessDay(lastBusiness)) lastBusiness = plusDays(lastBusiness, -1);
      assert.equal(addBusinessDays(start, k), lastBusiness, `${start} -> ${to}: ${k}`);
    }
  }
});

test('businessDaysBetween: 0 when to <= from, and counts only the days after from', () => {
  assert.equal(businessDaysBetween('2025-06-10', '2025-06-10'), 0);
  assert.equal(businessDaysBetween('2025-06-10', '2025-06-01'), 0);
  assert.equal(businessDaysBetween('2025-06-06', '2025-06-09'), 1); // Friday -> Monday
  assert.equal(businessDaysBetween('2025-06-07', '2025-06-08'), 0); // Saturday -> Sunday
  // 2025: 261 weekdays, 10 of them holidays (2 November falls on a Sunday).
  assert.equal(businessDaysBetween('2024-12-31', '2025-12-31'), 251);
});

test('mexicoDate: the Mexico City calendar date of an instant (UTC-6 since 2022, UTC-5 in 2022 summer time)', () => {
  assert.equal(CALENDAR_TIME_ZONE, 'America/Mexico_City');
  assert.equal(mexicoDate(new Date('2025-03-01T05:30:00Z')), '2025-02-28');
  assert.equal(mexicoDate(new Date('2025-03-01T05:59:59.999Z')), '2025-02-28');
  assert.equal(mexicoDate(new Date('2025-03-01T06:00:00Z')), '2025-03-01');
  assert.equal(mexicoDate(new Date('2025-07-01T05:30:00Z')), '2025-06-30'); // no summer time any more
  assert.equal(mexicoDate(new Date('2022-07-01T04:30:00Z')), '2022-06-30'); // summer time 2022: UTC-5
  assert.equal(mexicoDate(new Date('2022-07-01T05:30:00Z')), '2022-07-01');
  assert.equal(mexicoDate(new Date('2025-12-31T23:00:00Z')), '2025-12-31');
  assert.equal(mexicoDate(new Date('2026-01-01T06:00:00Z')), '2026-01-01');
});

test('endOfDay: 23:59:59.999 in Mexico City on that date', () => {
  assert.equal(endOfDay('2025-02-28').toISOString(), '2025-03-01T05:59:59.999Z');
  assert.equal(endOfDay('2025-12-31').toISOString(), '2026-01-01T05:59:59.999Z');
  assert.equal(endOfDay('2024-02-29').toISOString(), '2024-03-01T05:59:59.999Z');
  assert.equal(endOfDay('2022-07-01').toISOString(), '2022-07-02T04:59:59.999Z'); // summer time 2022
  for (const date of ['2022-04-02', '2022-04-03', '2022-10-29', '2022-10-30', '2025-06-15', '2030-12-31']) {
    const end = endOfDay(date);
    assert.equal(mexicoDate(end), date, `${date} ends on itself`);
    assert.equal(
      mexicoDate(new Date(end.getTime() + 1)),
      plusDays(date, 1),
      `${date} ends one millisecond before the next day`,
    );
  }
});

test('extendDueDate shifts the due date by the business days the clock was stopped', () => {
  // Stopped Thursday 10 Apr 2025, resumed Tuesday 22 Apr: 11, 14, 15, 16, (17, 18 Holy week), 21, 22 = 6 days.
  assert.equal(businessDaysBetween('2025-04-10', '2025-04-22'), 6);
  // Due Wednesday 30 Apr + 6: (1 May holiday) 2, 5, 6, 7, 8, 9 May.
  assert.equal(extendDueDate('2025-04-30', '2025-04-10', '2025-04-22'), '2025-05-09');
  // Same as: the days left when stopped, counted again from the day the clock resumed.
  const left = businessDaysBetween('2025-04-10', '2025-04-30');
  assert.equal(addBusinessDays('2025-04-22', left), '2025-05-09');

  assert.equal(extendDueDate('2025-06-20', '2025-06-10', '2025-06-10'), '2025-06-20'); // resumed the same day
  assert.equal(extendDueDate('2025-06-20', '2025-06-13', '2025-06-15'), '2025-06-20'); // only a weekend
  assert.equal(extendDueDate('2025-06-20', '2025-06-13', '2025-06-16'), '2025-06-23'); // one business day
  // stopped on the due date: 23, 24 lost
  assert.equal(extendDueDate('2025-06-20', '2025-06-20', '2025-06-24'), '2025-06-24');
  // 22, 23, 24 lost: 31 Dec, 2 Jan, 5 Jan
  assert.equal(extendDueDate('2025-12-30', '2025-12-19', '2025-12-24'), '2026-01-05');
  assert.throws(() => extendDueDate('2025-06-20', '2025-06-12', '2025-06-11'), badDate); // resumed before stopped
  assert.throws(() => extendDueDate('2025-06-20', '2025-06-23', '2025-06-24'), badDate); // stopped after the due date
  assert.throws(() => extendDueDate('2025-06-31', '2025-06-12', '2025-06-13'), badDate);
});

test('a year without holiday data is refused, not silently computed', () => {
  assert.throws(() => isBusinessDay('2023-12-29'), notCovered);
  assert.throws(() => isBusinessDay('2031-01-02'), notCovered);
  assert.throws(() => isBusinessDay('2031-01-04'), notCovered); // even a Sunday: the year has no data at all
  assert.throws(() => addBusinessDays('2030-12-27', 5), notCovered);
  assert.equal(addBusinessDays('2030-12-31', 0), '2030-12-31'); // the last covered day still works
  assert.throws(() => addBusinessDays('2023-12-30', 0), notCovered);
  assert.throws(() => businessDaysBetween('2030-12-01', '2031-01-15'), notCovered);
  assert.throws(() => holidaysOf(2031), notCovered);
  assert.throws(() => holidaysOf(2023), notCovered);
  assert.throws(() => addBusinessDays('2024-01-01', 1_000_000), notCovered); // runs off the data, does not loop forever
  assert.throws(() => isBusinessDay('0099-01-01'), notCovered); // a real date, just not a covered one
  assert.equal(addBusinessDays('2023-12-31', 1), '2024-01-02'); // the filing day itself is never looked at
});

test('bad inputs are a 400, never a wrong answer', () => {
  for (const bad of [
    '2025-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2025-4-1',
    '2025-04-01T00:00:00Z',
    '',
    ' 2025-04-01',
    '20250401',
    '+02025-04-01',
  ]) {
    assert.throws(() => isBusinessDay(bad), badDate, bad);
    assert.throws(() => addBusinessDays(bad, 1), badDate, bad);
    assert.throws(() => businessDaysBetween(bad, '2025-06-01'), badDate, bad);
    assert.throws(() => businessDaysBetween('2025-06-01', bad), badDate, bad);
    assert.throws(() => endOfDay(bad), badDate, bad);
  }
  assert.throws(() => isBusinessDay(undefined as unknown as string), badDate);
  for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3' as unknown as number]) {
    assert.throws(() => addBusinessDays('2025-06-09', n), badDate, String(n));
  }
  assert.throws(() => mexicoDate(new Date('not a date')), badDate);
  assert.throws(() => mexicoDate('2025-06-09' as unknown as Date), badDate);
  assert.throws(() => holidaysOf(2025.5), badDate);
});

test('the host time zone does not change any answer', () => {
  const saved = process.env.TZ;
  const answers = () => [
    addBusinessDays('2024-09-13', 2),
    addBusinessDays('2025-12-24', 5),
    isBusinessDay('2025-06-07'),
    businessDaysBetween('2025-04-10', '2025-04-22'),
    mexicoDate(new Date('2025-03-01T05:30:00Z')),
    endOfDay('2025-02-28').toISOString(),
  ];
  const expected = answers();
  try {
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'America/Mexico_City']) {
      process.env.TZ = tz;
      assert.deepEqual(answers(), expected, tz);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
