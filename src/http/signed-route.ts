import { Type, type Static, type TObject, type TSchema } from 'typebox';
import type { Context } from '../context.ts';
import { principalOf } from './access.ts';
import { ChallengeResponse, Problem, SignedBody } from './schemas.ts';
import type { SignedActionDefinition } from './signed-action/definition.ts';
import { issueSigningPayload, payloadIssuer, performSignedAction } from './signed-action/perform.ts';
import { SignedAnswer } from './signed-action/schemas.ts';
import type { App } from './typed-app.ts';

export { ACK_TYP, type Acknowledgement } from './signed-action/acknowledgement.ts';
export type { SignedActionDefinition } from './signed-action/definition.ts';

const write = { access: { scope: 'write' as const } };
const problems = { '4xx': Problem };
// The custom first step validates its own body as it streams in; its schema is there for the OpenAPI document.
const documentedOnly = () => () => true;
// The type provider cannot reduce Static<P> for a generic P; Fastify validated the value against P before this runs.
const validated = <T>(value: unknown) => value as T;

/**
 * Registers a signed action as two routes, the one way the window takes a signature for a change:
 * `POST {url}/signing-payload` (or the action's custom first step) takes the input and answers the exact
 * payload to sign; `{method} {url}` takes the signature over it, acts once and answers
 * `{ data, acknowledgement, seal, replayed }` (signed-action/perform.ts).
 */
export function signedRoute<
  B extends TSchema = TObject,
  P extends TSchema = TObject,
  R extends TSchema = TSchema,
  D = Static<B>,
>(app: App, ctx: Context, def: SignedActionDefinition<B, P, R, D>) {
  // Without params the payload's target is {}: the schema is an empty object, typed as the definition's.
  const params = (def.params ?? Type.Object({})) as P;
  const docs = { tags: def.tags, ...(def.description ? { description: def.description } : {}) };
  const first = def.firstStep;
  if (first) {
    app.register(async (scope) => {
      await first.plugin?.(scope);
      scope.post(
        first.url,
        {
          config: write,
          validatorCompiler: documentedOnly,
          schema: {
            ...docs,
            operationId: def.names.prepare,
            summary: `${def.summary}: get the payload to sign`,
            consumes: first.consumes,
            body: first.body,
            response: { 201: ChallengeResponse, ...problems },
          },
        },
        async (req, reply) => {
          const principal = principalOf(req);
          const issued = await first.handle(req, reply, { principal, issue: payloadIssuer(ctx, def, principal, {}) });
          return reply.code(201).send(issued);
        },
      );
    });
  } else {
    app.post(
      `${def.url}/signing-payload`,
      {
        config: write,
        schema: {
          ...docs,
          operationId: def.names.prepare,
          summary: `${def.summary}: get the payload to sign`,
          params,
          ...(def.body ? { body: def.body } : {}),
          ...(def.consumes ? { consumes: def.consumes } : {}),
          response: { 201: ChallengeResponse, ...problems },
        },
      },
      async (req, reply) => {
        const issued = await issueSigningPayload(ctx, def, {
          principal: principalOf(req),
          params: validated<Static<P>>(req.params),
          input: validated<Static<B>>(req.body),
        });
        return reply.code(201).send(issued);
      },
    );
  }

  const answer = SignedAnswer(def.result);
  app.route({
    method: def.method,
    url: def.url,
    config: write,
    schema: {
      ...docs,
      operationId: def.names.act,
      summary: `${def.summary}: submit the signed payload`,
      params,
      body: SignedBody,
      response: { 200: answer, 201: answer, ...problems },
    },
    handler: async (req, reply) => {
      const { status, answer: sent } = await performSignedAction(ctx, def, {
        principal: principalOf(req),
        params: validated<Static<P>>(req.params),
        signed: req.body,
      });
      return reply.code(status).send(sent);
    },
  });
}
