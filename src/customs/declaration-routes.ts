import { Type } from 'typebox';
import { mexicoDate } from '../calendar/calendar.ts';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import { principalOf } from '../http/access.ts';
import { PermitNumber } from '../http/identifiers.ts';
import { Problem } from '../http/schemas.ts';
import { signedRoute } from '../http/signed-route.ts';
import { DeclarationCancelled } from '../http/signed-action/results.ts';
import { permitStatus, readPermit } from '../permits/permits.ts';
import { windowDocuments } from './declaration-documents.ts';
import { CancellationData, DeclarationInput, DeclarationNumberParam } from './declaration-schemas.ts';
import { cancelDeclaration, checkCancellation } from './declaration-cancellation.ts';
import { readDeclaration, submitDeclaration } from './declarations.ts';
import { permitDraws } from './draw-down.ts';
import { customsOffices } from './offices.ts';
import { CustomsOfficeList, Declaration, DeclarationResult, PermitDraws } from './responses.ts';

const tags = ['customs'];
const PermitNumberParam = Type.Object({ number: PermitNumber });

export function declarationRoutes(app: App, ctx: Context) {
  app.get(
    '/api/v1/customs-offices',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'listCustomsOffices',
        summary: 'The customs offices that clear goods, with the key a pedimento number carries (public)',
        description:
          'A pedimento number is YY AA PPPP NNNNNNN: year, customs office key (this list), broker patent, sequence. ' +
          'Operations and declarations name the office by its `code`. Reference data: the whole list in one answer.',
        response: { 200: CustomsOfficeList, '4xx': Problem },
      },
    },
    async () => ({ items: await customsOffices(ctx.db) }),
  );

  app.post(
    '/api/v1/customs/declarations',
    {
      config: { access: { scope: 'write' } },
      schema: {
        tags,
        body: DeclarationInput,
        operationId: 'submitDeclaration',
        summary:
          'Validate a customs declaration (pedimento) against permits, COVEs and eDocuments, and draw the ' +
          'permits down (ANAM customs officers and their systems)',
        description:
          '201: accepted and drawn. 200: the same declaration was accepted before (nothing more drawn). ' +
          '422 declaration.refused: every reason, with the sealed result; nothing drawn. 409 ' +
          'declaration.number_reused: the number was used with other content.',
        response: { 200: DeclarationResult, 201: DeclarationResult, '4xx': Problem },
      },
    },
    async (req, reply) => {
      const outcome = await submitDeclaration(ctx, principalOf(req), req.body, windowDocuments);
      return reply.code(outcome.replayed ? 200 : 201).send({ number: outcome.result.number, ...outcome });
    },
  );

  app.get(
    '/api/v1/customs/declarations/:number',
    {
      config: { access: { scope: 'read' } },
      schema: {
        tags,
        params: DeclarationNumberParam,
        operationId: 'getDeclaration',
        summary: 'A declaration, the permits it drew on, and refused attempts under its number (customs officers)',
        response: { 200: Declaration, '4xx': Problem },
      },
    },
    async (req) => readDeclaration(ctx.db, principalOf(req), req.params.number),
  );

  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/customs/declarations/:number/cancellation',
    action: 'customs.declaration_cancel',
    tags,
    names: { prepare: 'prepareDeclarationCancellation', act: 'cancelDeclaration' },
    result: DeclarationCancelled,
    params: DeclarationNumberParam,
    body: CancellationData,
    summary: 'Cancel an accepted declaration (customs officer, signed, with a reason): its draws are given back',
    check: (db, { principal, params }) => checkCancellation(db, principal, params.number),
    act: async (tx, { principal, params, data, signatureId }) => {
      const result = await cancelDeclaration(tx, {
        number: params.number,
        reason: data.reason,
        principal,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'customs_declaration', id: params.number }, result };
    },
  });

  app.get(
    '/api/v1/customs/permits/:number/draws',
    {
      config: { access: { scope: 'read' } },
      schema: {
        tags,
        params: PermitNumberParam,
        operationId: 'listPermitDraws',
        summary: "A permit's balances and the declarations that drew on it (holder, its agency, customs)",
        description: 'Newest draw first; a draw of a cancelled declaration says when it was given back.',
        response: { 200: PermitDraws, '4xx': Problem },
      },
    },
    async (req) => {
      const permit = await readPermit(ctx, principalOf(req), req.params.number);
      const { status, balances } = await permitStatus(ctx.db, permit, mexicoDate(ctx.clock.now()));
      return { number: permit.number, status, balances, draws: await permitDraws(ctx.db, permit.id) };
    },
  );
}
