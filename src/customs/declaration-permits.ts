import type { Sql } from '../db/db.ts';
import type { PermitDocument } from '../permits/document.ts';
import { numericToMicros } from './declaration-input.ts';
import type { PermitFacts } from './declaration-rules.ts';

// Permit documents may write tariff items with dots ('9306.30.99'); declarations compare digits.
const digits = (code: string) => code.replace(/\D/g, '');

/**
 * Reads the permits a declaration names. With `lock`: permits FOR SHARE (a revocation waits for us) and their
 * lines FOR UPDATE in (permit id, line) order, so concurrent declarations queue on the balances they share and
 * never deadlock; the balances read then are the ones the draw will change.
 */
export async function readPermits(tx: Sql, numbers: string[], lock: boolean): Promise<Map<string, PermitFacts>> {
  if (numbers.length === 0) return new Map();
  const permits = await tx.query<{
    id: string;
    number: string;
    procedure_code: string;
    holder_rfc: string;
    valid_from: string;
    valid_to: string;
    status: 'active' | 'revoked';
    document: PermitDocument;
  }>(
    `select id, number, procedure_code, holder_rfc, valid_from, valid_to, status, document from permits
      where number = any($1) order by id${lock ? ' for share' : ''}`,
    [numbers],
  );
  const lines =
    permits.length === 0
      ? []
      : await tx.query<{
          permit_id: string;
          line: number;
          hs_code: string;
          unit: string;
          currency: string;
          remaining_quantity: string;
          remaining_value: string;
        }>(
          `select permit_id, line, hs_code, unit, currency, remaining_quantity::text,
            remaining_value::text from permit_lines
      where permit_id = any($1) order by permit_id, line${lock ? ' for update' : ''}`,
          [permits.map((p) => p.id)],
        );
  return new Map(
    permits.map((p) => [
      p.number,
      {
        id: p.id,
        number: p.number,
        procedureCode: p.procedure_code,
        holderRfc: p.holder_rfc,
        validFrom: p.valid_from,
        validTo: p.valid_to,
        status: p.status,
        goods: (p.document.goods ?? []).map((g) => ({
          line: g.line,
          hsCode: digits(g.hsCode),
          originCountry: g.originCountry,
          destinationCountry: g.destinationCountry,
        })),
        lines: lines
          .filter((l) => l.permit_id === p.id)
          .map((l) => ({
            line: l.line,
            hsCode: digits(l.hs_code),
            unit: l.unit,
            currency: l.currency,
            remainingQuantity: numericToMicros(l.remaining_quantity),
            remainingValue: numericToMicros(l.remaining_value),
          })),
      },
    ]),
  );
}
