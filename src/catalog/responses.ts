import { Type } from 'typebox';
import { AgencyCode, CountryCode, HsPrefix, ProcedureCode } from '../http/identifiers.ts';
import { ProcedureDefinitionSchema } from './procedure.ts';

/** What the catalogue answers; Fastify serialises through these, so a field not declared here never goes out. */
const Text = Type.Object(
  { es: Type.String(), en: Type.String() },
  { title: 'LocalisedText', description: 'Spanish and English' },
);
const Day = Type.String({ format: 'date' });
const Flow = Type.Union([Type.Literal('import'), Type.Literal('export')]);
const definition = ProcedureDefinitionSchema.properties;

/** A procedure in a list: what it is and how it is handled, without its form. */
export const ProcedureSummary = Type.Object(
  {
    code: ProcedureCode,
    version: definition.version,
    effectiveFrom: Day,
    agency: AgencyCode,
    name: Text,
    flow: Flow,
    responseDays: definition.responseDays,
    silence: definition.silence,
    autoApprove: definition.autoApprove,
    fourEyes: definition.fourEyes,
    issues: definition.issues,
    fee: definition.fee,
  },
  { title: 'ProcedureSummary' },
);
export const ProcedureList = Type.Object(
  { items: Type.Array(ProcedureSummary) },
  {
    title: 'ProcedureList',
    description: 'Every procedure in force on the date (the catalogue is small and shipped with the window)',
  },
);

/** Coded form field (its path) -> code -> its words: what a page shows for a value of the form. */
const Labels = Type.Record(Type.String(), Type.Record(Type.String(), Text), {
  title: 'ProcedureLabels',
  description:
    "The words for every code of the form's lists, by the field's path ('purpose', 'specimens.source'): every " +
    "version's, so a value filed under an older version reads too",
});

/** One version of a procedure, whole: its form (a JSON Schema), prefill map, documents, timing and code labels. */
export const Procedure = Type.Object(
  { ...definition, labels: Labels },
  { title: 'Procedure', additionalProperties: true },
);

export const HsEntry = Type.Object(
  {
    code: Type.String({ description: 'Chapter (2 digits), heading (4) or subheading (6)' }),
    level: Type.Union([Type.Literal(2), Type.Literal(4), Type.Literal(6)]),
    description: Type.String(),
    parent: Type.Union([Type.String(), Type.Null()]),
    section: Type.String(),
    sectionName: Type.String(),
    score: Type.Number({ description: 'Relevance: results come best first' }),
  },
  { title: 'HsSearchResult' },
);
export const HsSearchResults = Type.Object(
  { items: Type.Array(HsEntry) },
  {
    title: 'HsSearchResults',
    description: 'The best matches, best first (a ranked search, at most `limit` of them: not a paged list)',
  },
);

const Rule = Type.Object(
  {
    rule: Type.String({ description: 'The regulation rule id' }),
    hsPrefix: HsPrefix,
    countries: Type.Union([
      Type.Object({ only: Type.Optional(Type.Array(CountryCode)), except: Type.Optional(Type.Array(CountryCode)) }),
      Type.Null(),
    ]),
    effectiveFrom: Day,
    effectiveTo: Type.Union([Day, Type.Null()]),
    note: Text,
  },
  { title: 'RegulationRule' },
);

export const Requirements = Type.Object(
  {
    hs: Type.Object({ code: Type.String(), subheading: Type.String(), heading: Type.String(), chapter: Type.String() }),
    flow: Flow,
    country: Type.Union([CountryCode, Type.Null()]),
    requirements: Type.Array(Type.Object({ procedure: ProcedureSummary, because: Type.Array(Rule) })),
  },
  { title: 'Requirements', description: 'The procedures the goods need, and the rules that require each' },
);
