import { Type, type Static } from 'typebox';
import { Curp, PatentNumber, Rfc } from '../http/identifiers.ts';
import { MEXICAN_STATES } from './agencies-data.ts';

const text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, description });

export const Address = Type.Object(
  {
    street: text(200),
    exteriorNumber: text(20),
    interiorNumber: Type.Optional(text(20)),
    neighbourhood: text(120, 'Colonia'),
    municipality: text(120, 'Municipio or alcaldía'),
    state: Type.String({ enum: MEXICAN_STATES.map((s) => s.code), description: 'State code, e.g. NL, JAL, CDMX' }),
    postalCode: Type.String({ pattern: '^[0-9]{5}$' }),
    country: Type.Literal('MX'),
  },
  { additionalProperties: false },
);

export const Contact = Type.Object(
  {
    name: text(200),
    email: Type.String({ format: 'email', maxLength: 254 }),
    phone: Type.String({ pattern: '^\\+?[0-9 ()-]{7,20}$' }),
  },
  { additionalProperties: false },
);

export const Person = Type.Object({ rfc: Rfc, curp: Curp, name: text(200) }, { additionalProperties: false });

const programmeNumber = Type.String({ pattern: '^[A-Za-z0-9/-]{3,30}$' });

export const TraderProfile = Type.Object(
  {
    rfc: Rfc,
    legalName: text(254, 'Razón social or full name as registered with SAT'),
    taxAddress: Address,
    economicActivity: text(200),
    contacts: Type.Array(Contact, { minItems: 1, maxItems: 10 }),
    programmes: Type.Optional(
      Type.Object(
        {
          immex: Type.Optional(programmeNumber),
          prosec: Type.Optional(programmeNumber),
        },
        { additionalProperties: false },
      ),
    ),
    legalRepresentative: Type.Optional(Person),
  },
  { additionalProperties: false, title: 'TraderProfile' },
);
export type TraderProfile = Static<typeof TraderProfile>;

export const BrokerProfile = Type.Object(
  {
    rfc: Rfc,
    curp: Curp,
    patent: PatentNumber,
    name: text(200),
    customsOffices: Type.Array(text(40), {
      minItems: 1,
      maxItems: 60,
      description: 'ANAM offices where the patent is authorised',
    }),
    contacts: Type.Array(Contact, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false, title: 'BrokerProfile' },
);
export type BrokerProfile = Static<typeof BrokerProfile>;

export const ProfileUpdate = <T extends typeof TraderProfile | typeof BrokerProfile>(profile: T) =>
  Type.Object(
    {
      expectedVersion: Type.Integer({ minimum: 1, description: 'The version being replaced: a stale one is refused' }),
      profile,
    },
    { additionalProperties: false },
  );

export const OFFICER_ROLES = ['reviewer', 'resolver', 'supervisor', 'customs_officer', 'administrator'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const OfficerRegistration = Type.Object(
  {
    rfc: Rfc,
    curp: Curp,
    name: text(200),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    roles: Type.Array(Type.Enum(OFFICER_ROLES), { minItems: 1, maxItems: OFFICER_ROLES.length }),
    officeCode: Type.Optional(text(40)),
    certificate: Type.String({
      minLength: 1,
      maxLength: 16384,
      description: "The officer's e.firma certificate, base64 DER",
    }),
  },
  { additionalProperties: false },
);
export type OfficerRegistration = Static<typeof OfficerRegistration>;

export const PATENT_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export type PatentStatus = (typeof PATENT_STATUSES)[number];

/** A patent as ANAM granted it; it is recorded active. */
export const BrokerPatentRecord = Type.Object(
  {
    patent: PatentNumber,
    holderRfc: Rfc,
    holderCurp: Curp,
    holderName: text(200),
    grantedOn: Type.String({ format: 'date', description: 'Date ANAM granted the patent (YYYY-MM-DD)' }),
  },
  { additionalProperties: false },
);
export type BrokerPatentRecord = Static<typeof BrokerPatentRecord>;

export const BrokerPatentStatusChange = Type.Object(
  {
    status: Type.Enum(PATENT_STATUSES),
    reason: Type.Optional(text(500)),
  },
  { additionalProperties: false },
);
export type BrokerPatentStatusChange = Static<typeof BrokerPatentStatusChange>;
