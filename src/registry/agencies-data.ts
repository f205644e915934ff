import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Type } from 'typebox';

/**
 * Reference data: the federal agencies of the single window and their offices, and Mexico's states. The data is
 * agencies.json beside this file (edited as data, not code), read and checked once when the window starts.
 */

const Bilingual = Type.Object({ es: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) });

const OfficeSeed = Type.Object(
  {
    /** Unique across all agencies, e.g. 'SE-JAL-GDL'. */
    code: Type.String({ pattern: '^[A-Z]+(-[A-Z]+)+$' }),
    /** Spanish name, e.g. 'Oficina de Representación Federal en Jalisco (Guadalajara)'. */
    name: Type.String({ minLength: 1 }),
    /** A code from MEXICAN_STATES, e.g. 'JAL'. */
    state: Type.String(),
    city: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

const AgencySeed = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z]+$' }),
    name: Bilingual,
    acronym: Type.String({ minLength: 1 }),
    description: Bilingual,
    /** True when the agency's procedures are handled by regional offices. */
    officeBound: Type.Boolean(),
    offices: Type.Array(OfficeSeed, { minItems: 1 }),
  },
  { additionalProperties: false },
);

const ReferenceData = Type.Object(
  {
    about: Type.String(),
    /** The 32 federal entities, in INEGI numeric order (01 Aguascalientes … 32 Zacatecas). */
    states: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: false }), {
      minItems: 32,
      maxItems: 32,
    }),
    agencies: Type.Array(AgencySeed, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type OfficeSeed = Type.Static<typeof OfficeSeed>;
export type AgencySeed = Type.Static<typeof AgencySeed>;

/** Number of Ministry of Economy federal offices (Oficinas de Representación Federal) the data lists. */
export const SE_OFFICE_COUNT = 52;

/** Parses agencies.json's text; throws on a malformed file, a duplicate code or an unknown state. */
export function parseReferenceData(text: string): Type.Static<typeof ReferenceData> {
  const data: unknown = JSON.parse(text);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(ReferenceData);
  if (!validate(data)) throw new Error(`agencies.json: ${JSON.stringify(validate.errors)}`);
  const checked = data as Type.Static<typeof ReferenceData>;
  const states = new Set(checked.states.map((s) => s.code));
  const offices = checked.agencies.flatMap((a) => a.offices);
  const unique = (codes: string[]) => new Set(codes).size === codes.length;
  const problems = [
    ...offices.filter((o) => !states.has(o.state)).map((o) => `office ${o.code} is in unknown state ${o.state}`),
    ...(unique(checked.agencies.map((a) => a.code)) ? [] : ['an agency code is used twice']),
    ...(unique(offices.map((o) => o.code)) ? [] : ['an office code is used twice']),
    ...(checked.agencies.find((a) => a.code === 'SE')?.offices.length === SE_OFFICE_COUNT
      ? []
      : [`SE must list ${SE_OFFICE_COUNT} offices`]),
  ];
  if (problems.length) throw new Error(`agencies.json: ${problems.join('; ')}`);
  return checked;
}

// Read once at start: a bad file stops the window before it serves anything.
const data = parseReferenceData(readFileSync(new URL('./agencies.json', import.meta.url), 'utf8'));

export const MEXICAN_STATES: ReadonlyArray<{ code: string; name: string }> = data.states;
export const AGENCIES: ReadonlyArray<AgencySeed> = data.agencies;
