import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { LOCK_CLASS } from './locks.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

function readMigrations(): Migration[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file,
        sql,
        sha256: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies pending migrations in order, in one transaction, under an advisory lock so that
 * several server processes starting together migrate once. A released migration that was
 * edited afterwards stops the start: migrations are never edited, only added.
 */
export async function migrate(db: Db): Promise<{ applied: string[] }> {
  const migrations = readMigrations();
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_CLASS.migrations]);
    await tx.query(`create table if not exists schema_migrations (
      version int primary key, name text not null, sha256 text not null, applied_at timestamptz not null default
        now())`);
    const done = new Map(
      (
        await tx.query<{ version: number; name: string; sha256: string }>(
          'select version, name, sha256 from schema_migrations',
        )
      ).map((r) => [r.version, r]),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.sha256 !== m.sha256)
          throw new Error(`migration ${m.name} was edited after it was applied; add a new migration instead`);
        continue;
      }
      await tx.script(m.sql);
      await tx.query('insert into schema_migrations (version, name, sha256) values ($1, $2, $3)', [
        m.version,
        m.name,
        m.sha256,
      ]);
      applied.push(m.name);
    }
    return { applied };
  });
}
