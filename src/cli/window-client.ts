/**
 * A small client of a running window over HTTP, as a broker's software or a script speaks to it: JSON calls with a
 * session, login and signed actions with an e.firma (ask for the payload, sign it, send it back), and the pipeline's
 * steps (file an operation, approve an application, declare goods). The benchmarks and the tests that drive server
 * processes use it; a refused step throws with the window's answer.
 */
import { signPayload, type Signer } from '../pki/index.ts';

/** What the window answers, read by field as a script does (its shapes are in the OpenAPI document). */
// biome-ignore lint/suspicious/noExplicitAny: a client of any route, not a typed one
type Json = any;

export interface Answer {
  status: number;
  /** The parsed JSON, or the text when it is not JSON. */
  body: Json;
}

export interface FiledOperation {
  operationId: string;
  applications: Array<{ id: string; procedureCode: string; agency: string; office?: string | null }>;
  /** The signed answer: { data, acknowledgement, seal, replayed }. */
  answer: Json;
}

/** A stalled server fails the caller instead of hanging it. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Throws unless the window answered `status`; answers the body. */
export function expectStatus(what: string, res: Answer, status: number): Json {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

export type WindowClient = ReturnType<typeof windowClient>;

export function windowClient(baseUrl: string) {
  async function call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    opts: { token?: string; body?: unknown } = {},
  ): Promise<Answer> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text }; // kept for the error message
    }
  }

  /** A signed action: the payload the window issues for `data`, signed by `signer`, sent back. */
  async function signed(token: string, signer: Signer, method: 'POST' | 'PUT', path: string, data: unknown) {
    const issued = expectStatus(
      `${path} signing-payload`,
      await call('POST', `${path}/signing-payload`, { token, body: data }),
      201,
    );
    return call(method, path, {
      token,
      body: { challengeId: issued.challengeId, ...signPayload(issued.payload, signer) },
    });
  }

  return {
    baseUrl,
    call,
    signed,

    /** A session, as a client logs in: challenge, signature, login. */
    async login(signer: Signer): Promise<string> {
      const challenge = expectStatus('challenge', await call('POST', '/api/v1/auth/challenge'), 201);
      const res = await call('POST', '/api/v1/auth/login', {
        body: { challengeId: challenge.challengeId, ...signPayload(challenge.payload, signer) },
      });
      return expectStatus(`login as ${signer.certificate.rfc}`, res, 200).token as string;
    },

    /** Drafts an operation (complete: its data holds the forms) and submits it signed by `signer`. */
    async fileOperation(
      token: string,
      signer: Signer,
      input: { traderRfc: string; flow?: 'import' | 'export'; data: object },
    ): Promise<FiledOperation> {
      const draft = await call('POST', '/api/v1/operations', {
        token,
        body: { traderRfc: input.traderRfc, flow: input.flow ?? 'import', data: input.data },
      });
      const id = expectStatus('create draft', draft, 201).id as string;
      const answer = expectStatus(
        'submit',
        await signed(token, signer, 'POST', `/api/v1/operations/${id}/submit`, {}),
        201,
      );
      return { operationId: id, applications: answer.data?.applications ?? [], answer };
    },

    /** Assignment, review and a signed approval by one officer (reviewer and resolver). */
    async approve(token: string, signer: Signer, applicationId: string): Promise<void> {
      for (const step of ['assignment', 'review'])
        expectStatus(
          step,
          await call('POST', `/api/v1/applications/${applicationId}/${step}`, { token, body: {} }),
          200,
        );
      const path = `/api/v1/applications/${applicationId}/resolution`;
      expectStatus('approval', await signed(token, signer, 'POST', path, { decision: 'approve' }), 200);
    },

    /** A customs declaration as the customs system posts it: the answer, whatever it is. */
    declare: (token: string, body: unknown) => call('POST', '/api/v1/customs/declarations', { token, body }),

    /** The application as its trader's side sees it. */
    application: async (token: string, id: string) =>
      expectStatus(`GET application ${id}`, await call('GET', `/api/v1/applications/${id}`, { token }), 200),
  };
}
