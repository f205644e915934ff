import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ConfigError } from '../config.ts';
import { AGENCIES } from '../registry/agencies-data.ts';
import { checkCountry } from './codes.ts';
import { hsEntry } from './hs.ts';
import {
  ProcedureDefinitionSchema,
  type Flow,
  type Procedure,
  type ProcedureDefinition,
  type ProcedureSource,
  type RegulationRule,
  type RuleSource,
} from './procedure.ts';

/** A procedure file that cannot be used stops the start, naming the procedure, the field and what is wrong. */
export class CatalogueError extends ConfigError {}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const checkDefinition = ajv.compile(ProcedureDefinitionSchema);
const validators = new WeakMap<ProcedureDefinition, ValidateFunction>();
const AGENCY_CODES = new Set(AGENCIES.map((a) => a.code));
const CUSTOMS_OFFICES = new Set(AGENCIES.find((a) => a.code === 'ANAM')?.offices.map((o) => o.code) ?? []);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The rule's id: derived from what makes it one rule, so it stays the same as long as the rule does. */
export const ruleId = (code: string, r: Pick<RuleSource, 'hsPrefix' | 'effectiveFrom'>) =>
  `${code}:${r.hsPrefix}@${r.effectiveFrom}`;

/** Whether a rule applies to goods of this HS code, flow and partner country on `date` (YYYY-MM-DD; none: any day). */
export function ruleMatches(
  rule: RegulationRule,
  q: { flow: Flow; hsCode: string; country?: string; date?: string },
): boolean {
  if (rule.flow !== q.flow || !q.hsCode.startsWith(rule.hsPrefix)) return false;
  if (q.date && (rule.effectiveFrom > q.date || (rule.effectiveTo && rule.effectiveTo < q.date))) return false;
  const c = rule.countries;
  if (c?.only && (!q.country || !c.only.includes(q.country))) return false;
  if (c?.except && q.country && c.except.includes(q.country)) return false;
  return true;
}

/** The compiled form of a definition that went through defineProcedure (compiled once, on import). */
export function formValidator(def: ProcedureDefinition): ValidateFunction {
  const validate = validators.get(def);
  if (!validate)
    throw new CatalogueError(`procedure ${def.code} v${def.version} was not defined with defineProcedure()`);
  return validate;
}

/**
 * Declares one procedure (the default export of its file) and checks it on import: the definition's shape,
 * its agency, prefill and form, its rules (real HS prefixes, countries, dates), its labels and its example.
 */
export function defineProcedure(source: ProcedureSource): Procedure {
  const { trigger, rules: ruleSources, labels = {}, example, ...definition } = source;
  const where = `procedure ${definition.code ?? '(no code)'} v${definition.version ?? '?'}`;
  const fail = (field: string, message: string): never => {
    throw new CatalogueError(`${where}: ${field}: ${message}`);
  };

  if (!checkDefinition(definition)) {
    const e = checkDefinition.errors?.[0];
    fail(
      e?.instancePath.slice(1).replace(/\//g, '.') || '(definition)',
      `${e?.message ?? 'invalid'}${e?.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    );
  }
  const def = definition as ProcedureDefinition;
  if (!AGENCY_CODES.has(def.agency)) fail('agency', `unknown agency ${def.agency}`);
  for (const field of Object.keys(def.prefill)) {
    if (!def.form.properties[field]) fail(`prefill.${field}`, `prefilled field "${field}" is not in its form`);
  }
  let validate: ValidateFunction | undefined;
  try {
    validate = ajv.compile(def.form);
  } catch (err) {
    fail('form', `its form is not a valid JSON Schema: ${(err as Error).message}`);
  }
  validators.set(def, validate!);

  if (trigger !== 'goods' && trigger !== 'request')
    fail('trigger', `must be 'goods' or 'request', not ${String(trigger)}`);
  if (trigger === 'goods' && !ruleSources?.length)
    fail('rules', "a procedure triggered by goods needs at least one rule (or trigger: 'request')");
  if (trigger === 'request' && ruleSources?.length) fail('rules', 'a procedure filed on request has no goods rules');
  const rules = (ruleSources ?? []).map((r, i) => checkRule(def, r, `rules[${i}]`, fail));
  const ids = new Set<string>();
  rules.forEach((r, i) => {
    if (ids.has(r.id))
      fail(
        `rules[${i}]`,
        `a second rule for ${r.hsPrefix} from ${r.effectiveFrom}: merge their countries into one rule`,
      );
    ids.add(r.id);
  });
  checkLabels(def, labels, fail);
  checkExample(def, trigger, rules, example, fail);
  return { definition: def, trigger, rules, labels, example };
}

type Fail = (field: string, message: string) => never;

function checkRule(def: ProcedureDefinition, r: RuleSource, field: string, fail: Fail): RegulationRule {
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(r.hsPrefix ?? '') || !hsEntry(r.hsPrefix))
    fail(`${field}.hsPrefix`, `${r.hsPrefix} is not an HS 2022 chapter, heading or subheading`);
  if (!DATE.test(r.effectiveFrom ?? '')) fail(`${field}.effectiveFrom`, 'must be a date (YYYY-MM-DD)');
  if (r.effectiveTo !== undefined && (!DATE.test(r.effectiveTo) || r.effectiveTo < r.effectiveFrom))
    fail(`${field}.effectiveTo`, 'must be a date on or after effectiveFrom');
  if (!r.note?.es || !r.note?.en) fail(`${field}.note`, 'needs a Spanish and an English note');
  for (const key of ['only', 'except'] as const) {
    for (const country of r.countries?.[key] ?? []) {
      try {
        checkCountry(country, `${field}.countries.${key}`);
      } catch {
        fail(`${field}.countries.${key}`, `${country} is not an ISO 3166 country code`);
      }
    }
  }
  return { id: ruleId(def.code, r), flow: def.flow, procedure: def.code, ...r };
}

/**
 * Every field with a list of codes (enum), at any depth, by its path in the form: a list's items are the list
 * ('hazardCharacteristics'), an object's fields follow a dot ('specimens.source').
 */
export function codedFields(schema: object, path = '', found = new Map<string, unknown[]>()): Map<string, unknown[]> {
  const s = schema as { enum?: unknown[]; items?: object; properties?: Record<string, object> };
  if (Array.isArray(s.enum)) found.set(path, s.enum);
  if (s.items && typeof s.items === 'object') codedFields(s.items, path, found);
  for (const [name, field] of Object.entries(s.properties ?? {}))
    codedFields(field, path ? `${path}.${name}` : name, found);
  return found;
}

/** Every code of every coded field is labelled in Spanish and English, so no page or document shows a bare code. */
function checkLabels(def: ProcedureDefinition, labels: NonNullable<ProcedureSource['labels']>, fail: Fail): void {
  const coded = codedFields(def.form);
  for (const [field, codes] of Object.entries(labels)) {
    const values = coded.get(field);
    if (!values) fail(`labels.${field}`, 'labels belong to a form field with a list of codes (enum)');
    for (const code of Object.keys(codes))
      if (!values!.includes(code)) fail(`labels.${field}.${code}`, "is not one of the field's codes");
  }
  for (const [field, values] of coded) {
    for (const code of values.map(String)) {
      const label = labels[field]?.[code];
      if (!label?.es?.trim() || !label.en?.trim())
        fail(`labels.${field}.${code}`, 'needs its words in Spanish and English (es, en)');
    }
  }
}

function checkExample(
  def: ProcedureDefinition,
  trigger: ProcedureSource['trigger'],
  rules: RegulationRule[],
  example: ProcedureSource['example'],
  fail: Fail,
): void {
  if (!example || !Array.isArray(example.goods) || typeof example.data !== 'object')
    fail('example', 'needs goods (a list) and data (the typed fields)');
  if (trigger === 'request' && example.goods.length)
    fail('example.goods', 'a procedure filed on request is filed without goods');
  if (trigger === 'goods' && !example.goods.length)
    fail('example.goods', 'needs the goods lines that trigger the procedure');
  example.goods.forEach((g, i) => {
    const country = def.flow === 'import' ? g.originCountry : g.destinationCountry;
    const home = def.flow === 'import' ? g.destinationCountry : g.originCountry;
    if (!/^\d{6}(\d{2}){0,2}$/.test(g.hsCode) || !hsEntry(g.hsCode.slice(0, 6)))
      fail(`example.goods[${i}].hsCode`, `${g.hsCode} is not an HS 2022 subheading`);
    if (home !== 'MX')
      fail(`example.goods[${i}]`, `an ${def.flow}'s ${def.flow === 'import' ? 'destination' : 'origin'} country is MX`);
    if (!CUSTOMS_OFFICES.has(g.customsOffice))
      fail(`example.goods[${i}].customsOffice`, `${g.customsOffice} is not an ANAM customs office`);
    if (!rules.some((r) => ruleMatches(r, { flow: def.flow, hsCode: g.hsCode, country }))) {
      fail(
        `example.goods[${i}]`,
        `${g.hsCode} ${def.flow === 'import' ? 'from' : 'to'} ${country} matches none of the procedure's rules`,
      );
    }
  });
  const prefilled = Object.keys(example.data).filter((k) => k in def.prefill);
  if (prefilled.length)
    fail(`example.data.${prefilled[0]}`, 'is prefilled from the registry and the operation, not typed');
  // The typed part alone: the prefilled fields come from a trader and goods at filing (the table test files it whole).
  const typed = {
    ...def.form,
    properties: Object.fromEntries(Object.entries(def.form.properties).filter(([k]) => !(k in def.prefill))),
    required: (def.form.required ?? []).filter((k) => !(k in def.prefill)),
  };
  const validate = ajv.compile(typed);
  if (!validate(example.data)) {
    const e = validate.errors?.[0];
    fail(
      `example.data${e?.instancePath.replace(/\//g, '.') ?? ''}`,
      `${e?.message ?? 'invalid'}${e?.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    );
  }
}
