/**
 * The text of a timestamp as a keyset page's sort key. A JavaScript Date keeps milliseconds while PostgreSQL
 * keeps microseconds, so a cursor built from a Date would skip rows within the same millisecond: the key
 * travels as the database's own text, to the microsecond, and is compared back as `timestamptz`.
 */
export const sortableTimestamp = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
