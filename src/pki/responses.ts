import { Type } from 'typebox';

/** The window's public keys (RFC 7517): enough to verify every acknowledgement and permit it sealed. */
export const Jwk = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Type.String(),
    y: Type.String(),
    kid: Type.String(),
    alg: Type.Literal('ES256'),
    use: Type.Literal('sig'),
  },
  { title: 'Jwk' },
);
export const Jwks = Type.Object({ keys: Type.Array(Jwk) }, { title: 'Jwks' });
