import { Type, type TSchema } from 'typebox';
import { AppError } from '../errors.ts';

/**
 * One pagination convention for every list: `limit` (1..200, default 50) and an opaque `cursor`; the answer is
 * `{ items, next }`, `next` being the relative URL of the following page (same filters) or null at the end.
 * A limit above 200 is refused by the schema, never cut silently.
 */
export const MAX_PAGE = 200;

/** Querystring fields every list accepts; spread them into the list's own querystring object. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50, description: `Items per page (1 to ${MAX_PAGE})` })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: 'The cursor of the page to read, from the previous page\'s `next`' })),
};

/** A page of `item`; `name` becomes `<name>Page` in `components.schemas`. */
export const Page = <T extends TSchema>(name: string, item: T) => Type.Object({
  items: Type.Array(item),
  next: Type.Union([Type.String(), Type.Null()], { description: 'The URL of the next page, or null on the last one' }),
}, { title: `${name}Page` });

/** A cursor carries the sort key of the last item seen (e.g. `[createdAt, id]`), as base64url JSON. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== arity || key.some((part) => typeof part !== 'string' && typeof part !== 'number')) {
    throw new AppError('request.cursor_invalid', 'The cursor is not one this list gave: follow the `next` link of the previous page.', 400);
  }
  return key;
}

/**
 * Builds `{ items, next }` from rows fetched with `limit + 1`: the extra row says a next page exists.
 * `keyOf` gives the sort key of an item; `url` is the request URL whose `cursor` is replaced.
 */
export function pageOf<R, I>(rows: R[], limit: number, url: string, keyOf: (row: R) => readonly unknown[], view: (row: R) => I) {
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
