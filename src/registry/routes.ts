import { Type } from 'typebox';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import { principalOf } from '../http/access.ts';
import { AgencyCode, PatentNumber, Rfc, Uuid } from '../http/identifiers.ts';
import { cursorKey, keyedPage, PageQuery } from '../http/pagination.ts';
import { Problem } from '../http/schemas.ts';
import { signedRoute } from '../http/signed-route.ts';
import {
  BrokerPatentRecorded,
  BrokerPatentStatusChanged,
  BrokerProfileUpdated,
  BrokerRegistered,
  DelegationGranted,
  DelegationRevoked,
  OfficerDeactivated,
  OfficerRegistered,
  TraderProfileUpdated,
  TraderRegistered,
} from '../http/signed-action/results.ts';
import { getAgency, listAgencies } from './agencies.ts';
import {
  checkBrokerRegistration,
  checkBrokerUpdate,
  getBroker,
  registerBroker,
  updateBrokerProfile,
} from './brokers.ts';
import {
  checkDelegationGrant,
  checkDelegationRevocation,
  grantDelegation,
  listDelegations,
  revokeDelegation,
} from './delegations.ts';
import { describeIdentity } from './identity.ts';
import {
  checkOfficerDeactivation,
  checkOfficerRegistration,
  deactivateOfficer,
  listOfficers,
  registerOfficer,
} from './officers.ts';
import { changePatentStatus, checkPatentRecord, checkPatentStatusChange, getPatent, recordPatent } from './patents.ts';
import {
  Agency,
  AgencyList,
  Broker,
  BrokerPatent,
  DelegationPage,
  Me,
  OfficerPage,
  Trader,
  TraderVersionPage,
} from './responses.ts';
import {
  BrokerPatentRecord,
  BrokerPatentStatusChange,
  BrokerProfile,
  OfficerRegistration,
  ProfileUpdate,
  TraderProfile,
} from './schemas.ts';
import {
  checkTraderRegistration,
  checkTraderUpdate,
  getTrader,
  getTraderHistory,
  registerTrader,
  updateTraderProfile,
} from './traders.ts';

const RfcParams = Type.Object({ rfc: Rfc });
const PatentParams = Type.Object({ patent: PatentNumber });
const AgencyParams = Type.Object({ agency: AgencyCode });
const Reason = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
  { additionalProperties: false },
);
const read = { access: { scope: 'read' as const } };
const pub = { access: 'public' as const };

export function registryRoutes(app: App, ctx: Context) {
  const { db } = ctx;

  // Who the session is, as the registry knows them (auth knows only the certificate): here, so auth needs no registry.
  app.get(
    '/api/v1/me',
    {
      config: read,
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'Who this session is and what it may do',
        response: { 200: Me, '4xx': Problem },
      },
    },
    async (req) => describeIdentity(db, principalOf(req)),
  );

  // Traders
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/traders',
    action: 'trader.register',
    tags: ['traders'],
    names: { prepare: 'prepareTraderRegistration', act: 'registerTrader' },
    result: TraderRegistered,
    summary: "Register a trader (signed with the trader's own e.firma: a company's certificate, or the person's)",
    body: TraderProfile,
    check: (db, { principal, data }) => checkTraderRegistration(db, principal, data),
    act: async (tx, { data, signer, signatureId }) => {
      const trader = await registerTrader(tx, { input: data, signer, signatureId, now: ctx.clock.now() });
      return { status: 201, object: { type: 'trader', id: trader.rfc }, result: trader };
    },
  });
  signedRoute(app, ctx, {
    method: 'PUT',
    url: '/api/v1/traders/:rfc/profile',
    action: 'trader.update_profile',
    tags: ['traders'],
    names: { prepare: 'prepareTraderProfileUpdate', act: 'updateTraderProfile' },
    result: TraderProfileUpdated,
    summary: "Update a trader's profile (a new signed version)",
    params: RfcParams,
    body: ProfileUpdate(TraderProfile),
    check: (db, { principal, data, params }) => checkTraderUpdate(db, principal, params.rfc, data),
    act: async (tx, { data, params, signer, signatureId }) => {
      const trader = await updateTraderProfile(tx, {
        rfc: params.rfc,
        update: data,
        signer,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'trader', id: trader.rfc }, result: trader };
    },
  });
  app.get(
    '/api/v1/traders/:rfc',
    {
      config: read,
      schema: {
        operationId: 'getTrader',
        tags: ['traders'],
        summary: 'A trader (owner, delegated broker or officer)',
        params: RfcParams,
        description:
          'The current profile. Its applicant side (the trader, its legal representative, a broker it ' +
          'delegated to) and officers ' +
          'whose agency handles one of its applications read it; to anyone else it does not exist (404).',
        response: { 200: Trader, '4xx': Problem },
      },
    },
    async (req) => getTrader(db, principalOf(req), req.params.rfc),
  );
  app.get(
    '/api/v1/traders/:rfc/versions',
    {
      config: read,
      schema: {
        operationId: 'listTraderVersions',
        tags: ['traders'],
        summary: "Every signed version of a trader's profile, newest first",
        params: RfcParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: TraderVersionPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { limit = 50, cursor } = req.query;
      const rows = await getTraderHistory(db, principalOf(req), req.params.rfc, {
        limit,
        after: cursorKey(cursor, ['int']),
      });
      return keyedPage(rows, limit, req.url);
    },
  );

  // Brokers
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/brokers',
    action: 'broker.register',
    tags: ['brokers'],
    names: { prepare: 'prepareBrokerRegistration', act: 'registerBroker' },
    result: BrokerRegistered,
    summary: 'Register a customs broker (signed by the broker)',
    body: BrokerProfile,
    check: (db, { principal, data }) => checkBrokerRegistration(db, principal, data),
    act: async (tx, { data, signer, signatureId }) => {
      const broker = await registerBroker(tx, { input: data, signer, signatureId, now: ctx.clock.now() });
      return { status: 201, object: { type: 'broker', id: broker.patent }, result: broker };
    },
  });
  signedRoute(app, ctx, {
    method: 'PUT',
    url: '/api/v1/brokers/:patent/profile',
    action: 'broker.update_profile',
    tags: ['brokers'],
    names: { prepare: 'prepareBrokerProfileUpdate', act: 'updateBrokerProfile' },
    result: BrokerProfileUpdated,
    summary: "Update a broker's profile",
    params: PatentParams,
    body: ProfileUpdate(BrokerProfile),
    check: (db, { principal, data, params }) => checkBrokerUpdate(db, principal, params.patent, data),
    act: async (tx, { data, params, signer, signatureId }) => {
      const broker = await updateBrokerProfile(tx, {
        patent: params.patent,
        update: data,
        signer,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'broker', id: broker.patent }, result: broker };
    },
  });
  app.get(
    '/api/v1/brokers/:patent',
    {
      config: read,
      schema: {
        operationId: 'getBroker',
        tags: ['brokers'],
        summary: 'A broker (full profile for the broker itself)',
        params: PatentParams,
        response: { 200: Broker, '4xx': Problem },
      },
    },
    async (req) => getBroker(db, principalOf(req), req.params.patent),
  );

  // The patents registry ANAM keeps: a broker registers only with a patent recorded there for them.
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/broker-patents',
    action: 'broker_patent.record',
    tags: ['brokers'],
    names: { prepare: 'prepareBrokerPatentRecord', act: 'recordBrokerPatent' },
    result: BrokerPatentRecorded,
    summary: 'Record a customs broker patent ANAM granted (ANAM administrator)',
    body: BrokerPatentRecord,
    check: (db, { principal, data }) => checkPatentRecord(db, principal, data),
    act: async (tx, { data, signer, signatureId }) => {
      const patent = await recordPatent(tx, { input: data, actorRfc: signer.rfc, signatureId, now: ctx.clock.now() });
      return { status: 201, object: { type: 'broker_patent', id: patent.patent }, result: patent };
    },
  });
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/broker-patents/:patent/status',
    action: 'broker_patent.change_status',
    tags: ['brokers'],
    names: { prepare: 'prepareBrokerPatentStatusChange', act: 'changeBrokerPatentStatus' },
    result: BrokerPatentStatusChanged,
    summary: 'Suspend, cancel or reactivate a broker patent (ANAM administrator)',
    params: PatentParams,
    body: BrokerPatentStatusChange,
    check: (db, { principal, data, params }) => checkPatentStatusChange(db, principal, params.patent, data),
    act: async (tx, { data, params, signer, signatureId }) => {
      const patent = await changePatentStatus(tx, {
        patent: params.patent,
        change: data,
        actorRfc: signer.rfc,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'broker_patent', id: patent.patent }, result: patent };
    },
  });
  app.get(
    '/api/v1/broker-patents/:patent',
    {
      config: read,
      schema: {
        operationId: 'getBrokerPatent',
        tags: ['brokers'],
        summary: 'A patent in the patents registry (ANAM officers)',
        params: PatentParams,
        response: { 200: BrokerPatent, '4xx': Problem },
      },
    },
    async (req) => getPatent(db, principalOf(req), req.params.patent),
  );

  // Delegations (encargo conferido)
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/traders/:rfc/delegations',
    action: 'delegation.grant',
    tags: ['delegations'],
    names: { prepare: 'prepareDelegationGrant', act: 'grantDelegation' },
    result: DelegationGranted,
    summary: 'Delegate filing rights to a broker',
    params: RfcParams,
    body: Type.Object({ brokerPatent: PatentParams.properties.patent }, { additionalProperties: false }),
    check: (db, { principal, data, params }) => checkDelegationGrant(db, principal, params.rfc, data.brokerPatent),
    act: async (tx, { data, params, signer, signatureId }) => {
      const delegation = await grantDelegation(tx, {
        traderRfc: params.rfc,
        brokerPatent: data.brokerPatent,
        signerRfc: signer.rfc,
        signatureId,
        now: ctx.clock.now(),
      });
      return { status: 201, object: { type: 'delegation', id: delegation.id }, result: delegation };
    },
  });
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/delegations/:id/revocation',
    action: 'delegation.revoke',
    tags: ['delegations'],
    names: { prepare: 'prepareDelegationRevocation', act: 'revokeDelegation' },
    result: DelegationRevoked,
    summary: 'Revoke a delegation',
    params: Type.Object({ id: Uuid }),
    body: Reason,
    check: (db, { principal, params }) => checkDelegationRevocation(db, principal, params.id),
    act: async (tx, { data, params, signer, signatureId }) => {
      const delegation = await revokeDelegation(tx, {
        id: params.id,
        reason: data.reason,
        signerRfc: signer.rfc,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'delegation', id: delegation.id }, result: delegation };
    },
  });
  app.get(
    '/api/v1/delegations',
    {
      config: read,
      schema: {
        operationId: 'listDelegations',
        tags: ['delegations'],
        summary: 'Delegations I granted (as trader or legal representative) or received (as broker), newest first',
        querystring: Type.Object(
          {
            trader: Type.Optional(Rfc),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('revoked')])),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: DelegationPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { trader, status, limit = 50, cursor } = req.query;
      const rows = await listDelegations(
        db,
        principalOf(req),
        { traderRfc: trader, status },
        { limit, after: cursorKey(cursor, ['timestamp', 'uuid']) },
      );
      return keyedPage(rows, limit, req.url);
    },
  );

  // Agencies, offices, officers
  app.get(
    '/api/v1/agencies',
    {
      config: pub,
      schema: {
        operationId: 'listAgencies',
        tags: ['agencies'],
        summary: 'Agencies taking part in the window',
        response: { 200: AgencyList, '4xx': Problem },
      },
    },
    async () => ({ items: await listAgencies(db) }),
  );
  app.get(
    '/api/v1/agencies/:agency',
    {
      config: pub,
      schema: {
        operationId: 'getAgency',
        tags: ['agencies'],
        summary: 'An agency and its offices',
        params: AgencyParams,
        response: { 200: Agency, '4xx': Problem },
      },
    },
    async (req) => getAgency(db, req.params.agency),
  );
  app.get(
    '/api/v1/agencies/:agency/officers',
    {
      config: read,
      schema: {
        operationId: 'listAgencyOfficers',
        tags: ['agencies'],
        summary: "An agency's officers (its administrators and supervisors only)",
        description: 'Central officers first, then by office and name.',
        params: AgencyParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: OfficerPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { limit = 50, cursor } = req.query;
      const rows = await listOfficers(db, principalOf(req), req.params.agency, {
        limit,
        after: cursorKey(cursor, ['text', 'text', 'uuid']),
      });
      return keyedPage(rows, limit, req.url);
    },
  );
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/agencies/:agency/officers',
    action: 'officer.register',
    tags: ['agencies'],
    names: { prepare: 'prepareOfficerRegistration', act: 'registerOfficer' },
    result: OfficerRegistered,
    summary: 'Register an officer bound to a certificate (agency administrator)',
    params: AgencyParams,
    body: OfficerRegistration,
    check: (db, { principal, data, params }) => checkOfficerRegistration(db, principal, params.agency, data),
    act: async (tx, { data, params, signer, signatureId }) => {
      const officer = await registerOfficer(tx, {
        agency: params.agency,
        input: data,
        actorRfc: signer.rfc,
        signatureId,
        now: ctx.clock.now(),
      });
      return { status: 201, object: { type: 'officer', id: officer.id }, result: officer };
    },
  });
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/agencies/:agency/officers/:id/deactivation',
    action: 'officer.deactivate',
    tags: ['agencies'],
    names: { prepare: 'prepareOfficerDeactivation', act: 'deactivateOfficer' },
    result: OfficerDeactivated,
    summary: 'Deactivate an officer (agency administrator)',
    params: Type.Object({ agency: AgencyCode, id: Uuid }),
    body: Reason,
    check: (db, { principal, params }) => checkOfficerDeactivation(db, principal, params.agency, params.id),
    act: async (tx, { data, params, signer, signatureId }) => {
      const officer = await deactivateOfficer(tx, {
        agency: params.agency,
        id: params.id,
        reason: data.reason,
        actorRfc: signer.rfc,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'officer', id: officer.id }, result: officer };
    },
  });
}
