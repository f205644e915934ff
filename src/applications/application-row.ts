import type { Status } from './workflow.ts';

/** An application as its row reads (dates as YYYY-MM-DD strings once loadApplication has read them). */
export interface ApplicationRow {
  id: string;
  operation_id: string;
  procedure_code: string;
  procedure_version: number;
  agency_code: string;
  office_code: string | null;
  trader_id: string;
  status: Status;
  form: Record<string, unknown>;
  prefilled_fields: number;
  typed_fields: number;
  matched_rules: unknown;
  submitted_at: Date;
  due_date: string | null;
  clock_stopped_on: string | null;
  assigned_officer_id: string | null;
  proposed_by_officer_id: string | null;
  proposal: { decision: 'approve' | 'reject'; reason?: string; conditions?: string[] } | null;
  resolution: Record<string, unknown> | null;
  resolved_at: Date | null;
  updated_at: Date;
}
