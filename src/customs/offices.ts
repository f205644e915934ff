import type { Sql } from '../db/db.ts';
import { officesOf } from '../registry/agencies.ts';
import { CUSTOMS_OFFICE_KEYS } from './declaration-input.ts';

/**
 * The customs offices that clear goods, with the two-digit key a pedimento number carries after its year
 * (SAT, Anexo 22, apéndice 1), so a broker's software can build and check numbers. Offices come from the
 * reference data the window seeded; an ANAM office without a key (the central offices) clears nothing.
 */
export async function customsOffices(db: Sql) {
  const rows = await officesOf(db, 'ANAM', Object.keys(CUSTOMS_OFFICE_KEYS));
  return rows.map((o) => ({ key: CUSTOMS_OFFICE_KEYS[o.code]!, ...o })).sort((a, b) => a.key.localeCompare(b.key));
}
