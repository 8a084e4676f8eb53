// The database: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is
// set. Both are driven through the same Kysely instance, so no query knows which it runs on.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  // What the job queue connects through: the embedded instance, or the server's URL.
  pglite?: PGlite;
  url?: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `Folder data ${dir} sedang dipakai oleh proses lain (pid ${pid}). PGlite hanya boleh punya satu pemilik: ` +
        `hentikan proses itu atau pakai DATA_DIR lain.\n` +
        `The data folder ${dir} is in use by another process (pid ${pid}). PGlite has a single owner: ` +
        `stop that process or use another DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

// Take the data folder for this process, or fail at once if a live process holds it. A lock
// left by a process that died is taken over. Opening PGlite from two processes would corrupt it.
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'satupintu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Integers beyond 2^31 (bigint ids, counts) come back as strings; dates as plain ISO days.
const DATE_OID = 1082;
const INT8_OID = 20;
pg.types.setTypeParser(DATE_OID, (v) => v);

// The statements the engine runs over and over (the actor, the case, a transition's write, the
// submission's and the signing's own; those built with `compiledOnce`) are kept by each
// connection as named prepared statements, so the server parses and plans their text once per
// connection instead of on every run: for these short statements planning costs more than
// executing (ADR 9). Only statements marked with `preparedOnPostgres`: after five runs PostgreSQL
// may switch a prepared statement to a generic plan, which for a search by prefix (`like $1`)
// cannot use the index, so the rest of the queries stay unnamed. A connection keeps at most
// MAX_PREPARED statements.
const MAX_PREPARED = 300;
const marked = new Map<string, string>();

export function preparedOnPostgres(text: string): void {
  if (marked.has(text)) return;
  if (marked.size >= 4 * MAX_PREPARED) marked.clear();
  marked.set(text, `sp_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`);
}

function prepareMarkedStatements(client: pg.PoolClient): void {
  const prepared = new Set<string>();
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
  client.query = ((config: unknown, values?: unknown) => {
    const name = typeof config === 'string' ? marked.get(config) : undefined;
    if (name && (prepared.has(name) || prepared.size < MAX_PREPARED)) {
      prepared.add(name);
      return query({ name, text: config, values });
    }
    return query(config, values);
  }) as typeof client.query;
}

export async function openPostgres(url: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle pooled connection that the server ends (restart, failover, a dropped database)
  // must not bring the process down: the pool discards it and the next query opens another.
  pool.on('error', () => {});
  pool.on('connect', prepareMarkedStatements);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { ...wrap(db, 'postgres', async () => {
    await db.destroy();
  }), url };
}

// dataDir undefined means in memory (tests).
export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  const unlock = dataDir ? lockDataDir(resolve(dataDir)) : () => {};
  let pglite: PGlite;
  try {
    const path = dataDir ? join(resolve(dataDir), 'pgdata') : undefined;
    pglite = await PGlite.create({
      ...(path ? { dataDir: path } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      // Both drivers must answer alike: bigint ids as strings (as pg does), dates as ISO days.
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v },
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  const release = () => unlock();
  process.once('exit', release);
  return { ...wrap(db, 'pglite', async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
    release();
    process.removeListener('exit', release);
  }), pglite };
}

function wrap(db: Kysely<DB>, kind: Database['kind'], close: () => Promise<void>): Database {
  return {
    db,
    kind,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close,
  };
}

export async function openDatabase(config: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
