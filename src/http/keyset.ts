import { AppError } from '../errors.ts';
import { decodeCursor } from './pagination.ts';

/**
 * The parts of a keyset cursor (`http/pagination.ts`) are checked before they reach SQL, so a forged cursor is
 * a 400, never a failed cast. Timestamps travel as `db/keyset.ts` writes them, to the microsecond.
 */

const PART: Record<KeyPart, RegExp> = {
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  text: /^[\s\S]{0,300}$/,
};
export type KeyPart = 'timestamp' | 'date' | 'uuid' | 'text';

/** A date or timestamp that names a real day and time (no 31 February), so its SQL cast cannot fail. */
function realDate(kind: KeyPart, part: string): boolean {
  if (kind !== 'timestamp' && kind !== 'date') return true;
  const at = new Date(kind === 'date' ? `${part}T00:00:00Z` : `${part.slice(0, 23)}Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, kind === 'date' ? 10 : 23) === part.slice(0, kind === 'date' ? 10 : 23);
}

/** The sort key a cursor carries, each part checked against its kind; undefined for the first page. */
export function keysetCursor(cursor: string | undefined, parts: readonly KeyPart[]): string[] | undefined {
  const key = decodeCursor(cursor, parts.length);
  if (key === undefined) return undefined;
  if (!key.every((part, i) => typeof part === 'string' && PART[parts[i]!].test(part) && realDate(parts[i]!, part))) {
    throw new AppError('request.cursor_invalid', 'The cursor is not one this list gave: follow the `next` link of the previous page.', 400);
  }
  return key as string[];
}
