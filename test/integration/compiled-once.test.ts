// Statements compiled once: later calls run the same text with their own values, and a query that
// would freeze a value of its own into the template is refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compiledOnce } from '../../src/infra/db/compiled-once.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { freshDatabase } from '../helpers/db.ts';

let database: Database;
before(async () => {
  database = await freshDatabase();
  await database.db.insertInto('offices').values([
    { id: 'satu', name: 'Kantor Satu', short_name: 'Satu', time_zone: 'Asia/Jakarta', document: '{}', content_hash: 'a' },
    { id: 'dua', name: 'Kantor Dua', short_name: 'Dua', time_zone: 'Asia/Makassar', document: '{}', content_hash: 'b' },
  ]).execute();
});
after(async () => database.close());

describe('compiledOnce', () => {
  it('puts each call\'s own values into the one compiled text', async () => {
    const office = compiledOnce((db, id: string, name: string) => db.selectFrom('offices').select('id').where('id', '=', id).where('name', '=', name));
    const first = office(database.db, 'satu', 'Kantor Satu');
    const second = office(database.db, 'dua', 'Kantor Dua');
    assert.equal(first.sql, second.sql);
    assert.deepEqual((await database.db.executeQuery(first)).rows, [{ id: 'satu' }]);
    assert.deepEqual((await database.db.executeQuery(second)).rows, [{ id: 'dua' }]);
    assert.deepEqual((await database.db.executeQuery(office(database.db, 'dua', 'Kantor Satu'))).rows, []);
  });

  it('refuses undefined and objects as values: built anew, Kysely would drop the column or write a list', () => {
    const office = compiledOnce((db, id: unknown) => db.selectFrom('offices').select('id').where('id', '=', id as string));
    assert.throws(() => office(database.db, undefined), /plain value/);
    assert.throws(() => office(database.db, ['satu', 'dua']), /plain value/);
    assert.throws(() => office(database.db, { id: 'satu' }), /plain value/);
    assert.equal(office(database.db, new Date(0)).parameters[0] instanceof Date, true);
    assert.equal(office(database.db, null).parameters[0], null);
  });

  it('refuses a query with a value that is not one of its arguments', () => {
    const frozen = compiledOnce((db, id: string) => db.selectFrom('offices').select('id').where('id', '=', id).where('name', '=', 'Kantor Satu'));
    assert.throws(() => frozen(database.db, 'satu'), /not one of the arguments/);
  });
});
