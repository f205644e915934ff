import { appendAudit } from '../audit/log.ts';
import type { Db, Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { notFound } from '../errors.ts';
import { AGENCIES } from './agencies-data.ts';

/**
 * Loads agencies and offices from the shipped data, changing only rows that differ, and
 * records what changed. Runs at every start: editing agencies-data.ts is how they change.
 */
export async function seedReferenceData(db: Db): Promise<{ agencies: number; offices: number }> {
  const agencies = AGENCIES.map((a) => ({
    code: a.code,
    acronym: a.acronym,
    name: a.name,
    description: a.description,
    office_bound: a.officeBound,
  }));
  const offices = AGENCIES.flatMap((a) => a.offices.map((o) => ({ ...o, agency_code: a.code })));
  return db.transaction(async (tx) => {
    const changedAgencies = await tx.query(
      `insert into agencies (code, acronym, name, description, office_bound)
       select code, acronym, name, description, office_bound
         from jsonb_to_recordset($1::jsonb) as x(code text, acronym text, name jsonb, description jsonb,
           office_bound boolean)
       on conflict (code) do update set acronym = excluded.acronym, name = excluded.name,
         description = excluded.description, office_bound = excluded.office_bound
       where (agencies.acronym, agencies.name, agencies.description, agencies.office_bound)
         is distinct from (excluded.acronym, excluded.name, excluded.description, excluded.office_bound)
       returning code`,
      [json(agencies)],
    );
    const changedOffices = await tx.query(
      `insert into offices (code, agency_code, name, state, city)
       select code, agency_code, name, state, city
         from jsonb_to_recordset($1::jsonb) as x(code text, agency_code text, name text, state text, city text)
       on conflict (code) do update set agency_code = excluded.agency_code, name = excluded.name,
         state = excluded.state, city = excluded.city
       where (offices.agency_code, offices.name, offices.state, offices.city)
         is distinct from (excluded.agency_code, excluded.name, excluded.state, excluded.city)
       returning code`,
      [json(offices)],
    );
    const counts = { agencies: changedAgencies.length, offices: changedOffices.length };
    if (counts.agencies + counts.offices > 0) {
      await appendAudit(tx, {
        type: 'registry.seeded',
        actorRfc: null,
        objectType: 'registry',
        objectId: 'reference-data',
        data: counts,
      });
    }
    return counts;
  });
}

interface AgencyRow {
  code: string;
  acronym: string;
  name: { es: string; en: string };
  description: { es: string; en: string };
  office_bound: boolean;
}

const agencyView = (a: AgencyRow) => ({
  code: a.code,
  acronym: a.acronym,
  name: a.name,
  description: a.description,
  officeBound: a.office_bound,
});

export async function listAgencies(db: Sql) {
  const rows = await db.query<AgencyRow & { offices: number }>(
    `select a.*, (select count(*)::int from offices o where o.agency_code = a.code) as offices
       from agencies a order by a.code`,
  );
  return rows.map((a) => ({ ...agencyView(a), offices: a.offices }));
}

export async function getAgency(db: Sql, code: string) {
  const agency = await db.maybe<AgencyRow>('select * from agencies where code = $1', [code]);
  if (!agency) throw notFound('agency', code);
  return { ...agencyView(agency), offices: await officesOf(db, code) };
}

/** An agency's name in both languages, as printed on the documents it issues. */
export async function agencyName(db: Sql, code: string): Promise<{ es: string; en: string }> {
  return (await db.one<{ name: { es: string; en: string } }>('select name from agencies where code = $1', [code])).name;
}

/** Every agency's code and name, by code. */
export async function agencyNames(db: Sql) {
  return db.query<{ code: string; name: { es: string; en: string } }>('select code, name from agencies order by code');
}

export interface Office {
  code: string;
  name: string;
  state: string;
  city: string;
}

/** An agency's offices, all of them or those with the given codes. */
export async function officesOf(db: Sql, agency: string, codes?: string[]): Promise<Office[]> {
  return db.query<Office>(
    `select code, name, state, city from offices
      where agency_code = $1 and ($2::text[] is null or code = any($2::text[])) order by state, code`,
    [agency, codes ?? null],
  );
}

/**
 * The office of an agency that reviews a filing: for office-bound procedures the one in the customs office's
 * state, otherwise (or when that state has none) its central office in CDMX.
 */
export async function reviewingOffice(
  db: Sql,
  agency: string,
  officeBound: boolean,
  customsOffice: string | null,
): Promise<string | null> {
  const row = await db.maybe<{ code: string }>(
    `select code from offices where agency_code = $1
      order by ($2::boolean and state = (select state from offices where code = $3)) desc, (state = 'CDMX') desc, code
      limit 1`,
    [agency, officeBound, customsOffice],
  );
  return row?.code ?? null;
}
