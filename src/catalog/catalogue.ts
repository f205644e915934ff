import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mexicoDate } from '../calendar/calendar.ts';
import { notFound } from '../errors.ts';
import { CatalogueError, formValidator, ruleMatches } from './define.ts';
import type { Flow, Procedure, ProcedureDefinition, RegulationRule, Text } from './procedure.ts';

export { CatalogueError } from './define.ts';

export interface Requirement {
  procedure: ProcedureDefinition;
  /** The rules that made it required: the "why". */
  rules: RegulationRule[];
}

/** Rules and versions take effect by Mexico City date, like every other legal date in the window. */
const today = () => mexicoDate(new Date());

/**
 * The procedures and the regulation matrix (the rules of every procedure file). Several versions of a
 * procedure may coexist: each filing takes the version in force on its date and keeps it.
 */
export class Catalogue {
  private readonly versions = new Map<string, Procedure[]>();
  readonly rules: readonly RegulationRule[];

  constructor(procedures: readonly Procedure[]) {
    const rules = new Map<string, RegulationRule>();
    for (const p of procedures) {
      const def = p.definition;
      const list = this.versions.get(def.code) ?? [];
      if (list.some((v) => v.definition.version === def.version))
        throw new CatalogueError(`procedure ${def.code} v${def.version}: defined twice`);
      if (list.some((v) => v.trigger !== p.trigger))
        throw new CatalogueError(`procedure ${def.code} v${def.version}: trigger differs from another version's`);
      list.push(p);
      list.sort((a, b) => b.definition.effectiveFrom.localeCompare(a.definition.effectiveFrom));
      this.versions.set(def.code, list);
      // A later version's file may repeat the rules of an earlier one; a rule id means one rule.
      for (const rule of p.rules) {
        const seen = rules.get(rule.id);
        if (seen && JSON.stringify(seen) !== JSON.stringify(rule))
          throw new CatalogueError(`regulation rule ${rule.id}: defined differently in two versions`);
        rules.set(rule.id, rule);
      }
    }
    for (const list of this.versions.values()) {
      if (new Set(list.map((v) => v.definition.flow)).size > 1)
        throw new CatalogueError(`procedure ${list[0]!.definition.code}: versions differ in flow`);
    }
    this.rules = [...rules.values()];
  }

  /** The version of a procedure in force on `date` (YYYY-MM-DD). */
  procedure(code: string, date = today()): ProcedureDefinition {
    const p = this.versions.get(code)?.find((v) => v.definition.effectiveFrom <= date);
    if (!p) throw notFound('procedure', code);
    return p.definition;
  }

  /** Every version of every procedure. */
  definitions(): ProcedureDefinition[] {
    return this.files().map((p) => p.definition);
  }

  /** Every procedure file (each version), with its rules, labels and example. */
  files(): Procedure[] {
    return [...this.versions.values()].flat();
  }

  /** An exact version (an application's), if this build still ships it. */
  version(code: string, version: number): ProcedureDefinition | undefined {
    return this.versions.get(code)?.find((v) => v.definition.version === version)?.definition;
  }

  /** Every procedure, in the version in force on `date`. */
  list(date = today()): ProcedureDefinition[] {
    return [...this.versions.keys()].sort().flatMap((code) => {
      const p = this.versions.get(code)!.find((v) => v.definition.effectiveFrom <= date);
      return p ? [p.definition] : [];
    });
  }

  /** Filed when the applicant names it ('request'), not because goods match its rules. */
  filedOnRequest(code: string): boolean {
    return this.versions.get(code)?.[0]?.trigger === 'request';
  }

  /** The words for the coded values of a procedure's form fields (every version's; the newest wins). */
  labels(code: string): Record<string, Record<string, Text>> {
    const merged: Record<string, Record<string, Text>> = {};
    for (const p of [...(this.versions.get(code) ?? [])].reverse()) {
      for (const [field, codes] of Object.entries(p.labels)) merged[field] = { ...merged[field], ...codes };
    }
    return merged;
  }

  /** Validates a form against the exact version it was filed under; returns the problems, empty when valid. */
  validateForm(def: ProcedureDefinition, form: unknown): Array<{ path: string; message: string }> {
    const validate = formValidator(def);
    if (validate(form)) return [];
    return (validate.errors ?? []).map((e) => ({
      path: e.instancePath || '/',
      message:
        e.keyword === 'additionalProperties'
          ? `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`
          : e.keyword === 'required'
            ? `missing "${(e.params as { missingProperty: string }).missingProperty}"`
            : (e.message ?? 'invalid'),
    }));
  }

  /** Which procedures goods need: rules whose HS prefix, flow, country and dates match. */
  requirements(q: { flow: Flow; hsCode: string; country?: string; date?: string }): Requirement[] {
    const date = q.date ?? today();
    const byProcedure = new Map<string, RegulationRule[]>();
    for (const rule of this.rules) {
      if (!ruleMatches(rule, { ...q, date })) continue;
      byProcedure.set(rule.procedure, [...(byProcedure.get(rule.procedure) ?? []), rule]);
    }
    return [...byProcedure].map(([code, rules]) => ({ procedure: this.procedure(code, date), rules }));
  }
}

const PROCEDURES_DIR = fileURLToPath(new URL('./procedures/', import.meta.url));
const kebab = (code: string) => code.toLowerCase();

/**
 * Imports every procedure file of a folder: each `.ts` file is one procedure version whose default export is
 * defineProcedure(...); files starting with `_` hold shared fragments. No index to keep: a new file is picked up.
 */
export async function loadProcedures(dir = PROCEDURES_DIR): Promise<Procedure[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .sort();
  const procedures: Procedure[] = [];
  for (const file of files) {
    const where = path.join(path.relative(process.cwd(), dir), file);
    let mod: { default?: Procedure };
    try {
      mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Procedure };
    } catch (err) {
      if (err instanceof CatalogueError) throw new CatalogueError(`${where}: ${err.message}`);
      throw err;
    }
    const p = mod.default;
    if (!p?.definition || !formValidatorOk(p.definition))
      throw new CatalogueError(`${where}: its default export must be defineProcedure({...})`);
    // The file is found by its procedure's code: se-origin-certificate.ts, or
    // se-origin-certificate.v2.ts for a later version.
    const expected = kebab(p.definition.code);
    if (file !== `${expected}.ts` && file !== `${expected}.v${p.definition.version}.ts`) {
      throw new CatalogueError(
        `${where}: holds ${p.definition.code} v${p.definition.version}, so it must be named ${expected}.ts ` +
          `(or ${expected}.v${p.definition.version}.ts)`,
      );
    }
    procedures.push(p);
  }
  return procedures;
}

function formValidatorOk(def: ProcedureDefinition): boolean {
  try {
    formValidator(def);
    return true;
  } catch {
    return false;
  }
}

let shipped: Promise<Catalogue> | undefined;

/** The catalogue shipped with this version of the window: every file of procedures/, checked once. */
export function loadCatalogue(): Promise<Catalogue> {
  shipped ??= loadProcedures().then((procedures) => new Catalogue(procedures));
  return shipped;
}
