import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import { checkCountry } from '../catalog/codes.ts';
import { checkHsCode, hsEntry } from '../catalog/hs.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { parseRfc } from '../registry/identifiers.ts';
import { requireOfficerRole } from '../registry/identity.ts';
import type { OfficerRole } from '../registry/schemas.ts';
import { QUOTA_AGENCY, QUOTA_PROCEDURE, type AllocationMethod } from './quota.ts';

/** Who defines quotas and assigns them to traders. */
const QUOTA_ROLES: readonly OfficerRole[] = ['administrator', 'supervisor'];

export interface QuotaDefinition {
  name: string;
  /** HS prefixes: chapter (2 digits), heading (4), subheading (6), tariff fraction (8) or fraction + NICO (10). */
  hsCodes: string[];
  originCountries: string[];
  periodFrom: string;
  periodTo: string;
  total: number;
  unit: string;
  allocationMethod: AllocationMethod;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Creations are serialised so that the overlap check and the insert cannot interleave.
const DEFINITION_LOCK = "select pg_advisory_xact_lock(hashtext('ventanilla:quota-definitions'))";

function checkHsPrefix(code: string): string {
  if (code.length <= 6) {
    if (!hsEntry(code)) {
      throw new AppError(
        'quota.hs_invalid',
        `hsCodes: ${code} is not a chapter, heading or subheading of HS 2022.`,
        400,
        { code },
      );
    }
    return code;
  }
  return checkHsCode(code).code;
}

/**
 * What a schema cannot check: real HS codes and countries, a period that ends after it starts, prefixes that do not
 * repeat each other.
 */
function checkDefinition(input: QuotaDefinition): QuotaDefinition {
  const hsCodes = input.hsCodes.map(checkHsPrefix).sort();
  for (const a of hsCodes) {
    const covering = hsCodes.find((b) => b !== a && a.startsWith(b));
    if (covering)
      throw new AppError('quota.hs_invalid', `hsCodes: ${a} is already covered by ${covering}; list it once.`, 400, {
        code: a,
      });
  }
  const originCountries = input.originCountries
    .map((c) => {
      try {
        return checkCountry(c, 'originCountries');
      } catch {
        throw new AppError('quota.country_invalid', `originCountries: ${c} is not an ISO 3166 country code.`, 400, {
          country: c,
        });
      }
    })
    .sort();
  if (input.periodFrom > input.periodTo) {
    throw new AppError(
      'quota.period_invalid',
      `The period ends (${input.periodTo}) before it starts (${input.periodFrom}).`,
      400,
    );
  }
  return { ...input, name: input.name.trim(), hsCodes, originCountries };
}

/** A quota whose scope a new one would share: same unit, a common country, overlapping periods and HS prefixes. */
async function overlapping(db: Sql, q: QuotaDefinition): Promise<void> {
  const other = await db.maybe<{ id: string; name: string }>(
    `select id, name from quotas
      where procedure_code = $1 and unit = $2 and period_from <= $4::date and period_to >= $3::date
        and origin_countries && array(select jsonb_array_elements_text($5::jsonb))
        and exists (select 1 from unnest(hs_prefixes) p, jsonb_array_elements_text($6::jsonb) n
                     where starts_with(p, n) or starts_with(n, p))
      order by created_at limit 1`,
    [QUOTA_PROCEDURE, q.unit, q.periodFrom, q.periodTo, json(q.originCountries), json(q.hsCodes)],
  );
  if (other) {
    throw new AppError(
      'quota.overlaps',
      `Quota "${other.name}" (${other.id}) already covers some of these goods, origins and dates ` +
        `in ${q.unit}: a goods line must match one quota only. ` +
        'Narrow the HS codes, countries or period, or use a different unit.',
      409,
      { quotaId: other.id },
    );
  }
}

export async function checkQuotaCreation(
  db: Sql,
  principal: Principal,
  input: QuotaDefinition,
): Promise<QuotaDefinition> {
  await requireOfficerRole(db, principal, QUOTA_AGENCY, QUOTA_ROLES);
  const quota = checkDefinition(input);
  await overlapping(db, quota);
  return quota;
}

export async function createQuota(
  tx: Sql,
  opts: { principal: Principal; input: QuotaDefinition; signatureId: string; now: Date },
): Promise<string> {
  await tx.query(DEFINITION_LOCK);
  const q = await checkQuotaCreation(tx, opts.principal, opts.input);
  const id = crypto.randomUUID();
  await tx.query(
    `insert into quotas (id, agency_code, procedure_code, name, hs_prefixes, origin_countries, period_from, period_to,
       unit, total, allocation_method, created_by_rfc, signature_id, created_at)
     values ($1, $2, $3, $4, array(select jsonb_array_elements_text($5::jsonb)),
       array(select jsonb_array_elements_text($6::jsonb)),
       $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      QUOTA_AGENCY,
      QUOTA_PROCEDURE,
      q.name,
      json(q.hsCodes),
      json(q.originCountries),
      q.periodFrom,
      q.periodTo,
      q.unit,
      q.total,
      q.allocationMethod,
      opts.principal.rfc,
      opts.signatureId,
      opts.now,
    ],
  );
  await appendAudit(tx, {
    type: 'quota.created',
    actorRfc: opts.principal.rfc,
    objectType: 'quota',
    objectId: id,
    signatureId: opts.signatureId,
    data: { ...q },
  });
  return id;
}

async function quotaFor(db: Sql, id: string, lock = false) {
  const quota = UUID.test(id)
    ? await db.maybe<{ id: string; name: string; unit: string; total: string; allocation_method: AllocationMethod }>(
        `select id, name, unit, total::text as total, allocation_method from quotas where id = ` +
          `$1${lock ? ' for update' : ''}`,
        [id],
      )
    : null;
  if (!quota) throw notFound('quota', id);
  return quota;
}

/**
 * An assignment sets the amount of an 'assignment' quota a trader may be issued certificates for. It may
 * be changed, but not below what the trader was already allocated, and all assignments together stay
 * within the quota's total.
 */
export async function checkQuotaAssignment(
  db: Sql,
  principal: Principal,
  opts: { quotaId: string; traderRfc: string; amount: number },
  lock = false,
) {
  await requireOfficerRole(db, principal, QUOTA_AGENCY, QUOTA_ROLES);
  const quota = await quotaFor(db, opts.quotaId, lock);
  if (quota.allocation_method !== 'assignment') {
    throw new AppError(
      'quota.not_assignment',
      `Quota "${quota.name}" is first come, first served: it has no per-trader assignments.`,
      409,
    );
  }
  const { rfc } = parseRfc(opts.traderRfc, 'traderRfc');
  const sums = await db.one<{ others: string; allocated: string | null; fits: boolean; covers: boolean }>(
    `select coalesce(sum(amount) filter (where trader_rfc <> $2), 0)::text as others,
            (max(allocated) filter (where trader_rfc = $2))::text as allocated,
            coalesce(sum(amount) filter (where trader_rfc <> $2), 0) + $3::numeric <= $4::numeric as fits,
            coalesce(max(allocated) filter (where trader_rfc = $2), 0) <= $3::numeric as covers
       from quota_assignments where quota_id = $1`,
    [quota.id, rfc, opts.amount, quota.total],
  );
  if (!sums.covers) {
    throw new AppError(
      'quota.assignment_below_allocated',
      `RFC ${rfc} has already been issued certificates for ${sums.allocated} ${quota.unit} of ` +
        `quota "${quota.name}": its assignment cannot be less than that.`,
      409,
    );
  }
  if (!sums.fits) {
    throw new AppError(
      'quota.over_assigned',
      `Quota "${quota.name}" totals ${quota.total} ${quota.unit} and ${sums.others} ${quota.unit} ` +
        `are assigned to other traders: ` +
        `${opts.amount} ${quota.unit} more does not fit.`,
      409,
    );
  }
  return { quota, rfc };
}

export async function setQuotaAssignment(
  tx: Sql,
  opts: { principal: Principal; quotaId: string; traderRfc: string; amount: number; signatureId: string; now: Date },
) {
  // The quota row lock (taken first, as allocations do) keeps allocations and other assignments out until we commit.
  const { quota, rfc } = await checkQuotaAssignment(tx, opts.principal, opts, true);
  const previous = await tx.maybe<{ amount: string }>(
    'select amount::text as amount from quota_assignments where quota_id = $1 and trader_rfc = $2',
    [quota.id, rfc],
  );
  await tx.query(
    `insert into quota_assignments (quota_id, trader_rfc, amount, assigned_by_rfc, signature_id, updated_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (quota_id, trader_rfc) do update set amount = excluded.amount,
       assigned_by_rfc = excluded.assigned_by_rfc, signature_id = excluded.signature_id,
       updated_at = excluded.updated_at`,
    [quota.id, rfc, opts.amount, opts.principal.rfc, opts.signatureId, opts.now],
  );
  await appendAudit(tx, {
    type: 'quota.assigned',
    actorRfc: opts.principal.rfc,
    objectType: 'quota',
    objectId: quota.id,
    signatureId: opts.signatureId,
    data: { traderRfc: rfc, amount: opts.amount, previousAmount: previous ? Number(previous.amount) : null },
  });
  return { quotaId: quota.id, traderRfc: rfc, amount: opts.amount, unit: quota.unit };
}
