/**
 * Reference data: the days on which federal response times do not run, per year.
 *
 * Legal response times of federal procedures are counted in business days (días hábiles):
 * Monday to Friday, except these days. Two kinds:
 * - `statutory`: the mandatory rest days of the Ley Federal del Trabajo, art. 74 (fixed dates, the
 *   Mondays that replace 5 February, 21 March and 20 November, and 1 October in the years the federal
 *   executive changes: 2024, 2030, …).
 * - `administrative`: days the federal administration commonly declares non-working for procedures in
 *   its yearly official calendar (Holy Thursday, Good Friday, 2 November, 12 December).
 *
 * Each year is written out explicitly (generated once, checked by test/calendar.test.ts, which recomputes
 * every date including Easter) so a reviewer can compare it line by line with the calendar published in the
 * Diario Oficial de la Federación. A year missing here makes the calendar refuse to compute deadlines in it
 * rather than silently ignore its holidays: add the next year before it starts.
 */

export interface Holiday {
  /** YYYY-MM-DD, a calendar day in Mexico City. */
  date: string;
  name: { es: string; en: string };
  kind: 'statutory' | 'administrative';
}

const deepFreeze = (years: Record<number, Holiday[]>): Readonly<Record<number, readonly Holiday[]>> => {
  for (const list of Object.values(years)) {
    for (const h of list) Object.freeze(Object.freeze(h).name);
    Object.freeze(list);
  }
  return Object.freeze(years);
};

/** Sorted by date within each year. Years 2024–2030 inclusive. */
export const HOLIDAYS: Readonly<Record<number, readonly Holiday[]>> = deepFreeze({
  2024: [
    { date: '2024-01-01', name: { es: 'Año Nuevo', en: "New Year's Day" }, kind: 'statutory' },
    {
      date: '2024-02-05',
      name: { es: 'Día de la Constitución (5 de febrero)', en: 'Constitution Day (5 February)' },
      kind: 'statutory',
    },
    {
      date: '2024-03-18',
      name: { es: 'Natalicio de Benito Juárez (21 de marzo)', en: "Benito Juárez's Birthday (21 March)" },
      kind: 'statutory',
    },
    { date: '2024-03-28', name: { es: 'Jueves Santo', en: 'Holy Thursday' }, kind: 'administrative' },
    { date: '2024-03-29', name: { es: 'Viernes Santo', en: 'Good Friday' }, kind: 'administrative' },
    { date: '2024-05-01', name: { es: 'Día del Trabajo', en: 'Labour Day' }, kind: 'statutory' },
    { date: '2024-09-16', name: { es: 'Día de la Independencia', en: 'Independence Day' }, kind: 'statutory' },
    {
      date: '2024-10-01',
      name: { es: 'Transmisión del Poder Ejecutivo Federal', en: 'Transfer of the Federal Executive Power' },
      kind: 'statutory',
    },
    { date: '2024-11-02', name: { es: 'Día de Muertos', en: 'Day of the Dead' }, kind: 'administrative' },
    {
      date: '2024-11-18',
      name: { es: 'Día de la Revolución (20 de noviembre)', en: 'Revolution Day (20 November)' },
      kind: 'statutory',
    },
    {
      date: '2024-12-12',
      name: { es: 'Día de la Virgen de Guadalupe', en: 'Our Lady of Guadalupe Day' },
      kind: 'administrative',
    },
    { date: '2024-12-25', name: { es: 'Navidad', en: 'Christmas Day' }, kind: 'statutory' },
  ],
  2025: [
    { date: '2025-01-01', name: { es: 'Año Nuevo', en: "New Year's Day" }, kind: 'statutory' },
    {
      date: '2025-02-03',
      name: { es: 'Día de la Constitución (5 de febrero)', en: 'Constitution Day (5 February)' },
      kind: 'statutory',
    },
    {
      date: '2025-03-17',
      name: { es: 'Natalicio de Benito Juárez (21 de marzo)', en: "Benito Juárez's Birthday (21 March)" },
      kind: 'statutory',
    },
    { date: '2025-04-17', name: { es: 'Jueves Santo', en: 'Holy Thursday' }, kind: 'administrative' },
    { date: '2025-04-18', name: { es: 'Viernes Santo', en: 'Good Friday' }, kind: 'administrative' },
    { date: '2025-05-01', name: { es: 'Día del Trabajo', en: 'Labour Day' }, kind: 'statutory' },
    { date: '2025-09-16', name: { es: 'Día de la Independencia', en: 'Independence Day' }, kind: 'statutory' },
    { date: '2025-11-02', name: { es: 'Día de Muertos', en: 'Day of the Dead' }, kind: 'administrative' },
    {
      date: '2025-11-17',
      name: { es: 'Día de la Revolución (20 de noviembre)', en: 'Revolution Day (20 November)' },
      kind: 'statutory',
    },
    {
      date: '2025-12-12',
      name: { es: 'Día de la Virgen de Guadalupe', en: 'Our Lady of Guadalupe Day' },
      kind: 'administrative',
    },
    { date: '2025-12-25', name: { es: 'Navidad', en: 'Christmas Day' }, kind: 'statutory' },
  ],
  2026: [
    { date: '2026-01-01', name: { es: 'Año Nuevo', en: "New Year's Day" }, kind: 'statutory' },
    {
      date: '2026-02-02',
      name: { es: 'Día de la Constitución (5 de febrero)', en: 'Constitution Day (5 February)' },
      kind: 'statutory',
    },
    {
      date: '2026-03-16',
      name: { es: 'Natalicio de Benito Juárez (21 de marzo)', en: "Benito Juárez's Birthday (21 March)" },
      kind: 'statutory',
    },
    { date: '2026-04-02', name: { es: 'Jueves Santo', en: 'Holy Thursday' }, kind: 'administrative' },
    { date: '2026-04-03', name: { es: 'Viernes Santo', en: 'Good Friday' }, kind: 'administrative' },
    { date: '2026-05-01', name: { es: 'Día del Trabajo', en: 'Labour Day' }, kind: 'statutory' },
    { date: '2026-09-16', name: { es: 'Día de la Independencia', en: 'Independence Day' }, kind: 'statutory' },
    { date: '2026-11-02', name: { es: 'Día de Muertos', en: 'Day of the Dead' }, kind: 'administrative' },
    {
      date: '2026-11-16',
      name: { es: 'Día de la Revolución (20 de noviembre)', en: 'Revolution Day (20 November)' },
      kind: 'statutory',
    },
    {
      date: '2026-12-12',
      name: { es: 'Día de la Virgen de Guadalupe', en: 'Our Lady of Guadalupe Day' },
      kind: 'administrative',
    },
    { date: '2026-12-25', name: { es: 'Navidad', en: 'Christmas Day' }, kind: 'statutory' },
  ],
  2027: [
    { date: '2027-01-01', name: { es: 'Año Nuevo', en: "New Year's Day" }, kind: 'statutory' },
    {
      date: '2027-02-01',
      name: { es: 'Día de la Constitución (5 de febrero)', en: 'Constitution Day (5 February)' },
      kind: 'statutory',
    },
    {
      date: '2027-03-15',
      name: { es: 'Natalicio de Benito Juárez (21 de marzo)', en: "Benito Juárez's Birthday (21 March)" },
      kind: 'statutory',
    },
    { date: '2027-03-25', name: { es: 'Jueves Santo', en: 'Holy Thursday' }, kind: 'administrative' },
    { date: '2027-03-26', name: { es: 'Viernes Santo', en: 'Good Friday' }, kind: 'administrative' },
    { date: '2027-05-01', name: { es: 'Día del Trabajo', en: 'Labour Day' }, kind: 'statutory' },
    { date: '2027-09-16', name: { es: 'Día de la Independencia', en: 'Independence Day' }, kind: 'statutory' },
    { date: '2027-11-02', name: { es: 'Día de Muertos', en: 'Day of the Dead' }, kind: 'administrative' },
    {
      date: '2027-11-15',
      name: { es: 'Día de la Revolución (20 de noviembre)', en: 'Revolution Day (20 November)' },
      kind: 'statutory',
    },
    {
      date: '2027-12-12',
      name: { es: 'Día de la Virgen de Guadalupe', en: 'Our Lady of Guadalupe Day' },
      kind: 'administrative',
    },
    { date: '2027-12-25', name: { es: 'Navidad', en: 'Christmas Day' }, kind: 'statutory' },
  ],
  2028: [
    { date: '2028-01-01', name: { es: 'Año Nuevo', en: "New Year's Day" }, kind: 'statutory' },
    {
      date: '2028-02-07',
      name: { es: 'Día de la Constitución (5 de febrero)', en: 'Constitution Day (5 February)' },
      kind: 'statutory',
    },
    {
      date: '2028-03-20',
      name: { es: 'Natalicio de Benito Juárez (21 de marzo)', en: "Benito Juárez's Birthday (21 March)" },
      kind: 'statutory',
    },
    { date: '2028-04-13', name: { es: 'Jueves Santo', en: 'Holy Thursday' }, kind: 'administrative' },
    { date: '2028-04-14', name: { es: 'Viernes Santo', en: 'Good Friday' }, kind: 'administrative' },
    { date: '2028-05-01', name: { es: 'Día del Trabajo', en: 'Labour Day' }, kind: 'statutory' },
    { date: '2028-09-16', name: { es: 'Día de la Independencia', en: 'Independence Day' }, kind: 'statutory' },
    { date: '2028-11-02', name: { es: 'Día de Muertos', en: 'Day of the Dead' }, kind: 'administrative' },
    {
      date: '2028-11-20',
      name: { es: 'Día de la Revolución (20 de noviembre)', en: 'Revolution Day (20 November)' },
      kind: 'statutory',
    },
    {
      date: '2028-12-12',
      name: { es: 'Día de la Virgen de Guadalupe', en: 'Our Lady of Guadalupe Day' },
      kind: 'administrative',
    },
    { date: '2028-12-25', name: { es: 'Navidad', en: 'Christmas Day' }, kind: 'statutory' },
  ],
  2029: [
    { date: '2029-01-01', name: { es: 'Año Nuevo', en: "New Year's Day" }, kind: 'statutory' },
    {
      date: '2029-02-05',
      name: { es: 'Día de la Constitución (5 de febrero)', en: 'Constitution Day (5 February)' },
      kind: 'statutory',
    },
    {
      date: '2029-03-19',
      name: { es: 'Natalicio de Benito Juárez (21 de marzo)', en: "Benito Juárez's Birthday (21 March)" },
      kind: 'statutory',
    },
    { date: '2029-03-29', name: { es: 'Jueves Santo', en: 'Holy Thursday' }, kind: 'administrative' },
    { date: '2029-03-30', name: { es: 'Viernes Santo', en: 'Good Friday' }, kind: 'administrative' },
    { date: '2029-05-01', name: { es: 'Día del Trabajo', en: 'Labour Day' }, kind: 'statutory' },
    { date: '2029-09-16', name: { es: 'Día de la Independencia', en: 'Independence Day' }, kind: 'statutory' },
    { date: '2029-11-02', name: { es: 'Día de Muertos', en: 'Day of the Dead' }, kind: 'administrative' },
    {
      date: '2029-11-19',
      name: { es: 'Día de la Revolución (20 de noviembre)', en: 'Revolution Day (20 November)' },
      kind: 'statutory',
    },
    {
      date: '2029-12-12',
      name: { es: 'Día de la Virgen de Guadalupe', en: 'Our Lady of Guadalupe Day' },
      kind: 'administrative',
    },
    { date: '2029-12-25', name: { es: 'Navidad', en: 'Christmas Day' }, kind: 'statutory' },
  ],
  2030: [
    { date: '2030-01-01', name: { es: 'Año Nuevo', en: "New Year's Day" }, kind: 'statutory' },
    {
      date: '2030-02-04',
      name: { es: 'Día de la Constitución (5 de febrero)', en: 'Constitution Day (5 February)' },
      kind: 'statutory',
    },
    {
      date: '2030-03-18',
      name: { es: 'Natalicio de Benito Juárez (21 de marzo)', en: "Benito Juárez's Birthday (21 March)" },
      kind: 'statutory',
    },
    { date: '2030-04-18', name: { es: 'Jueves Santo', en: 'Holy Thursday' }, kind: 'administrative' },
    { date: '2030-04-19', name: { es: 'Viernes Santo', en: 'Good Friday' }, kind: 'administrative' },
    { date: '2030-05-01', name: { es: 'Día del Trabajo', en: 'Labour Day' }, kind: 'statutory' },
    { date: '2030-09-16', name: { es: 'Día de la Independencia', en: 'Independence Day' }, kind: 'statutory' },
    {
      date: '2030-10-01',
      name: { es: 'Transmisión del Poder Ejecutivo Federal', en: 'Transfer of the Federal Executive Power' },
      kind: 'statutory',
    },
    { date: '2030-11-02', name: { es: 'Día de Muertos', en: 'Day of the Dead' }, kind: 'administrative' },
    {
      date: '2030-11-18',
      name: { es: 'Día de la Revolución (20 de noviembre)', en: 'Revolution Day (20 November)' },
      kind: 'statutory',
    },
    {
      date: '2030-12-12',
      name: { es: 'Día de la Virgen de Guadalupe', en: 'Our Lady of Guadalupe Day' },
      kind: 'administrative',
    },
    { date: '2030-12-25', name: { es: 'Navidad', en: 'Christmas Day' }, kind: 'statutory' },
  ],
});
