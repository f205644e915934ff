import { Type, type TSchema } from 'typebox';
import { AgencyCode, Curp, PatentNumber, Rfc, Uuid } from '../http/identifiers.ts';
import { Page } from '../http/pagination.ts';
import { BrokerProfile, OFFICER_ROLES, PATENT_STATUSES, TraderProfile } from './schemas.ts';

/**
 * What the registry answers. Fastify serialises through these, so a field not declared here never goes out:
 * add it here when a view gains one.
 */
const DateTime = Type.String({ format: 'date-time' });
const Text = Type.Object(
  { es: Type.String(), en: Type.String() },
  { title: 'LocalisedText', description: 'Spanish and English' },
);
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Trader = Type.Object(
  {
    id: Uuid,
    rfc: Rfc,
    kind: Type.Union([Type.Literal('company'), Type.Literal('person')]),
    legalName: Type.String(),
    version: Type.Integer({ description: 'The current signed version of the profile' }),
    profile: TraderProfile,
    createdAt: DateTime,
    updatedAt: DateTime,
    relation: Type.Optional(
      Type.Enum(['self', 'legal_representative', 'broker', 'officer'], {
        description: 'How the caller comes to see the trader',
      }),
    ),
  },
  { title: 'Trader' },
);

export const ProfileSignature = Type.Object(
  {
    id: Uuid,
    signerRfc: Rfc,
    certificateSerial: Type.String(),
  },
  { title: 'ProfileSignature', description: 'The e.firma signature a profile version was recorded with' },
);

export const TraderVersion = Type.Object(
  {
    version: Type.Integer(),
    profile: TraderProfile,
    createdAt: DateTime,
    signature: ProfileSignature,
  },
  { title: 'TraderVersion' },
);
export const TraderVersionPage = Page('TraderVersion', TraderVersion);

export const BrokerVersion = Type.Object(
  {
    version: Type.Integer(),
    profile: BrokerProfile,
    createdAt: DateTime,
    signature: ProfileSignature,
  },
  { title: 'BrokerVersion' },
);

export const Broker = Type.Object(
  {
    patent: PatentNumber,
    name: Type.String(),
    customsOffices: Type.Optional(
      Type.Array(Type.String(), { description: 'The public directory entry: offices where the patent is authorised' }),
    ),
    id: Type.Optional(Uuid),
    rfc: Type.Optional(Rfc),
    version: Type.Optional(Type.Integer()),
    profile: Type.Optional(BrokerProfile),
    createdAt: Type.Optional(DateTime),
    updatedAt: Type.Optional(DateTime),
    versions: Type.Optional(Type.Array(BrokerVersion, { description: 'Every signed version, newest first' })),
  },
  {
    title: 'Broker',
    description: 'Anyone signed in sees patent, name and offices; the broker itself sees its full profile and versions',
  },
);

export const BrokerPatent = Type.Object(
  {
    patent: PatentNumber,
    holderRfc: Rfc,
    holderCurp: Curp,
    holderName: Type.String(),
    status: Type.Enum(PATENT_STATUSES),
    grantedOn: Type.String({ format: 'date' }),
    recordedAt: DateTime,
    statusChangedAt: DateTime,
  },
  { title: 'BrokerPatent' },
);

export const Delegation = Type.Object(
  {
    id: Uuid,
    trader: Type.Object({ rfc: Rfc, legalName: Type.String() }),
    broker: Type.Object({ patent: PatentNumber, name: Type.String() }),
    status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
    grantedAt: DateTime,
    revokedAt: nullable(DateTime),
  },
  { title: 'Delegation', description: 'An encargo conferido: a trader lets a customs broker file for it' },
);
export const DelegationPage = Page('Delegation', Delegation);

const agencyFields = {
  code: AgencyCode,
  acronym: Type.String(),
  name: Text,
  description: Text,
  officeBound: Type.Boolean({
    description: "Its applications are handled by the office of the customs office's state",
  }),
};
export const AgencySummary = Type.Object(
  { ...agencyFields, offices: Type.Integer({ description: 'How many offices it has' }) },
  { title: 'AgencySummary' },
);
export const AgencyList = Type.Object(
  { items: Type.Array(AgencySummary) },
  { title: 'AgencyList', description: 'Every agency (a short, fixed list)' },
);
export const Office = Type.Object(
  { code: Type.String(), name: Type.String(), state: Type.String(), city: Type.String() },
  { title: 'Office' },
);
export const Agency = Type.Object({ ...agencyFields, offices: Type.Array(Office) }, { title: 'Agency' });

export const Officer = Type.Object(
  {
    id: Uuid,
    agency: AgencyCode,
    office: nullable(Type.String()),
    rfc: Rfc,
    curp: Curp,
    name: Type.String(),
    email: nullable(Type.String()),
    roles: Type.Array(Type.Enum(OFFICER_ROLES)),
    certificateFingerprint: Type.String({ description: 'SHA-256 of the certificate the officer is bound to' }),
    active: Type.Boolean(),
    createdAt: DateTime,
  },
  { title: 'Officer' },
);
export const OfficerPage = Page('Officer', Officer);

export const Me = Type.Object(
  {
    rfc: Rfc,
    curp: nullable(Curp),
    name: nullable(Type.String()),
    session: Type.Object({
      id: Uuid,
      kind: Type.Union([Type.Literal('session'), Type.Literal('api_token')]),
      scopes: Type.Array(Type.String()),
    }),
    traders: Type.Array(
      Type.Object({
        rfc: Rfc,
        legalName: Type.String(),
        relation: Type.Union([Type.Literal('self'), Type.Literal('legal_representative')]),
      }),
      { description: 'Traders the caller is or represents' },
    ),
    broker: nullable(Type.Object({ patent: PatentNumber, name: Type.String() })),
    representedTraders: Type.Array(Type.Object({ rfc: Rfc, legalName: Type.String(), delegationId: Uuid }), {
      description: 'Traders that delegated to the caller as a broker',
    }),
    officer: Type.Array(
      Type.Object({
        officerId: Uuid,
        agency: AgencyCode,
        office: nullable(Type.String()),
        roles: Type.Array(Type.String()),
      }),
      { description: "Agency memberships valid with this session's certificate" },
    ),
    can: Type.Array(Type.String(), {
      description: 'Permissions, e.g. trader.update:<RFC>',
      examples: [['trader.register', 'trader.update:GODE561231GR8']],
    }),
  },
  { title: 'Me', description: 'Who the session is and what it may do' },
);
