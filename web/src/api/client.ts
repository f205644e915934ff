import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** A problem+json answer of the window (RFC 9457 with a stable `code`). */
export interface Problem {
  status: number;
  code: string;
  detail?: string;
}

/** What a failed call throws: the window's problem, or `network.unreachable` when no answer came. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
}

let sessionToken: string | null = null;

/** The session token lives in memory only: a reload or a closed tab ends the session in this page. */
export function setSessionToken(token: string | null): void {
  sessionToken = token;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (sessionToken) request.headers.set('authorization', `Bearer ${sessionToken}`);
    return request;
  },
};

/** The typed client: paths, parameters and answers all come from the generated OpenAPI types. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

function asProblem(error: unknown, response: Response | undefined): Problem {
  const body = error as Partial<Problem> | undefined;
  return {
    status: response?.status ?? 0,
    code: typeof body?.code === 'string' ? body.code : 'internal',
    detail: typeof body?.detail === 'string' ? body.detail : undefined,
  };
}

/** Unwraps an openapi-fetch result: its data, or an ApiProblem (also for a network failure). */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiProblem({ status: 0, code: 'network.unreachable' });
  }
  if (result.error !== undefined || !result.response.ok) throw new ApiProblem(asProblem(result.error, result.response));
  return result.data as NonNullable<T>;
}
