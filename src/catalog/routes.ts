import { Type } from 'typebox';
import type { Context } from '../context.ts';
import { AgencyCode, CountryCode, ProcedureCode } from '../http/identifiers.ts';
import { Problem } from '../http/schemas.ts';
import type { App } from '../http/typed-app.ts';
import type { ProcedureDefinition } from './procedure.ts';
import { checkHsCode, searchHs } from './hs.ts';
import { HsSearchResults, Procedure, ProcedureList, Requirements } from './responses.ts';

const Date_ = Type.String({ format: 'date', description: 'YYYY-MM-DD; default today' });
const Flow = Type.Union([Type.Literal('import'), Type.Literal('export')]);
const pub = { access: 'public' as const };
const tags = ['catalogue'];

const summary = (p: ProcedureDefinition) => ({
  code: p.code,
  version: p.version,
  effectiveFrom: p.effectiveFrom,
  agency: p.agency,
  name: p.name,
  flow: p.flow,
  responseDays: p.responseDays,
  silence: p.silence,
  autoApprove: p.autoApprove,
  fourEyes: p.fourEyes,
  issues: p.issues,
  fee: p.fee,
});

export function catalogRoutes(app: App, ctx: Context) {
  const { catalogue } = ctx;

  app.get(
    '/api/v1/procedures',
    {
      config: pub,
      schema: {
        operationId: 'listProcedures',
        tags,
        summary: 'Procedures of every agency (the version in force on a date)',
        querystring: Type.Object(
          { agency: Type.Optional(AgencyCode), flow: Type.Optional(Flow), date: Type.Optional(Date_) },
          { additionalProperties: false },
        ),
        response: { 200: ProcedureList, '4xx': Problem },
      },
    },
    async (req) => {
      const q = req.query;
      const items = catalogue
        .list(q.date)
        .filter((p) => (!q.agency || p.agency === q.agency) && (!q.flow || p.flow === q.flow));
      return { items: items.map(summary) };
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      config: pub,
      schema: {
        operationId: 'getProcedure',
        tags,
        summary: 'One procedure with its form schema, prefill map, documents, timing and the words for its codes',
        params: Type.Object({ code: ProcedureCode }),
        querystring: Type.Object({ date: Type.Optional(Date_) }, { additionalProperties: false }),
        response: { 200: Procedure, '4xx': Problem },
      },
    },
    async (req) => ({
      ...catalogue.procedure(req.params.code, req.query.date),
      labels: catalogue.labels(req.params.code),
    }),
  );

  app.get(
    '/api/v1/hs',
    {
      config: pub,
      schema: {
        operationId: 'searchHs',
        tags,
        summary: 'Search the HS 2022 nomenclature by code prefix or by words (Spanish or English)',
        querystring: Type.Object(
          {
            q: Type.String({
              minLength: 1,
              maxLength: 200,
              description: 'A code prefix ("9301", "9301.90") or words ("armas de fuego", "firearms")',
              examples: ['firearms'],
            }),
            level: Type.Optional(
              Type.Union([Type.Literal(2), Type.Literal(4), Type.Literal(6)], {
                description: 'Only chapters (2), headings (4) or subheadings (6)',
              }),
            ),
            limit: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 100,
                default: 20,
                description: 'How many of the best matches (1 to 100)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: HsSearchResults, '4xx': Problem },
      },
    },
    async (req) => {
      const q = req.query;
      return { items: searchHs(q.q, { level: q.level, limit: q.limit }) };
    },
  );

  app.get(
    '/api/v1/requirements',
    {
      config: pub,
      schema: {
        operationId: 'listRequirements',
        tags,
        summary: 'The procedures goods need, and which regulation rule requires each',
        querystring: Type.Object(
          {
            flow: Flow,
            hs: Type.String({
              minLength: 6,
              maxLength: 12,
              description:
                'HS subheading (6 digits), tariff fraction (8) or fraction + NICO (10); dots or spaces ' +
                'between groups allowed',
              examples: ['3004.90'],
            }),
            country: Type.Optional(
              Type.Unsafe<string>({
                ...CountryCode,
                description: 'Origin (import) or destination (export), ISO 3166 alpha-2',
              }),
            ),
            date: Type.Optional(Date_),
          },
          { additionalProperties: false },
        ),
        response: { 200: Requirements, '4xx': Problem },
      },
    },
    async (req) => {
      const q = req.query;
      const hs = checkHsCode(q.hs);
      const requirements = catalogue.requirements({ flow: q.flow, hsCode: hs.code, country: q.country, date: q.date });
      return {
        hs: {
          code: hs.code,
          subheading: hs.subheading.description,
          heading: hs.heading.description,
          chapter: hs.chapter.description,
        },
        flow: q.flow,
        country: q.country ?? null,
        requirements: requirements.map((r) => ({
          procedure: summary(r.procedure),
          because: r.rules.map((rule) => ({
            rule: rule.id,
            hsPrefix: rule.hsPrefix,
            countries: rule.countries ?? null,
            effectiveFrom: rule.effectiveFrom,
            effectiveTo: rule.effectiveTo ?? null,
            note: rule.note,
          })),
        })),
      };
    },
  );
}
