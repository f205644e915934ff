import { Type } from 'typebox';
import { mexicoDate } from '../calendar/calendar.ts';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import { principalOf } from '../http/access.ts';
import { CountryCode as Country, HsPrefix as HsCode, Rfc, Uuid } from '../http/identifiers.ts';
import { cursorKey, keyedPage, PageQuery, pageOf } from '../http/pagination.ts';
import { Problem } from '../http/schemas.ts';
import { signedRoute } from '../http/signed-route.ts';
import { QuotaAssigned, QuotaCreated } from '../http/signed-action/results.ts';
import { checkQuotaAssignment, checkQuotaCreation, createQuota, setQuotaAssignment } from './quota-admin.ts';
import { getQuota, listQuotaAssignments, listQuotas } from './quota-view.ts';
import { Quota, QuotaAssignmentPage, QuotaPage } from './responses.ts';

const tags = ['quotas'];
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

const NewQuota = Type.Object(
  {
    name: Type.String({ minLength: 3, maxLength: 200, description: 'e.g. "CPTPP skimmed milk powder 2026"' }),
    hsCodes: Type.Array(HsCode, {
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: 'Goods lines whose code starts with one of these are charged to the quota',
    }),
    originCountries: Type.Array(Country, { minItems: 1, maxItems: 250, uniqueItems: true }),
    periodFrom: Day,
    periodTo: Day,
    total: Type.Number({ exclusiveMinimum: 0 }),
    unit: Type.String({
      pattern: '^[A-Z0-9]{1,12}$',
      description: 'UN/ECE Rec. 20 code, e.g. KGM, LTR, PCE: goods lines must use the same unit',
    }),
    allocationMethod: Type.Union([Type.Literal('first_come'), Type.Literal('assignment')], {
      description: 'first_come: first come, first served; assignment: SE assigns amounts to named traders beforehand',
    }),
  },
  { additionalProperties: false },
);

const QuotaId = Type.Object({ id: Uuid });
const AssignmentParams = Type.Object({ id: Uuid, rfc: Rfc });

export function quotaRoutes(app: App, ctx: Context) {
  const today = () => mexicoDate(ctx.clock.now());

  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/quotas',
    action: 'quota.create',
    tags,
    body: NewQuota,
    names: { prepare: 'prepareQuotaCreation', act: 'createQuota' },
    result: QuotaCreated,
    summary: 'Define a quota (SE administrators and supervisors, signed)',
    check: async (db, { principal, data }) => {
      await checkQuotaCreation(db, principal, data);
    },
    act: async (tx, { principal, data, signatureId }) => {
      const id = await createQuota(tx, { principal, input: data, signatureId, now: ctx.clock.now() });
      return { status: 201, object: { type: 'quota', id }, result: await getQuota(tx, id, today()) };
    },
  });

  signedRoute(app, ctx, {
    method: 'PUT',
    url: '/api/v1/quotas/:id/assignments/:rfc',
    action: 'quota.assign',
    tags,
    params: AssignmentParams,
    names: { prepare: 'prepareQuotaAssignment', act: 'assignQuota' },
    result: QuotaAssigned,
    summary: "Set a trader's amount of an 'assignment' quota (SE administrators and supervisors, signed)",
    body: Type.Object({ amount: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
    check: async (db, { principal, data, params }) => {
      await checkQuotaAssignment(db, principal, { quotaId: params.id, traderRfc: params.rfc, amount: data.amount });
    },
    act: async (tx, { principal, data, params, signatureId }) => {
      const result = await setQuotaAssignment(tx, {
        principal,
        quotaId: params.id,
        traderRfc: params.rfc,
        amount: data.amount,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'quota', id: params.id }, result };
    },
  });

  app.get(
    '/api/v1/quotas',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'listQuotas',
        summary: 'Quotas with their totals, allocated, used and remaining amounts (public)',
        description: 'Latest period first. Amounts and scope only, never who holds the certificates or assignments.',
        querystring: Type.Object(
          {
            hsCode: Type.Optional(HsCode),
            originCountry: Type.Optional(Country),
            date: Type.Optional(
              Type.String({ format: 'date', description: 'Only quotas whose period includes this day' }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: QuotaPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { cursor, limit = 50, ...filter } = req.query;
      const rows = await listQuotas(ctx.db, today(), {
        ...filter,
        limit,
        after: cursorKey(cursor, ['date', 'text', 'uuid']),
      });
      return keyedPage(rows, limit, req.url);
    },
  );

  app.get(
    '/api/v1/quotas/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'getQuota',
        summary: 'One quota (public)',
        params: QuotaId,
        response: { 200: Quota, '4xx': Problem },
      },
    },
    async (req) => getQuota(ctx.db, req.params.id, today()),
  );

  app.get(
    '/api/v1/quotas/:id/assignments',
    {
      config: { access: { scope: 'read' } },
      schema: {
        tags,
        operationId: 'listQuotaAssignments',
        summary: 'Per-trader assignments (SE officers: all; traders and their brokers: their own)',
        params: QuotaId,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: QuotaAssignmentPage, '4xx': Problem },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const rows = await listQuotaAssignments(ctx.db, principalOf(req), req.params.id, {
        limit,
        after: cursorKey(req.query.cursor, ['text'])?.[0],
      });
      return pageOf(
        rows,
        limit,
        req.url,
        (r) => [r.traderRfc],
        (r) => r,
      );
    },
  );
}
