// Imports a shared holiday calendar (national holidays and cuti bersama). The file is the
// truth for the years it lists: those years' days are replaced as a whole.
import { parseYamlWith } from '../domain/definition/load.ts';
import type { DefinitionIssue } from '../domain/definition/issues.ts';
import { holidayCalendarSchema } from '../domain/office/schema.ts';
import type { Db } from './transaction.ts';

export async function importCalendar(db: Db, source: string): Promise<{ ok: true; id: string; days: number } | { ok: false; issues: DefinitionIssue[] }> {
  const parsed = parseYamlWith(source, holidayCalendarSchema);
  if (!parsed.ok) return parsed;
  const cal = parsed.value;
  const rows = cal.years.flatMap((y) => [
    ...y.holidays.map((h) => ({ calendar_id: cal.id, day: h.date, name: h.name, kind: 'holiday' as const, decree: y.decree })),
    ...y.collectiveLeave.map((h) => ({ calendar_id: cal.id, day: h.date, name: h.name, kind: 'collective_leave' as const, decree: y.decree })),
  ]);
  await db.transaction().execute(async (tx) => {
    for (const y of cal.years) {
      await tx.deleteFrom('calendar_days').where('calendar_id', '=', cal.id)
        .where('day', '>=', `${y.year}-01-01`).where('day', '<=', `${y.year}-12-31`).execute();
    }
    if (rows.length > 0) await tx.insertInto('calendar_days').values(rows).execute();
  });
  return { ok: true, id: cal.id, days: rows.length };
}
