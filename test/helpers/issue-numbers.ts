// A separate app process issuing numbers: each in its own transaction that takes the next
// number from the counter and records it, as the signing transaction does.
import { openPostgres } from '../../src/infra/db/database.ts';
import { nextSequence } from '../../src/app/permits/issue-permit.ts';

const [url, countText, label] = process.argv.slice(2);
const database = await openPostgres(url!, 4);
let issued = 0;
for (let i = 0; i < Number(countText); i++) {
  await database.db.transaction().execute(async (tx) => {
    const seq = await nextSequence(tx, 'kaltim', 'uji-nomor', 2026);
    await tx.insertInto('test_issued_numbers' as never).values({ seq, process: label } as never).execute();
  });
  issued++;
  if (issued === 50) process.stdout.write('started\n');
}
await database.close();
process.stdout.write(`done ${issued}\n`);
