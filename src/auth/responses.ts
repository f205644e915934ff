import { Type } from 'typebox';
import { Uuid } from '../http/identifiers.ts';
import { Page } from '../http/pagination.ts';
import { SCOPES } from './principal.ts';

const DateTime = Type.String({ format: 'date-time' });

/** What a login answers: the bearer token of the new session. */
export const Session = Type.Object(
  {
    token: Type.String({ description: 'Send it as "Authorization: Bearer <token>"', examples: ['vts_3q2-7wEXAMPLE'] }),
    expiresAt: DateTime,
  },
  { title: 'Session' },
);

/** An API token as listed: never its secret. */
export const ApiToken = Type.Object(
  {
    id: Uuid,
    label: Type.Union([Type.String(), Type.Null()]),
    scopes: Type.Array(Type.Enum(SCOPES)),
    createdAt: DateTime,
    expiresAt: DateTime,
    revokedAt: Type.Union([DateTime, Type.Null()]),
  },
  { title: 'ApiToken' },
);
export const ApiTokenPage = Page('ApiToken', ApiToken);
