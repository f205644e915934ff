import { Type, type TProperties } from 'typebox';

/**
 * The `data` of each signed action's answer, named in the OpenAPI document. The fields clients rely on are
 * declared; the views carry more (profiles, balances), which go out as they are: the acknowledgement's
 * dataSha256 covers the data exactly as stored, so nothing is cut from it on the way out.
 */
const result = (title: string, properties: TProperties, description?: string) =>
  Type.Object(properties, { title, additionalProperties: true, ...(description ? { description } : {}) });

const dateTime = Type.String({ format: 'date-time' });
const traderProperties = {
  id: Type.String({ format: 'uuid' }),
  rfc: Type.String(),
  kind: Type.String(),
  legalName: Type.String(),
  version: Type.Integer(),
  profile: Type.Object({}, { additionalProperties: true }),
  createdAt: dateTime,
  updatedAt: dateTime,
};

export const TraderRegistered = result('TraderRegistered', traderProperties);
export const TraderProfileUpdated = result('TraderProfileUpdated', traderProperties);
export const BrokerRegistered = result('BrokerRegistered', { patent: Type.String(), rfc: Type.String() });
export const BrokerProfileUpdated = result('BrokerProfileUpdated', { patent: Type.String(), rfc: Type.String() });
export const BrokerPatentRecorded = result('BrokerPatentRecorded', { patent: Type.String(), status: Type.String() });
export const BrokerPatentStatusChanged = result('BrokerPatentStatusChanged', {
  patent: Type.String(),
  status: Type.String(),
});
export const DelegationGranted = result('DelegationGranted', {
  id: Type.String({ format: 'uuid' }),
  status: Type.String(),
});
export const DelegationRevoked = result('DelegationRevoked', {
  id: Type.String({ format: 'uuid' }),
  status: Type.String(),
});
export const OfficerRegistered = result('OfficerRegistered', {
  id: Type.String({ format: 'uuid' }),
  rfc: Type.String(),
  active: Type.Boolean(),
});
export const OfficerDeactivated = result('OfficerDeactivated', {
  id: Type.String({ format: 'uuid' }),
  rfc: Type.String(),
  active: Type.Boolean(),
});
export const PermitRevoked = result('PermitRevoked', { number: Type.String(), status: Type.Literal('revoked') });
export const ApiTokenCreated = result('ApiTokenCreated', {
  id: Type.String({ format: 'uuid' }),
  token: Type.String({ description: 'The bearer token: shown once, stored only as its SHA-256' }),
  expiresAt: dateTime,
  label: Type.String(),
  scopes: Type.Array(Type.String()),
});
export const QuotaCreated = result('QuotaCreated', {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  unit: Type.String(),
});
export const QuotaAssigned = result('QuotaAssigned', {
  quotaId: Type.String({ format: 'uuid' }),
  traderRfc: Type.String(),
  amount: Type.Number(),
  unit: Type.String(),
});
export const DeclarationCancelled = result('DeclarationCancelled', {
  number: Type.String(),
  status: Type.Literal('cancelled'),
  restored: Type.Array(Type.Object({}, { additionalProperties: true })),
});
export const ApplicationStepTaken = result(
  'ApplicationStepTaken',
  { id: Type.String({ format: 'uuid' }), status: Type.String() },
  'The application and its status after the step',
);
