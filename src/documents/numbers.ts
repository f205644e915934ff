import crypto from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a number read aloud or retyped is not misread. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A prefix and `length` random Crockford characters (5 bits each): nothing about one number tells the next. */
export const randomNumber = (prefix: string, length: number): string =>
  prefix + Array.from(crypto.randomBytes(length), (b) => CROCKFORD[b & 31]).join('');
