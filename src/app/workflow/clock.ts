// The service clock of a case, counted in its office's calendar: the case's due instant from
// the definition's rule, and each step's due from its "H+N" offset or its effort.
import { sql } from 'kysely';
import {
  addWorkingMs, calendarForOffice, dueInstant, dueWithPauses, parseDueOffset, shiftForPauses, stepDueInstant,
  type Pause, type WorkingCalendar,
} from '../../domain/calendar/working-calendar.ts';
import type { ServiceDefinition, Step } from '../../domain/definition/schema.ts';
import { officeSchema, type HolidayCalendar } from '../../domain/office/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { Db, Tx } from '../transaction.ts';

export interface StepClockContext {
  clockStart: Date | null;
  enteredAt: Date;
  submittedAt: Date;
  pauses: Pause[];
}

export interface CaseClock {
  calendar: WorkingCalendar;
  caseDue(start: Date, pauses: Pause[], rule: ServiceDefinition['serviceTime']): Date | null;
  stepDue(ctx: StepClockContext, step: Step): Date | null;
}

const MINUTE = 60_000;

export function caseClock(calendar: WorkingCalendar): CaseClock {
  return {
    calendar,
    caseDue: (start, pauses, rule) => dueWithPauses(calendar, start, pauses, rule.length, rule.unit),
    stepDue(ctx, step) {
      if (step.due) {
        // Before the clock starts, "H" is the day the application came in.
        const reference = ctx.clockStart ?? ctx.submittedAt;
        const base = stepDueInstant(calendar, reference, parseDueOffset(step.due));
        return shiftForPauses(calendar, reference, base, ctx.pauses, 'working_days') ?? base;
      }
      const e = step.effort;
      if (!e) return null;
      const amount = e.max ?? e.min;
      switch (e.unit) {
        case 'minutes':
          return addWorkingMs(calendar, ctx.enteredAt, amount * MINUTE);
        case 'hours':
        case 'working_hours':
          return addWorkingMs(calendar, ctx.enteredAt, amount * 60 * MINUTE);
        case 'working_days':
          return dueInstant(calendar, ctx.enteredAt, Math.ceil(amount), 'working_days');
        case 'calendar_days':
          return dueInstant(calendar, ctx.enteredAt, Math.ceil(amount), 'calendar_days');
      }
    },
  };
}

// Calendars change rarely (an admin edits holidays, an import adds a year). A built calendar is
// kept per office and calendar epoch: a number the database changes whenever an office, a shared
// calendar's days or an office's own holidays change (migration 0008).
const cache = new Map<string, CaseClock>();

// The epoch as an act's unit of work already read it (with the case), so the clock needs no
// statement of its own. Keyed by the unit: it ends with it.
const epochs = new WeakMap<object, string>();

export function rememberCalendarEpoch(unit: object, epoch: string): void {
  epochs.set(unit, epoch);
}

export async function loadClock(db: Db | Tx, officeId: string): Promise<CaseClock> {
  const epoch = epochs.get(db) ?? (await sql<{ epoch: string }>`select epoch from calendar_epoch`.execute(db)).rows[0]!.epoch;
  const key = `${officeId}|${epoch}`;
  const known = cache.get(key);
  if (known) return known;

  const office = await db.selectFrom('offices').select('document').where('id', '=', officeId).executeTakeFirst();
  if (!office) throw new AppError('office_not_found', 404, { id: 'Kantor tidak ditemukan.', en: 'Office not found.' });
  const doc = officeSchema.parse(office.document);
  const ids = doc.calendars.length ? doc.calendars : ['-'];
  const days = await db.selectFrom('calendar_days').select(['calendar_id', 'day', 'name', 'kind', 'decree']).where('calendar_id', 'in', ids).execute();
  const local = await db.selectFrom('office_holidays').select(['day', 'name']).where('office_id', '=', officeId).execute();
  const calendars: HolidayCalendar[] = doc.calendars.map((id) => {
    const mine = days.filter((d) => d.calendar_id === id);
    const years = [...new Set(mine.map((d) => Number(d.day.slice(0, 4))))].map((year) => ({
      year,
      decree: mine.find((d) => d.day.startsWith(String(year)))?.decree ?? '-',
      holidays: mine.filter((d) => d.kind === 'holiday' && d.day.startsWith(String(year))).map((d) => ({ date: d.day, name: d.name })),
      collectiveLeave: mine.filter((d) => d.kind === 'collective_leave' && d.day.startsWith(String(year))).map((d) => ({ date: d.day, name: d.name })),
    }));
    return { schemaVersion: 1 as const, id, name: id, years };
  });
  const clock = caseClock(calendarForOffice({ ...doc, localHolidays: local.map((l) => ({ date: l.day, name: l.name })) }, calendars));
  if (cache.size > 200) cache.clear();
  cache.set(key, clock);
  return clock;
}
