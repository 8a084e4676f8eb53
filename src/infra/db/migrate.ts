// Plain SQL migrations, applied in name order, each in its own transaction. A landed
// migration is never edited: its checksum is recorded, and a changed file stops the start.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './types.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export function listMigrations(): { name: string; sql: string; checksum: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(migrationsDir + name, 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

export async function migrate(db: Kysely<DB>): Promise<string[]> {
  await sql`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction().execute(async (tx) => {
      // Several app processes may start at once on PostgreSQL: one migrates, the others wait.
      await sql`select pg_advisory_xact_lock(7261001)`.execute(tx);
      const row = await tx.selectFrom('schema_migrations').select(['checksum']).where('name', '=', m.name).executeTakeFirst();
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new Error(`Migrasi ${m.name} sudah diterapkan tetapi isinya berubah; migrasi yang sudah terbit tidak boleh diubah. / Migration ${m.name} was applied but its file changed; landed migrations are frozen.`);
        }
        return false;
      }
      for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(tx);
      await tx.insertInto('schema_migrations').values({ name: m.name, checksum: m.checksum }).execute();
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}

// PGlite's extended protocol takes one statement per query, so a migration file is split at
// semicolons that end a line, outside dollar-quoted bodies and comments.
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let dollar: string | null = null;
  for (const line of script.split('\n')) {
    const code: string = dollar === null ? line.replace(/--.*$/, '') : line;
    for (const m of code.matchAll(/\$[a-zA-Z_]*\$/g) as IterableIterator<RegExpMatchArray>) dollar = dollar === null ? m[0] : dollar === m[0] ? null : dollar;
    current += code + '\n';
    if (dollar === null && /;\s*$/.test(code)) {
      if (current.trim() !== ';') out.push(current.trim());
      current = '';
    }
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}
