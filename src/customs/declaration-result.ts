import type { Declaration } from './declaration-input.ts';
import { microsToNumber } from './declaration-input.ts';
import type { Evaluation, Reason } from './declaration-rules.ts';

/** What the window signs: the declaration as understood, the verdict, and the draws or the reasons. */
export interface ValidationResult {
  window: string;
  number: string;
  status: 'accepted' | 'refused';
  bodySha256: string;
  customsOffice: string;
  brokerPatent: string;
  traderRfc: string;
  flow: 'import' | 'export';
  date: string;
  lines: Array<{
    line: number;
    hsCode: string;
    quantity: number;
    unit: string;
    value: number;
    currency: string;
    requiredProcedures: string[];
    draws: Array<{
      permit: string;
      permitLine: number;
      quantity: number;
      value: number;
      remainingQuantity: number;
      remainingValue: number;
    }>;
  }>;
  reasons: Reason[];
  validatedAt: string;
  validatedBy: string;
}

/**
 * The verdict on a declaration as the window seals it: each line with the procedures it needed and, when accepted,
 * what it drew from which permit line and what that line has left.
 */
export function validationResult(
  decl: Declaration,
  evaluation: Evaluation,
  opts: { window: string; bodySha256: string; validatedAt: Date; validatedBy: string },
): ValidationResult {
  const { reasons, draws, balancesAfter, required } = evaluation;
  const accepted = reasons.length === 0;
  return {
    window: opts.window,
    number: decl.number,
    status: accepted ? 'accepted' : 'refused',
    bodySha256: opts.bodySha256,
    customsOffice: decl.customsOffice,
    brokerPatent: decl.brokerPatent,
    traderRfc: decl.traderRfc,
    flow: decl.flow,
    date: decl.date,
    lines: decl.lines.map((l) => ({
      line: l.line,
      hsCode: l.hsCode,
      quantity: l.quantity,
      unit: l.unit,
      value: l.value,
      currency: l.currency,
      requiredProcedures: required.get(l.line) ?? [],
      draws: accepted
        ? draws
            .filter((d) => d.declarationLine === l.line)
            .map((d) => {
              const left = balancesAfter.get(`${d.permitId}:${d.permitLine}`)!;
              return {
                permit: d.permit,
                permitLine: d.permitLine,
                quantity: microsToNumber(d.quantity),
                value: microsToNumber(d.value),
                remainingQuantity: microsToNumber(left.quantity),
                remainingValue: microsToNumber(left.value),
              };
            })
        : [],
    })),
    reasons,
    validatedAt: opts.validatedAt.toISOString(),
    validatedBy: opts.validatedBy,
  };
}
