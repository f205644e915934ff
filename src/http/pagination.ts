import { Type, type TSchema } from 'typebox';
import { AppError } from '../errors.ts';

/**
 * One pagination convention for every list: `limit` (1..200, default 50) and an opaque `cursor`; the answer is
 * `{ items, next }`, `next` being the relative URL of the following page (same filters) or null at the end.
 * A limit above 200 is refused by the schema, never cut silently.
 */
const MAX_PAGE = 200;

/** Querystring fields every list accepts; spread them into the list's own querystring object. */
export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50, description: `Items per page (1 to ${MAX_PAGE})` }),
  ),
  cursor: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 512,
      pattern: '^[A-Za-z0-9_-]+$',
      description: "The cursor of the page to read, from the previous page's `next`",
    }),
  ),
};

/** A page of `item`; `name` becomes `<name>Page` in `components.schemas`. */
export const Page = <T extends TSchema>(name: string, item: T) =>
  Type.Object(
    {
      items: Type.Array(item),
      next: Type.Union([Type.String(), Type.Null()], {
        description: 'The URL of the next page, or null on the last one',
      }),
    },
    { title: `${name}Page` },
  );

/** A cursor carries the sort key of the last item seen (e.g. `[createdAt, id]`), as base64url JSON. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    !Array.isArray(key) ||
    key.length !== arity ||
    key.some((part) => typeof part !== 'string' && typeof part !== 'number')
  ) {
    throw cursorInvalid();
  }
  return key;
}

const cursorInvalid = () =>
  new AppError(
    'request.cursor_invalid',
    'The cursor is not one this list gave: follow the `next` link of the previous page.',
    400,
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day or instant that exists (no 31 February), so its SQL cast cannot fail. */
const realDay = (part: string) => {
  const day = new Date(`${part.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === part.slice(0, 10);
};
const KEY_PARTS = {
  /** A whole number, e.g. a version. */
  int: (part: unknown): part is number => Number.isSafeInteger(part),
  /** A timestamp as `timestampKeySql` writes it, to the microsecond. */
  timestamp: (part: unknown): part is string =>
    typeof part === 'string' &&
    TIMESTAMP.test(part) &&
    realDay(part) &&
    Number(part.slice(11, 13)) < 24 &&
    Number(part.slice(14, 16)) < 60 &&
    Number(part.slice(17, 19)) < 60,
  date: (part: unknown): part is string => typeof part === 'string' && DATE.test(part) && realDay(part),
  text: (part: unknown): part is string => typeof part === 'string',
  uuid: (part: unknown): part is string => typeof part === 'string' && UUID.test(part),
};
type KeyPart = keyof typeof KEY_PARTS;
type KeyOf<K extends readonly KeyPart[]> = { -readonly [I in keyof K]: K[I] extends 'int' ? number : string };

/**
 * The sort key a cursor carries, checked part by part, so a forged cursor is a 400 and never reaches SQL
 * as a value it cannot cast.
 */
export function cursorKey<const K extends readonly KeyPart[]>(
  cursor: string | undefined,
  parts: K,
): KeyOf<K> | undefined {
  const key = decodeCursor(cursor, parts.length);
  if (key === undefined) return undefined;
  if (!parts.every((part, i) => KEY_PARTS[part](key[i]))) throw cursorInvalid();
  return key as KeyOf<K>;
}

/** What a list route hands its query: the page size and the key of the last item already seen. */
export interface KeysetPage<K> {
  limit: number;
  after?: K;
}

/** A row of a list with its sort key, which the cursor of a next page carries. */
export interface Keyed<I> {
  key: readonly unknown[];
  item: I;
}

/** `{ items, next }` from keyed rows fetched with `limit + 1`. */
export const keyedPage = <I>(rows: Keyed<I>[], limit: number, url: string) =>
  pageOf(
    rows,
    limit,
    url,
    (r) => r.key,
    (r) => r.item,
  );

/**
 * A timestamp column as a sort key: its UTC text to the microsecond. A JavaScript Date keeps milliseconds while
 * PostgreSQL keeps microseconds, so a key built from a Date would skip rows within one millisecond; compared back
 * as `$n::timestamptz` against the column itself, so the column's index serves the page.
 */
export const timestampKeySql = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Builds `{ items, next }` from rows fetched with `limit + 1`: the extra row says a next page exists.
 * `keyOf` gives the sort key of an item; `url` is the request URL whose `cursor` is replaced.
 */
export function pageOf<R, I>(
  rows: R[],
  limit: number,
  url: string,
  keyOf: (row: R) => readonly unknown[],
  view: (row: R) => I,
) {
  const page = rows.slice(0, limit);
  let next: string | null = null;
  if (rows.length > limit) {
    const target = new URL(url, 'http://window.invalid');
    target.searchParams.set('cursor', encodeCursor(keyOf(page[page.length - 1]!)));
    if (!target.searchParams.has('limit')) target.searchParams.set('limit', String(limit));
    next = `${target.pathname}${target.search}`;
  }
  return { items: page.map(view), next };
}
