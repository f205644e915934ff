import { Type, type TSchema } from 'typebox';
import { AgencyCode } from '../http/identifiers.ts';

/**
 * What the statistics route answers. Fastify serialises through this schema, so nothing that is not declared here
 * (no trader, RFC, folio or id) can go out even if a query were to select it.
 */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM', examples: ['2026-03'] });
const Text = Type.Object(
  { es: Type.String(), en: Type.String() },
  { title: 'LocalisedText', description: 'Spanish and English' },
);
const Count = Type.Integer({ minimum: 0 });

export const MonthQuery = Month;

export const AgencyStatistics = Type.Object(
  {
    code: AgencyCode,
    name: Text,
    filings: Type.Array(Type.Object({ month: Month, count: Count }), {
      description: 'Applications filed with the agency, per month of the range (Mexico City), months without any too',
    }),
    filed: Type.Integer({ minimum: 0, description: 'The sum of `filings`' }),
    resolved: Type.Integer({
      minimum: 0,
      description: 'Applications decided in the range (by officers, automatically or by legal silence)',
    }),
    resolutionDays: Nullable(
      Type.Object(
        { median: Type.Number({ minimum: 0 }), p90: Type.Number({ minimum: 0 }) },
        {
          description:
            'Calendar days from filing to decision (one decimal) of the decisions in the range, automatic ' +
            'approvals left out; null without any such decision',
        },
      ),
    ),
    onTime: Type.Integer({
      minimum: 0,
      description: 'Decisions an officer signed on or before the due date (legal time in working days)',
    }),
    onTimeShare: Nullable(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description:
          'onTime over the decisions in the range without automatic approvals (legal silence counts as late); ' +
          'null without any such decision',
      }),
    ),
    outcomes: Type.Object(
      {
        approved: Type.Integer({ minimum: 0, description: 'Approved by an officer' }),
        rejected: Type.Integer({ minimum: 0, description: 'Rejected by an officer' }),
        automatic: Type.Integer({ minimum: 0, description: 'Automatic notices approved without a human' }),
        approvedBySilence: Type.Integer({ minimum: 0, description: 'Positive legal silence' }),
        deniedBySilence: Type.Integer({ minimum: 0, description: 'Negative legal silence' }),
        withdrawn: Type.Integer({ minimum: 0, description: 'Withdrawn by the applicant (not a decision)' }),
      },
      { description: 'How the applications closed in the range ended' },
    ),
  },
  { title: 'AgencyStatistics' },
);

export const QuotaUsage = Type.Object(
  {
    name: Type.String(),
    agency: AgencyCode,
    unit: Type.String(),
    period: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
    total: Type.Number({ description: 'The amount of the quota' }),
    allocated: Type.Number({ description: 'Allocated to quota certificates' }),
    drawn: Type.Number({ description: 'Drawn by customs declarations from those certificates' }),
  },
  { title: 'QuotaUsage', description: 'A quota whose period overlaps the range' },
);

export const Statistics = Type.Object(
  {
    from: Month,
    to: Month,
    timeZone: Type.String({ description: 'Months and due dates are calendar months and days here' }),
    months: Type.Array(Month),
    agencies: Type.Array(AgencyStatistics),
    quotas: Type.Array(QuotaUsage),
  },
  {
    title: 'Statistics',
    description: 'Aggregates only: no trader, RFC, folio or application is named',
  },
);
