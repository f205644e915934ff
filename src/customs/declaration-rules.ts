import type { Requirement } from '../catalog/catalogue.ts';
import {
  microsToNumber,
  toMicros,
  type Declaration,
  type DeclaredLine,
  type DeclaredPermitUse,
} from './declaration-input.ts';

/** Why a declaration is refused. The codes are stable: customs systems act on them. */
export const REASON_CODES = [
  'permit_missing',
  'permit_not_found',
  'permit_wrong_holder',
  'permit_wrong_procedure',
  'permit_hs_not_covered',
  'permit_expired',
  'permit_not_yet_valid',
  'permit_revoked',
  'permit_insufficient_balance',
  'permit_country_mismatch',
  'permit_draw_mismatch',
  'unit_mismatch',
  'currency_mismatch',
  'cove_not_found',
  'cove_wrong_party',
  'cove_wrong_flow',
  'cove_superseded',
  'edocument_not_found',
  'edocument_wrong_party',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** The goods line (1-based), or null for the declaration as a whole (COVEs, eDocuments). */
  line: number | null;
  message: string;
  procedure?: string;
  permit?: string;
  document?: string;
  [detail: string]: unknown;
}

/** What the evaluation needs of a permit: read under lock, so the balances are the ones that will be drawn. */
export interface PermitFacts {
  id: string;
  number: string;
  procedureCode: string;
  holderRfc: string;
  validFrom: string;
  validTo: string;
  status: 'active' | 'revoked';
  /** The goods of the permit document (countries, and the HS codes of permits without balances). */
  goods: Array<{ line: number; hsCode: string; originCountry?: string; destinationCountry?: string }>;
  /** Balances per permit line; empty for documents that carry none (notices, certificates). */
  lines: Array<{
    line: number;
    hsCode: string;
    unit: string;
    currency: string;
    remainingQuantity: bigint;
    remainingValue: bigint;
  }>;
}

export interface PlannedDraw {
  declarationLine: number;
  permit: string;
  permitId: string;
  permitLine: number;
  quantity: bigint;
  value: bigint;
}

/**
 * A permit's code covers a declared code when they agree on all the digits both have, and at least the
 * subheading (6): a permit for 300490 covers 3004909901; one for tariff fraction 30049099 does not cover 30049010.
 */
export function hsCovers(permitCode: string, declaredCode: string): boolean {
  const n = Math.min(permitCode.length, declaredCode.length);
  return n >= 6 && permitCode.slice(0, n) === declaredCode.slice(0, n);
}

const money = (micros: bigint) => microsToNumber(micros);

/** What a declaration's evaluation found: every reason it fails, or the draws it makes and what they leave. */
export interface Evaluation {
  reasons: Reason[];
  draws: PlannedDraw[];
  /** per declaration line, the procedures the matrix requires */
  required: Map<number, string[]>;
  /** per "permitId:line", the balance left once the draws are taken */
  balancesAfter: Map<string, { quantity: bigint; value: bigint }>;
}

/**
 * Checks every goods line against the regulation matrix and the permits it names, and lists every reason it
 * fails, not only the first. Balances are drawn in declaration order on a working copy, so two lines drawing
 * on one permit line cannot together take more than it has. Pure: the transaction reads, this decides.
 */
export function evaluateDeclaration(
  decl: Declaration,
  opts: {
    requirements: (line: DeclaredLine) => Requirement[];
    permits: ReadonlyMap<string, PermitFacts>;
  },
): Evaluation {
  const reasons: Reason[] = [];
  const draws: PlannedDraw[] = [];
  const required = new Map<number, string[]>();
  // Per "permitId:line", the balance left once the draws so far are taken.
  const working = new Map<string, { quantity: bigint; value: bigint }>();

  for (const line of decl.lines) {
    const requirements = opts.requirements(line);
    const codes = requirements.map((r) => r.procedure.code);
    required.set(line.line, codes);
    const country = decl.flow === 'import' ? line.originCountry : line.destinationCountry;
    const countryField = decl.flow === 'import' ? 'originCountry' : 'destinationCountry';
    const at = (code: ReasonCode, message: string, extra: Record<string, unknown> = {}): Reason => ({
      code,
      line: line.line,
      message: `Line ${line.line}: ${message}`,
      ...extra,
    });
    // Per procedure: the permits of it on this line, and whether each passed (only then are their draws summed).
    const byProcedure = new Map<string, Array<{ use: DeclaredPermitUse; ok: boolean; drawn: boolean }>>();

    for (const use of line.permits) {
      const permit = opts.permits.get(use.number);
      if (!permit) {
        reasons.push(
          at('permit_not_found', `permit ${use.number} was not issued by this window.`, { permit: use.number }),
        );
        continue;
      }
      const before = reasons.length;
      const about = { permit: permit.number, procedure: permit.procedureCode };
      if (permit.holderRfc !== decl.traderRfc) {
        reasons.push(
          at(
            'permit_wrong_holder',
            `permit ${permit.number} was issued to another trader, not ${decl.traderRfc}.`,
            about,
          ),
        );
      }
      if (!codes.includes(permit.procedureCode)) {
        const needed = codes.length ? `it needs ${codes.join(', ')}` : 'it needs no permit';
        reasons.push(
          at(
            'permit_wrong_procedure',
            `permit ${permit.number} is a ${permit.procedureCode}, but for HS ${line.hsCode} from ${country} on ` +
              `${decl.date} ${needed}.`,
            { ...about, required: codes },
          ),
        );
      }
      if (permit.status === 'revoked')
        reasons.push(at('permit_revoked', `permit ${permit.number} was revoked by the agency that issued it.`, about));
      if (decl.date > permit.validTo) {
        reasons.push(
          at(
            'permit_expired',
            `permit ${permit.number} expired on ${permit.validTo}; the declaration is dated ${decl.date}.`,
            { ...about, validTo: permit.validTo },
          ),
        );
      }
      if (decl.date < permit.validFrom) {
        reasons.push(
          at(
            'permit_not_yet_valid',
            `permit ${permit.number} is valid from ${permit.validFrom}; the declaration is dated ${decl.date}.`,
            { ...about, validFrom: permit.validFrom },
          ),
        );
      }
      const goodsCountry = (permitLine: number) => permit.goods.find((g) => g.line === permitLine)?.[countryField];
      const checkCountry = (permitLine: number) => {
        const authorised = goodsCountry(permitLine);
        if (authorised && authorised !== country) {
          reasons.push(
            at(
              'permit_country_mismatch',
              `permit ${permit.number} line ${permitLine} authorises goods ` +
                `${decl.flow === 'import' ? 'from' : 'to'} ${authorised}, not ${country}.`,
              { ...about, permitLine, authorised },
            ),
          );
        }
      };
      let drawn = false;
      if (permit.lines.length === 0) {
        const goods = permit.goods.filter(
          (g) => (use.line === null || g.line === use.line) && hsCovers(g.hsCode, line.hsCode),
        );
        if (goods.length === 0)
          reasons.push(at('permit_hs_not_covered', `permit ${permit.number} does not cover HS ${line.hsCode}.`, about));
        else checkCountry(goods[0]!.line);
      } else {
        const candidates = permit.lines.filter(
          (l) => (use.line === null || l.line === use.line) && hsCovers(l.hsCode, line.hsCode),
        );
        const sameUnit = candidates.filter((l) => l.unit.toUpperCase() === line.unit);
        const sameCurrency = sameUnit.filter((l) => l.currency === line.currency);
        if (candidates.length === 0) {
          const covered = permit.lines.map((l) => `${l.line}: ${l.hsCode}`).join(', ');
          reasons.push(
            at(
              'permit_hs_not_covered',
              `permit ${permit.number}${use.line ? ` line ${use.line}` : ''} does not cover HS ${line.hsCode} ` +
                `(its lines: ${covered}).`,
              about,
            ),
          );
        } else if (sameUnit.length === 0) {
          reasons.push(
            at(
              'unit_mismatch',
              `permit ${permit.number} authorises HS ${line.hsCode} in ` +
                `${candidates.map((l) => l.unit).join(', ')}, not ${line.unit}.`,
              { ...about, unit: line.unit, permitUnits: candidates.map((l) => l.unit) },
            ),
          );
        } else if (sameCurrency.length === 0) {
          reasons.push(
            at(
              'currency_mismatch',
              `permit ${permit.number} authorises values in ${sameUnit.map((l) => l.currency).join(', ')}, not ` +
                `${line.currency}.`,
              { ...about, currency: line.currency },
            ),
          );
        } else {
          const target = sameCurrency[0]!;
          checkCountry(target.line);
          const key = `${permit.id}:${target.line}`;
          const balance = working.get(key) ?? { quantity: target.remainingQuantity, value: target.remainingValue };
          const quantity = toMicros(use.quantity, 'quantity');
          const value = toMicros(use.value, 'value');
          if (quantity > balance.quantity || value > balance.value) {
            reasons.push(
              at(
                'permit_insufficient_balance',
                `permit ${permit.number} line ${target.line} has ${money(balance.quantity)} ${target.unit} and ` +
                  `${money(balance.value)} ${target.currency} left; this line draws ${use.quantity} ${target.unit} ` +
                  `and ${use.value} ${target.currency}.`,
                {
                  ...about,
                  permitLine: target.line,
                  remainingQuantity: money(balance.quantity),
                  remainingValue: money(balance.value),
                  quantity: use.quantity,
                  value: use.value,
                },
              ),
            );
          } else if (reasons.length === before) {
            working.set(key, { quantity: balance.quantity - quantity, value: balance.value - value });
            draws.push({
              declarationLine: line.line,
              permit: permit.number,
              permitId: permit.id,
              permitLine: target.line,
              quantity,
              value,
            });
            drawn = true;
          }
        }
      }
      const list = byProcedure.get(permit.procedureCode) ?? [];
      list.push({ use, ok: reasons.length === before, drawn });
      byProcedure.set(permit.procedureCode, list);
    }

    for (const requirement of requirements) {
      const code = requirement.procedure.code;
      const uses = byProcedure.get(code);
      if (!uses) {
        reasons.push(
          at(
            'permit_missing',
            `HS ${line.hsCode} ${decl.flow === 'import' ? 'from' : 'to'} ${country} needs a ${code} ` +
              `(${requirement.procedure.name.en}) and the line names none.`,
            { procedure: code, rules: requirement.rules.map((r) => r.id) },
          ),
        );
        continue;
      }
      // Permits with balances must, together, account for exactly the goods on the line.
      const balanced = uses.filter((u) => u.drawn);
      if (balanced.length === 0 || uses.some((u) => !u.ok)) continue;
      const quantity = balanced.reduce((s, u) => s + toMicros(u.use.quantity, 'quantity'), 0n);
      const value = balanced.reduce((s, u) => s + toMicros(u.use.value, 'value'), 0n);
      if (quantity !== toMicros(line.quantity, 'quantity') || value !== toMicros(line.value, 'value')) {
        reasons.push(
          at(
            'permit_draw_mismatch',
            `the ${code} permits draw ${money(quantity)} ${line.unit} and ${money(value)} ${line.currency}; the ` +
              `line declares ${line.quantity} ${line.unit} and ${line.value} ${line.currency}.`,
            { procedure: code, drawnQuantity: money(quantity), drawnValue: money(value) },
          ),
        );
      }
    }
  }
  return { reasons, draws, required, balancesAfter: working };
}
