import type { Catalogue } from '../catalog/catalogue.ts';
import type { PrefillSource, ProcedureDefinition, RegulationRule } from '../catalog/procedure.ts';
import { AppError } from '../errors.ts';
import type { TraderProfile } from '../registry/schemas.ts';
import type { GoodsLine, OperationData } from './schemas.ts';

export interface PlannedApplication {
  procedure: ProcedureDefinition;
  /** Goods lines (1-based numbers) this procedure covers; none for a procedure filed on request. */
  lines: number[];
  rules: Array<Pick<RegulationRule, 'id' | 'hsPrefix'>>;
  form: Record<string, unknown>;
  prefilledFields: number;
  typedFields: number;
  problems: Array<{ path: string; message: string }>;
}

const distinct = <T>(xs: T[]) => [...new Set(xs)];

/** Counts data points (leaf values): what a person would otherwise have typed. */
function dataPoints(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + dataPoints(v), 0);
  if (typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + dataPoints(v), 0);
  return 1;
}

function source(
  name: PrefillSource,
  ctx: {
    trader: TraderProfile;
    flow: string;
    goods: Array<GoodsLine & { line: number }>;
    data: OperationData;
    brokerPatent: string | null;
  },
): unknown {
  switch (name) {
    case 'trader.rfc':
      return ctx.trader.rfc;
    case 'trader.legalName':
      return ctx.trader.legalName;
    case 'trader.taxAddress':
      return ctx.trader.taxAddress;
    case 'trader.contacts':
      return ctx.trader.contacts;
    case 'trader.programmes.immex':
      return ctx.trader.programmes?.immex;
    case 'trader.programmes.prosec':
      return ctx.trader.programmes?.prosec;
    case 'trader.legalRepresentative':
      return ctx.trader.legalRepresentative;
    case 'operation.flow':
      return ctx.flow;
    case 'operation.customsOffices':
      return distinct(ctx.goods.map((g) => g.customsOffice));
    case 'operation.goods':
      return ctx.goods;
    case 'operation.originCountries':
      return distinct(ctx.goods.map((g) => g.originCountry));
    case 'operation.destinationCountries':
      return distinct(ctx.goods.map((g) => g.destinationCountry));
    // Values in several currencies cannot be added up without an exchange rate: only all-USD lines are totalled.
    case 'operation.totalValueUsd':
      return ctx.goods.every((g) => g.currency === 'USD') ? ctx.goods.reduce((s, g) => s + g.value, 0) : undefined;
    case 'operation.broker':
      return ctx.brokerPatent ?? undefined;
    case 'operation.edocuments':
      return ctx.data.edocuments;
    case 'operation.coves':
      return ctx.data.coves;
  }
}

/** Procedures the applicant names (`data.procedures`): only those filed on request, of the operation's flow. */
function requested(
  catalogue: Catalogue,
  op: { flow: 'import' | 'export'; data: OperationData; date: string },
): string[] {
  return [...new Set(op.data.procedures ?? [])].map((code) => {
    const refuse = (why: string) =>
      new AppError('operation.procedure_not_on_request', `procedures: ${code} ${why}.`, 400, { procedure: code });
    let def: ProcedureDefinition;
    try {
      def = catalogue.procedure(code, op.date);
    } catch {
      throw refuse('is not a procedure of the catalogue in force today');
    }
    if (!catalogue.filedOnRequest(code))
      throw refuse('is filed because of goods, not on request: list the goods that need it instead');
    if (def.flow !== op.flow) throw refuse(`is filed with an ${def.flow} operation, not an ${op.flow}`);
    return code;
  });
}

/**
 * Works out which procedures an operation needs (regulation matrix, per goods line, plus the procedures
 * filed on request that the applicant names), and fills each
 * procedure's form: prefilled fields from the registry and the operation, typed fields from the
 * applicant's procedureData. Pure: the same input gives the same plan, which is what gets signed.
 */
export function planOperation(
  catalogue: Catalogue,
  op: {
    flow: 'import' | 'export';
    data: OperationData;
    trader: TraderProfile;
    brokerPatent: string | null;
    date: string;
  },
): PlannedApplication[] {
  const byProcedure = new Map<string, { lines: number[]; rules: Map<string, string> }>();
  op.data.goods.forEach((g, i) => {
    const country = op.flow === 'import' ? g.originCountry : g.destinationCountry;
    for (const req of catalogue.requirements({ flow: op.flow, hsCode: g.hsCode, country, date: op.date })) {
      const entry = byProcedure.get(req.procedure.code) ?? { lines: [] as number[], rules: new Map<string, string>() };
      entry.lines.push(i + 1);
      for (const r of req.rules) entry.rules.set(r.id, r.hsPrefix);
      byProcedure.set(req.procedure.code, entry);
    }
  });
  for (const code of requested(catalogue, op)) byProcedure.set(code, { lines: [], rules: new Map() });
  const typedByProcedure = op.data.procedureData ?? {};
  for (const code of Object.keys(typedByProcedure)) {
    if (!byProcedure.has(code)) {
      throw new AppError(
        'operation.procedure_not_required',
        `procedureData has fields for ${code}, which these goods do not need and procedures does not name.`,
        400,
      );
    }
  }
  return [...byProcedure.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, entry]) => {
      const procedure = catalogue.procedure(code, op.date);
      const goods = entry.lines.map((line) => ({ line, ...op.data.goods[line - 1]! }));
      const prefilled: Record<string, unknown> = {};
      for (const [field, from] of Object.entries(procedure.prefill)) {
        const value = source(from, {
          trader: op.trader,
          flow: op.flow,
          goods,
          data: op.data,
          brokerPatent: op.brokerPatent,
        });
        if (value !== undefined) prefilled[field] = value;
      }
      const typed = typedByProcedure[code] ?? {};
      const retyped = Object.keys(typed).filter((k) => k in procedure.prefill);
      if (retyped.length > 0) {
        throw new AppError(
          'operation.prefilled_field_typed',
          `${code}: ${retyped.join(', ')} ${retyped.length > 1 ? 'are' : 'is'} filled from the registry and ` +
            `the operation; do not type ${retyped.length > 1 ? 'them' : 'it'} again.`,
          400,
        );
      }
      const form = { ...prefilled, ...typed };
      return {
        procedure,
        lines: entry.lines,
        rules: [...entry.rules].map(([id, hsPrefix]) => ({ id, hsPrefix })),
        form,
        prefilledFields: dataPoints(prefilled),
        typedFields: dataPoints(typed),
        problems: catalogue.validateForm(procedure, form),
      };
    });
}
