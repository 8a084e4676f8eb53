// A fresh, migrated database for one test file: in-memory PGlite by default, or a new
// database on the PostgreSQL server named by DATABASE_URL (the CI runs the suite on both).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/infra/db/database.ts';
import { migrate } from '../../src/infra/db/migrate.ts';

export const onPostgres = Boolean(process.env.DATABASE_URL);

export async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openPglite(undefined);
    await migrate(database.db);
    return database;
  }
  const name = `sp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString());
  await migrate(database.db);
  return {
    ...database,
    async close() {
      await database.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
