import type { Db as BossDb } from 'pg-boss';
import type { Sql } from '../db/db.ts';
import { splitSql } from './split-sql.ts';

const BEGIN = /^(begin|start\s+transaction)\b/i;
const COMMIT = /^(commit|end)\b/i;

/**
 * pg-boss's database adapter over our Sql: the root Db (PGlite's one connection, or our pg Pool) or
 * a transaction's Sql (so a job is inserted in the caller's transaction). Parameterised statements
 * pass through. A multi-statement text without parameters (pg-boss's schema, its BEGIN … COMMIT
 * maintenance blocks) runs statement by statement in one transaction of ours, which keeps it atomic
 * and returns the rows of every statement, as pg-boss's own pg driver does.
 */
export function bossDb(sql: Sql): BossDb {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return { rows: await sql.query(text, values) };
      const statements = splitSql(text);
      if (statements.length <= 1) return { rows: statements.length ? await sql.query(statements[0]!) : [] };
      const body = BEGIN.test(statements[0]!) && COMMIT.test(statements.at(-1)!) ? statements.slice(1, -1) : statements;
      const rows = await sql.transaction(async (tx) => {
        const all: unknown[] = [];
        for (const statement of body) all.push(...(await tx.query(statement)));
        return all;
      });
      return { rows };
    },
  };
}
