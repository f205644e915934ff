import type { Catalogue } from './catalog/catalogue.ts';
import type { IssuedKind, ProcedureDefinition } from './catalog/procedure.ts';
import type { Config } from './config.ts';
import type { Db, Sql } from './db/db.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { TrustStore } from './pki/trust-store.ts';
import type { WindowKey } from './pki/window-key.ts';

/** What a running window holds: built once at start and handed to routes and domain functions. */
export interface Context {
  config: Config;
  db: Db;
  trust: TrustStore;
  windowKey: WindowKey;
  catalogue: Catalogue;
  /** The time the domain sees: real in production, set by tests to run legal clocks without sleeping. */
  clock: { now(): Date };
  /** Background jobs and timers, in the same database. */
  jobs: JobQueue;
  /** How a flow hands on to the next without importing it; set by wireFlows (app.ts). */
  flows: FlowHooks;
}

/**
 * The hand-offs between the flows (review -> permit -> customs). A lower flow calls them and a higher one fills
 * them, so neither imports the other. Both run in the approving transaction: throwing rolls the approval back.
 */
export interface FlowHooks {
  /** Issues what an approval grants (permits/issue.ts); null until wired, and then nothing can be approved. */
  issueOnApproval: ApprovalHook | null;
  /** Run in order as a permit is issued (customs/quota.ts charges quota certificates to their quotas). */
  permitIssued: readonly PermitIssuedHook[];
}

/** What an approval decided, as the issuer of the granted document needs it. */
export interface Approval {
  application: { id: string; trader_id: string; agency_code: string; form: Record<string, unknown> };
  procedure: ProcedureDefinition;
  approvedBy: 'officer' | 'automatic' | 'silence';
  /** The signed resolution of an officer's approval; null for automatic approval and legal silence. */
  resolution: { officerName: string; officerRfc: string; certificateSerial: string; signatureId: string } | null;
  conditions: string[];
}

export type ApprovalHook = (tx: Sql, approval: Approval) => Promise<{ id: string; number: string }>;

/** A goods line of a permit just written, as the flows after it need it (the permit's document has more). */
export interface IssuedGoodsLine {
  line: number;
  hsCode: string;
  quantity: number;
  unit: string;
  originCountry?: string;
}

/** A permit just written, as the flows after it (customs quotas) need it. */
export interface IssuedPermit {
  id: string;
  number: string;
  kind: IssuedKind;
  procedureCode: string;
  traderId: string;
  goods: IssuedGoodsLine[];
  /** the issue date, YYYY-MM-DD (Mexico City) */
  date: string;
}

export type PermitIssuedHook = (tx: Sql, permit: IssuedPermit) => Promise<void>;
