import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { canonicalJson, sha256Hex } from '../pki/canonical.ts';
import { CatalogueError, type Catalogue } from './catalogue.ts';

/**
 * Records every procedure version this build ships. A version already served must not change:
 * applications were filed under it, so a change needs a new version number.
 */
export async function syncProcedureVersions(db: Sql, catalogue: Catalogue): Promise<void> {
  const rows = catalogue.definitions().map((d) => ({
    code: d.code,
    version: d.version,
    effective_from: d.effectiveFrom,
    agency_code: d.agency,
    definition: d,
    sha256: sha256Hex(canonicalJson(d)),
  }));
  const changed = await db.query<{ code: string; version: number }>(
    `with incoming as (
       select * from jsonb_to_recordset($1::jsonb)
         as x(code text, version int, effective_from date, agency_code text, definition jsonb, sha256 text)),
     inserted as (
       insert into procedure_versions (code, version, effective_from, agency_code, definition, sha256)
       select code, version, effective_from, agency_code, definition, sha256 from incoming
       on conflict (code, version) do nothing returning code)
     select i.code, i.version from incoming i join procedure_versions p using (code, version)
       where p.sha256 <> i.sha256`,
    [json(rows)],
  );
  if (changed.length > 0) {
    throw new CatalogueError(
      `procedure ${changed.map((c) => `${c.code} v${c.version}`).join(', ')} changed after it was served: ` +
        'give the changed definition a new version (and an effective date) instead',
    );
  }
}
