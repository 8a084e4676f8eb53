// The demo: every office, calendar and service in the definitions folder, and one demo user
// for every position of every office (and a demo applicant), all with the demo password.
import { hash } from '@node-rs/argon2';
import type { DefinitionsFolder } from '../infra/definitions-folder.ts';
import { importCalendar } from './import-calendar.ts';
import { importOffice } from './import-office.ts';
import { importServiceDefinition } from './import-service-definition.ts';
import type { Db } from './transaction.ts';

export const DEMO_PASSWORD = 'demo12345';

export interface SeedReport {
  calendars: number;
  offices: number;
  services: { office: string; slug: string; version: number; status: string }[];
  users: number;
  failures: { file: string; issues: { path: string; id: string; en: string }[] }[];
}

export async function seedDemo(db: Db, folder: DefinitionsFolder): Promise<SeedReport> {
  const report: SeedReport = { calendars: 0, offices: 0, services: [], users: 0, failures: [] };
  for (const c of folder.calendars) {
    const r = await importCalendar(db, c.source);
    if (r.ok) report.calendars++;
    else report.failures.push({ file: c.file, issues: r.issues });
  }
  for (const o of folder.offices) {
    const r = await importOffice(db, o.source);
    if (r.ok) report.offices++;
    else report.failures.push({ file: o.file, issues: r.issues });
  }
  for (const s of folder.services) {
    const r = await importServiceDefinition(db, s.source);
    if (r.ok) report.services.push({ office: r.office, slug: r.slug, version: r.version, status: r.status });
    else report.failures.push({ file: s.file, issues: r.issues });
  }
  report.users = await createDemoUsers(db);
  return report;
}

// Usernames are <office>.<position>; existing users are left as they are.
async function createDemoUsers(db: Db): Promise<number> {
  const positions = await db.selectFrom('positions').select(['office_id', 'id', 'name']).orderBy('office_id').orderBy('id').execute();
  const passwordHash = await hash(DEMO_PASSWORD);
  let created = 0;
  await db.transaction().execute(async (tx) => {
    for (const p of positions) {
      const username = `${p.office_id}.${p.id}`;
      const user = await tx.insertInto('users')
        .values({ kind: 'staff', office_id: p.office_id, username, display_name: `Demo ${p.name}`, password_hash: passwordHash })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id').executeTakeFirst();
      if (!user) continue;
      created++;
      await tx.insertInto('user_positions').values({ user_id: user.id, office_id: p.office_id, position_id: p.id }).execute();
    }
    const applicant = await tx.insertInto('users')
      .values({ kind: 'applicant', office_id: null, username: 'pemohon.demo', display_name: 'Pemohon Demo', email: 'pemohon.demo@example.test', password_hash: passwordHash })
      .onConflict((oc) => oc.column('username').doNothing()).returning('id').executeTakeFirst();
    if (applicant) created++;
  });
  return created;
}
