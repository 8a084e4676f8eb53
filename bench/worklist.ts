// npm run bench:worklist — the desk's worklist with 100,000 open cases in one office: the time of
// the first page, of a page deep in the list (by its keyset cursor), of the filters and of the
// searches, next to the bare index range scan PostgreSQL does for the same page (the baseline,
// in the same run). PGlite by default; PostgreSQL when DATABASE_URL is set (a database of its
// own is created and dropped). It prints numbers; it checks only that the pages are the right
// ones.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { seedDemo } from '../src/app/seed-demo.ts';
import { loadStaffContext } from '../src/app/desk/staff-context.ts';
import { searchWorklist, type WorklistQuery } from '../src/app/desk/search-worklist.ts';
import { readDefinitionsFolder } from '../src/infra/definitions-folder.ts';
import { freshDatabase } from '../test/helpers/db.ts';

const OPEN_CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const now = new Date('2026-03-16T03:00:00Z');

const database = await freshDatabase();
try {
  const { db } = database;
  await seedDemo(db, readDefinitionsFolder('definitions'));
  const version = await db.selectFrom('services').select('current_version').where('office_id', '=', 'pekanbaru').where('slug', '=', 'sipatlm').executeTakeFirstOrThrow();

  // 100,000 applications at the front office's verification step (SIPATLM step 2), due over the
  // weeks around `now`: some overdue, some due soon, most on time.
  const t0 = performance.now();
  await sql`insert into applicants (kind, name, nik)
    select 'person', 'Pemohon ' || to_char(g, 'FM000000'), lpad((1471000000000000 + g)::text, 16, '0') from generate_series(1, ${OPEN_CASES}) g`.execute(db);
  await sql`insert into cases (tracking_code, office_id, service_slug, definition_version, applicant_id, application_type, answers, channel, status, current_step, submitted_at, updated_at, due_at, clock_started_at)
    select 'BENCH' || to_char(a.id, 'FM0000000'), 'pekanbaru', 'sipatlm', ${version.current_version}, a.id, 'baru', '{}'::jsonb, 'online', 'active', 2,
      ${now}::timestamptz - make_interval(mins => (a.id % 20000)::int), ${now}, ${now}::timestamptz + make_interval(mins => ((a.id * 7919) % 40000)::int - 8000), ${now}
    from applicants a where a.name like 'Pemohon %'`.execute(db);
  await sql`insert into tasks (case_id, office_id, step_no, role_id, status, created_at, due_at)
    select c.id, c.office_id, 2, 'front-office', 'open', c.submitted_at, c.due_at from cases c where c.tracking_code like 'BENCH%'`.execute(db);
  await sql`analyze`.execute(db);
  console.error(`setup: ${OPEN_CASES} open cases in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${database.kind}`);

  const user = await db.selectFrom('users').select('id').where('username', '=', 'pekanbaru.front-office').executeTakeFirstOrThrow();
  const staff = await loadStaffContext(db, user.id, now);

  const median = async (fn: () => Promise<unknown>): Promise<number> => {
    await fn();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  };
  const report = (name: string, ms: number) => console.log(`${name} median_ms=${ms.toFixed(2)}`);

  // The baseline: the bare index range scan for one page of 25, no joins, no clock.
  const baseline = await median(() => sql`select id from tasks where office_id = 'pekanbaru' and role_id = 'front-office' and status = 'open'
    order by coalesce(due_at, 'infinity'::timestamptz), id limit 25`.execute(db));
  report('baseline index_scan_page', baseline);

  const page = (q: WorklistQuery) => searchWorklist(db, staff, q, now);
  const first = await page({});
  assert.equal(first.items.length, 25);
  assert.ok(first.items.every((it, i) => i === 0 || (it.dueAt?.getTime() ?? Infinity) >= (first.items[i - 1]!.dueAt?.getTime() ?? Infinity)), 'soonest due first');
  const firstMs = await median(() => page({}));
  report('worklist first_page', firstMs);

  // Walk 200 pages in (5,000 tasks deep) through the cursors, then time that page.
  let cursor = first.next;
  for (let i = 1; i < 200 && cursor; i++) cursor = (await page({ after: cursor })).next;
  assert.ok(cursor);
  const deep = await page({ after: cursor });
  assert.equal(deep.items.length, 25);
  const deepMs = await median(() => page({ after: cursor! }));
  report('worklist page_201', deepMs);

  report('worklist filter_overdue', await median(() => page({ sla: 'overdue' })));
  report('worklist filter_step', await median(() => page({ step: 2, service: 'sipatlm' })));
  const code = 'BENCH' + String(OPEN_CASES - 7).padStart(7, '0');
  const byCode = await page({ q: code });
  assert.equal(byCode.items.length, 1);
  report('worklist search_tracking_code', await median(() => page({ q: code })));
  report('worklist search_name_prefix', await median(() => page({ q: 'Pemohon 09999' })));
  report('worklist search_nik', await median(() => page({ q: String(1471000000000000 + 4242).padStart(16, '0') })));
  console.log(`open_cases=${OPEN_CASES} worklist_first_page/baseline=${(firstMs / baseline).toFixed(1)} page_201/first_page=${(deepMs / firstMs).toFixed(2)}`);
} finally {
  await database.close();
}
