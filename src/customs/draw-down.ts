import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { type Declaration, microsToDecimal } from './declaration-input.ts';
import type { ValidationResult } from './declaration-result.ts';
import type { PlannedDraw } from './declaration-rules.ts';

/*
 * The draw-down: an accepted declaration takes what it declares from the balances of the permit lines it names,
 * and a cancellation gives it back. Callers hold the permit lines' row locks (in permit id, line order).
 */

/** One row per permit line, however many goods lines draw on it. */
function totalsByPermitLine(draws: PlannedDraw[]) {
  const totals = new Map<string, { permit_id: string; line: number; quantity: bigint; value: bigint }>();
  for (const d of draws) {
    const key = `${d.permitId}:${d.permitLine}`;
    const t = totals.get(key) ?? { permit_id: d.permitId, line: d.permitLine, quantity: 0n, value: 0n };
    t.quantity += d.quantity;
    t.value += d.value;
    totals.set(key, t);
  }
  return [...totals.values()].map((t) => ({
    ...t,
    quantity: microsToDecimal(t.quantity),
    value: microsToDecimal(t.value),
  }));
}

/**
 * Records an accepted declaration with its draws and takes them from the permit lines, in the caller's transaction.
 * The caller locked the lines and evaluated the draws on their balances.
 */
export async function recordAcceptance(
  tx: Sql,
  decl: Declaration,
  draws: PlannedDraw[],
  opts: { bodySha256: string; result: ValidationResult; seal: string; receivedBy: string; now: Date },
): Promise<void> {
  // The balances, the declaration and its draws in one statement. The lines are locked and the evaluation
  // saw their balances: the condition on the update (and the table's CHECK) is only the backstop.
  const totals = totalsByPermitLine(draws);
  const written = await tx.one<{ drawn: number }>(
    `with drawn as (
       update permit_lines pl set remaining_quantity = pl.remaining_quantity - d.quantity,
         remaining_value = pl.remaining_value - d.value
         from jsonb_to_recordset($1::jsonb) as d(permit_id uuid, line int, quantity numeric, value numeric)
        where pl.permit_id = d.permit_id and pl.line = d.line and pl.remaining_quantity >= d.quantity and
          pl.remaining_value >= d.value
        returning 1
     ), declaration as (
       insert into customs_declarations (number, body_sha256, body, status, customs_office, broker_patent,
         trader_rfc, flow, declaration_date,
         result, seal, received_by_rfc, received_at)
       values ($2, $3, $4, 'accepted', $5, $6, $7, $8, $9, $10, $11, $12, $13)
       returning number
     ), recorded as (
       insert into permit_draws (declaration_number, draw, declaration_line, permit_id, permit_line, quantity,
         value, drawn_at)
       select (select number from declaration), x.draw, x.declaration_line, x.permit_id, x.permit_line, x.quantity,
         x.value, $13
         from jsonb_to_recordset($14::jsonb) as x(draw int, declaration_line int, permit_id uuid, permit_line int,
           quantity numeric, value numeric)
       returning 1
     )
     select (select count(*) from drawn)::int as drawn`,
    [
      json(totals),
      decl.number,
      opts.bodySha256,
      json(decl),
      decl.customsOffice,
      decl.brokerPatent,
      decl.traderRfc,
      decl.flow,
      decl.date,
      json(opts.result),
      opts.seal,
      opts.receivedBy,
      opts.now,
      json(
        draws.map((d, i) => ({
          draw: i + 1,
          declaration_line: d.declarationLine,
          permit_id: d.permitId,
          permit_line: d.permitLine,
          quantity: microsToDecimal(d.quantity),
          value: microsToDecimal(d.value),
        })),
      ),
    ],
  );
  if (written.drawn !== totals.length)
    throw new Error(
      `declaration ${decl.number}: ${totals.length - written.drawn} permit lines changed under their lock`,
    );
  await appendAudit(tx, {
    type: 'customs.declaration_accepted',
    actorRfc: opts.receivedBy,
    objectType: 'customs_declaration',
    objectId: decl.number,
    data: {
      bodySha256: opts.bodySha256,
      trader: decl.traderRfc,
      customsOffice: decl.customsOffice,
      draws: draws.map((d) => ({
        line: d.declarationLine,
        permit: d.permit,
        permitLine: d.permitLine,
        quantity: microsToDecimal(d.quantity),
        value: microsToDecimal(d.value),
      })),
    },
  });
}

/** Gives back what a cancelled declaration drew, in the caller's transaction; answers the balances restored. */
export async function returnDraws(tx: Sql, number: string, now: Date) {
  await tx.query(
    `select 1 from permit_lines pl
      where exists (select 1 from permit_draws d where d.declaration_number = $1 and d.returned_at is null and
        d.permit_id = pl.permit_id and d.permit_line = pl.line)
      order by pl.permit_id, pl.line for update`,
    [number],
  );
  const restored = await tx.query<{
    permit_id: string;
    line: number;
    remaining_quantity: string;
    remaining_value: string;
  }>(
    `update permit_lines pl set remaining_quantity = pl.remaining_quantity + d.quantity,
      remaining_value = pl.remaining_value + d.value
       from (select permit_id, permit_line, sum(quantity) as quantity, sum(value) as value from permit_draws
              where declaration_number = $1 and returned_at is null group by permit_id, permit_line) d
      where pl.permit_id = d.permit_id and pl.line = d.permit_line
      returning pl.permit_id, pl.line, pl.remaining_quantity::text, pl.remaining_value::text`,
    [number],
  );
  await tx.query('update permit_draws set returned_at = $2 where declaration_number = $1 and returned_at is null', [
    number,
    now,
  ]);
  const numbers = new Map(
    (
      await tx.query<{ id: string; number: string }>('select id, number from permits where id = any($1)', [
        restored.map((r) => r.permit_id),
      ])
    ).map((p) => [p.id, p.number]),
  );
  return restored.map((r) => ({
    permit: numbers.get(r.permit_id)!,
    permitLine: r.line,
    remainingQuantity: Number(r.remaining_quantity),
    remainingValue: Number(r.remaining_value),
  }));
}

interface DrawRow {
  declaration_number: string;
  declaration_line: number;
  permit_number: string;
  permit_line: number;
  quantity: string;
  value: string;
  drawn_at: Date;
  returned_at: Date | null;
}

const drawView = (d: DrawRow) => ({
  declaration: d.declaration_number,
  declarationLine: d.declaration_line,
  permit: d.permit_number,
  permitLine: d.permit_line,
  quantity: Number(d.quantity),
  value: Number(d.value),
  drawnAt: d.drawn_at.toISOString(),
  returnedAt: d.returned_at?.toISOString() ?? null,
});

const DRAWS = `select d.declaration_number, d.declaration_line, p.number as permit_number, d.permit_line,
  d.quantity::text, d.value::text, d.drawn_at, d.returned_at
  from permit_draws d join permits p on p.id = d.permit_id`;

/** What a declaration drew, in draw order. */
export async function declarationDraws(db: Sql, number: string) {
  const rows = await db.query<DrawRow>(`${DRAWS} where d.declaration_number = $1 order by d.draw`, [number]);
  return rows.map(drawView);
}

/** The draws on one permit, newest first; returned ones (cancelled declarations) say when. */
export async function permitDraws(db: Sql, permitId: string) {
  const rows = await db.query<DrawRow>(
    `${DRAWS} where d.permit_id = $1 order by d.drawn_at desc, d.declaration_number, d.draw`,
    [permitId],
  );
  return rows.map(drawView);
}
