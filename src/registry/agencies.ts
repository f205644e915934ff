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
  const offices = await db.query<{ code: string; name: string; state: string; city: string }>(
    'select code, name, state, city from offices where agency_code = $1 order by state, code',
    [code],
  );
  return { ...agencyView(agency), offices };
}
