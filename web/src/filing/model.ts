import { api, call, type Schemas } from '../api/client';

export type Flow = 'import' | 'export';

/** A typed amount ("18000.50" or "18000,50") above zero, or null when the text is not one. */
export function positiveAmount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[0-9]+([.,][0-9]+)?$/.test(trimmed)) return null;
  const n = Number(trimmed.replace(',', '.'));
  return n > 0 ? n : null;
}
export type GoodsLine = Schemas['Operation']['data']['goods'][number];
export type Preview = Schemas['OperationPreview']['applications'][number];
export type Submitted = {
  folio: string;
  receivedAt: string;
  operationId: string;
  trader: { rfc: string; legalName: string };
  applications: Array<{
    id: string;
    procedureCode: string;
    procedureName: string;
    agency: string;
    dueDate: string;
  }>;
};

/** What the user has answered so far; the server's draft holds the same (PUT as the user goes). */
export interface Filing {
  traderRfc: string;
  flow: Flow;
  customsOffice: string;
  goods: GoodsLine[];
  procedureData: Record<string, Record<string, unknown>>;
  coves: string[];
  edocuments: Array<{ number: string; fileName: string; documentType: string }>;
  /** The server's draft, once there are goods to declare. */
  id?: string;
  version?: number;
}

export const emptyFiling = (traderRfc: string): Filing => ({
  traderRfc,
  flow: 'import',
  customsOffice: '',
  goods: [],
  procedureData: {},
  coves: [],
  edocuments: [],
});

/** The draft's data as the API takes it. */
export function operationData(f: Filing, procedureData = f.procedureData) {
  return {
    goods: f.goods,
    coves: f.coves,
    edocuments: f.edocuments.map((e) => e.number),
    ...(Object.keys(procedureData).length ? { procedureData } : {}),
  };
}

/** Creates the draft (first time) or replaces its data, naming the version it replaces. */
export async function saveDraft(f: Filing, procedureData = f.procedureData): Promise<Filing> {
  const data = operationData(f, procedureData);
  const saved = f.id
    ? await call(
        api.PUT('/api/v1/operations/{id}', {
          params: { path: { id: f.id } },
          body: { expectedVersion: f.version ?? 1, data },
        }),
      )
    : await call(api.POST('/api/v1/operations', { body: { traderRfc: f.traderRfc, flow: f.flow, data } }));
  return { ...f, procedureData, id: saved.id, version: saved.version };
}

export async function loadPreview(id: string): Promise<Preview[]> {
  return (await call(api.GET('/api/v1/operations/{id}/preview', { params: { path: { id } } }))).applications;
}

/** A draft of the server as the page's answers (to continue it after a reload and a new sign-in). */
export function filingFromOperation(op: Schemas['Operation']): Filing {
  const procedureData = (op.data.procedureData ?? {}) as Record<string, Record<string, unknown>>;
  return {
    traderRfc: op.trader,
    flow: op.flow,
    customsOffice: op.data.goods[0]?.customsOffice ?? '',
    goods: op.data.goods,
    procedureData,
    coves: op.data.coves ?? [],
    edocuments: (op.data.edocuments ?? []).map((number) => ({ number, fileName: '', documentType: '' })),
    id: op.id,
    version: op.version,
  };
}

/** A prefilled value in words: lists joined, addresses and people by their parts, goods as a count. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object')) return value.join(', ');
    return value.map(describeValue).join('; ');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('hsCode' in o) return `${String(o.hsCode)} · ${String(o.description ?? '')}`;
    return Object.values(o)
      .filter((v) => typeof v !== 'object')
      .join(', ');
  }
  return String(value);
}

/** Which typed field a problem of the preview is about ("/" + missing "x", or "/x/0"). */
export function problemField(problem: { path: string; message: string }): string | null {
  if (problem.path === '/' || problem.path === '') {
    const missing = problem.message.match(/missing "([^"]+)"/);
    return missing ? missing[1]! : null;
  }
  return problem.path.split('/')[1] ?? null;
}
