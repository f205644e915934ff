import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { mexicoDate } from '../calendar/calendar.ts';
import { ConfigError } from '../config.ts';
import { notFound } from '../errors.ts';
import { AGENCIES } from '../registry/agencies-data.ts';
import { hsEntry } from './hs.ts';
import { PROCEDURES } from './procedures/index.ts';
import { ProcedureDefinitionSchema, type ProcedureDefinition } from './procedure.ts';
import { REGULATION_RULES, type Flow, type RegulationRule } from './regulations-data.ts';

/** A definition that cannot be used stops the start, naming the procedure and what is wrong. */
export class CatalogueError extends ConfigError {}

export interface Requirement {
  procedure: ProcedureDefinition;
  /** The rules that made it required: the "why". */
  rules: RegulationRule[];
}

/** Rules and versions take effect by Mexico City date, like every other legal date in the window. */
const today = () => mexicoDate(new Date());

/**
 * The procedures and the regulation matrix, checked once at start. Several versions of a
 * procedure may coexist: each filing takes the version in force on its date and keeps it.
 */
export class Catalogue {
  private readonly versions = new Map<string, ProcedureDefinition[]>();
  private readonly forms = new Map<string, ValidateFunction>();

  constructor(definitions: readonly ProcedureDefinition[], readonly rules: readonly RegulationRule[], hsExists: (prefix: string) => boolean) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const checkDefinition = ajv.compile(ProcedureDefinitionSchema);
    const agencies = new Set(AGENCIES.map((a) => a.code));
    for (const def of definitions) {
      const where = `procedure ${def.code ?? '(no code)'} v${def.version ?? '?'}`;
      if (!checkDefinition(def)) throw new CatalogueError(`${where}: ${ajv.errorsText(checkDefinition.errors)}`);
      if (!agencies.has(def.agency)) throw new CatalogueError(`${where}: unknown agency ${def.agency}`);
      for (const field of Object.keys(def.prefill)) {
        if (!def.form.properties[field]) throw new CatalogueError(`${where}: prefilled field "${field}" is not in its form`);
      }
      try {
        this.forms.set(`${def.code}@${def.version}`, ajv.compile(def.form));
      } catch (err) {
        throw new CatalogueError(`${where}: its form is not a valid JSON Schema: ${(err as Error).message}`);
      }
      const list = this.versions.get(def.code) ?? [];
      if (list.some((d) => d.version === def.version)) throw new CatalogueError(`${where}: defined twice`);
      list.push(def);
      list.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
      this.versions.set(def.code, list);
    }
    const ids = new Set<string>();
    for (const rule of rules) {
      const where = `regulation rule ${rule.id}`;
      if (ids.has(rule.id)) throw new CatalogueError(`${where}: id used twice`);
      ids.add(rule.id);
      const defs = this.versions.get(rule.procedure);
      if (!defs) throw new CatalogueError(`${where}: unknown procedure ${rule.procedure}`);
      if (defs.some((d) => d.flow !== rule.flow)) throw new CatalogueError(`${where}: flow ${rule.flow} differs from ${rule.procedure}'s`);
      if (!/^(\d{2}|\d{4}|\d{6})$/.test(rule.hsPrefix) || !hsExists(rule.hsPrefix)) {
        throw new CatalogueError(`${where}: ${rule.hsPrefix} is not an HS 2022 chapter, heading or subheading`);
      }
    }
  }

  /** The version of a procedure in force on `date` (YYYY-MM-DD). */
  procedure(code: string, date = today()): ProcedureDefinition {
    const def = this.versions.get(code)?.find((d) => d.effectiveFrom <= date);
    if (!def) throw notFound('procedure', code);
    return def;
  }

  /** Every version of every procedure. */
  definitions(): ProcedureDefinition[] {
    return [...this.versions.values()].flat();
  }

  /** An exact version (an application's), if this build still ships it. */
  version(code: string, version: number): ProcedureDefinition | undefined {
    return this.versions.get(code)?.find((d) => d.version === version);
  }

  /** Every procedure, in the version in force on `date`. */
  list(date = today()): ProcedureDefinition[] {
    return [...this.versions.keys()].sort().flatMap((code) => {
      const def = this.versions.get(code)!.find((d) => d.effectiveFrom <= date);
      return def ? [def] : [];
    });
  }

  /** Validates a form against the exact version it was filed under; returns the problems, empty when valid. */
  validateForm(def: ProcedureDefinition, form: unknown): Array<{ path: string; message: string }> {
    const validate = this.forms.get(`${def.code}@${def.version}`)!;
    if (validate(form)) return [];
    return (validate.errors ?? []).map((e) => ({
      path: e.instancePath || '/',
      message: e.keyword === 'additionalProperties'
        ? `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : e.keyword === 'required' ? `missing "${(e.params as { missingProperty: string }).missingProperty}"` : e.message ?? 'invalid',
    }));
  }

  /** Which procedures goods need: rules whose HS prefix, flow, country and dates match. */
  requirements(q: { flow: Flow; hsCode: string; country?: string; date?: string }): Requirement[] {
    const date = q.date ?? today();
    const byProcedure = new Map<string, RegulationRule[]>();
    for (const rule of this.rules) {
      if (rule.flow !== q.flow || !q.hsCode.startsWith(rule.hsPrefix)) continue;
      if (rule.effectiveFrom > date || (rule.effectiveTo && rule.effectiveTo < date)) continue;
      const c = rule.countries;
      if (c?.only && (!q.country || !c.only.includes(q.country))) continue;
      if (c?.except && q.country && c.except.includes(q.country)) continue;
      byProcedure.set(rule.procedure, [...(byProcedure.get(rule.procedure) ?? []), rule]);
    }
    return [...byProcedure].map(([code, rules]) => ({ procedure: this.procedure(code, date), rules }));
  }
}

let shipped: Catalogue | undefined;

/** The catalogue shipped with this version of the window (checked on first use). */
export function loadCatalogue(): Catalogue {
  shipped ??= new Catalogue(PROCEDURES, REGULATION_RULES, (prefix) => hsEntry(prefix) !== null);
  return shipped;
}
