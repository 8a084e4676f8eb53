// The service clock's calendar: an office's working days and service hours, and the due
// instants and elapsed working time of the service-time rules in its definitions.
//
// Pure: instants are passed in as Dates and every result is an instant or a 'YYYY-MM-DD' on the
// office's wall clock, the same whatever the server's own time zone.
//
// A working day is a day whose ISO weekday has service hours and which is not a national
// holiday, cuti bersama or local holiday of the office.
//
// Semantics (and why):
//
// Day H. The clock of a file starts at an instant t. Day H is the local date of t when that date
// is a working day and t is before the close of its service hours; otherwise (after closing, or
// on a weekend or holiday) H is the next working day. A file handed in after closing is worked on
// from the next working day, so that day is its H; a file that arrives before opening is on the
// desk when the office opens, so the day it arrived is H.
//
// Working days. "Selesai dalam N hari kerja" is due at the close of service hours of day H+N,
// the N-th working day after H: the day the clock starts is day 0, the next working day is day 1.
// Three reasons: the SOPs write step deadlines as "Hari ke H", "H+1" … "H+11" with H the day of
// receipt, and a service time of 14 days read as H+14 puts the service time and the step dues on
// one scale (due of a step with `due: H+N` is exactly the due of an N-working-day rule); a period
// "sejak diterimanya" (since receipt) is counted, as Indonesian deadlines are, from the day after
// the event; and counting H as day 1 would take a whole day from a file that arrived ten minutes
// before a short Friday closed. N = 0 ("H") is due at the close of day H.
//
// Working hours. Only time inside service hours on working days counts; the due is the earliest
// instant at which that much working time has passed since t (the close itself when the last hour
// ends at closing, not the next opening).
//
// Calendar days. Every day counts, service hours do not matter: day 0 is the local date of t and
// N calendar days are due at 23:59:59.999 local time of date(t) + N, the last moment of that day,
// because a calendar-day rule ends with the day, not with the counter (the last day may be a
// Sunday). The due is not moved off a holiday.
//
// Pauses (the file waits on the applicant). The due moves later by the service time spent paused,
// measured the way the rule measures time: working hours for an hours rule, real time for a
// calendar-days rule, and working days for a days rule — each working day counting as one day
// whatever its length, time inside a day as its share of that day's service hours. So a Friday
// paused (3 hours at Kaltim) gives back one day, as a Monday (11 hours) does; counting hours
// instead would give back a Friday's worth for a paused Monday.
// A pause that begins after the clock has already run out moves nothing (an overdue case stays
// overdue). A pause that is still open and began before the due means the clock is stopped and
// there is no due yet: the helpers return null, and the worklist shows the case as waiting on the
// applicant until the pause closes.
//
// Time zones. The three Indonesian zones keep a fixed offset (no DST), so wall-clock and real
// durations agree; offsets are read from Intl, not written here.
import { AppError } from '../errors.ts';
import type { HolidayCalendar, Office } from '../office/schema.ts';
import { DAY_MS, HOUR_MS, dateOfDay, dayOfDate, isoWeekday, msOfClockTime, zoneOf, type Zone } from './zone.ts';

export type ServiceTimeUnit = 'working_days' | 'working_hours' | 'calendar_days';
export type SlaState = 'on_time' | 'due_soon' | 'overdue';

// Service hours as the office schema writes them: ISO weekdays (1 = Senin … 7 = Minggu), HH:MM.
export type ServiceHoursRule = { readonly days: readonly number[]; readonly open: string; readonly close: string };

export type WorkingCalendarInput = {
  readonly timeZone: string;
  readonly serviceHours: readonly ServiceHoursRule[];
  // National holidays, cuti bersama and local days off, as 'YYYY-MM-DD'.
  readonly nonWorkingDays: ReadonlySet<string> | readonly string[];
};

// An interval during which the file waited on the applicant; `to: null` while it still waits.
export type Pause = { readonly from: Date; readonly to: Date | null };

// How one kind of working time is measured: working ms, or working days (each working day = 1).
type Measure = {
  readonly perWeekday: readonly number[]; // amount of a whole day, indexed by ISO weekday
  readonly perWeek: number;
  readonly closedBefore: readonly number[]; // prefix sums of perWeekday over `closures`
  readonly ofMs: (ms: number, dayMs: number) => number; // amount of `ms` of a day's service
  readonly toMs: (amount: number, dayMs: number) => number;
  readonly epsilon: number; // float tolerance of day fractions
};

// Build with workingCalendar() or calendarForOffice(); the fields after `nonWorkingDays` are the
// precomputed tables the functions below read.
export type WorkingCalendar = {
  readonly timeZone: string;
  readonly serviceHours: readonly ServiceHoursRule[];
  readonly nonWorkingDays: ReadonlySet<string>;
  readonly zone: Zone;
  // Service windows per ISO weekday (index 0 unused), in ms after local midnight, sorted, disjoint.
  readonly windows: readonly (readonly (readonly [number, number])[])[];
  readonly dayMs: readonly number[];
  readonly closed: ReadonlySet<number>; // day numbers of the non-working days
  readonly closures: readonly number[]; // sorted day numbers of non-working days on service weekdays
  readonly hours: Measure;
  readonly days: Measure;
};

export function workingCalendar(input: WorkingCalendarInput): WorkingCalendar {
  const zone = zoneOf(input.timeZone);
  const collected: [number, number][][] = Array.from({ length: 8 }, () => []);
  for (const rule of input.serviceHours) {
    const open = msOfClockTime(rule.open);
    const close = msOfClockTime(rule.close);
    if (!(open < close)) throw new RangeError(`service hours close (${rule.close}) must be after open (${rule.open})`);
    for (const day of rule.days) {
      if (!Number.isInteger(day) || day < 1 || day > 7) throw new RangeError(`not an ISO weekday (1–7): ${day}`);
      collected[day]!.push([open, close]);
    }
  }
  const windows = collected.map((list) => {
    const merged: [number, number][] = [];
    for (const [o, c] of [...list].sort((a, b) => a[0] - b[0])) {
      const last = merged.at(-1);
      if (last && o <= last[1]) last[1] = Math.max(last[1], c);
      else merged.push([o, c]);
    }
    return merged.map((w) => Object.freeze(w) as readonly [number, number]);
  });
  const dayMs = windows.map((list) => list.reduce((sum, [o, c]) => sum + c - o, 0));
  if (!dayMs.some((ms) => ms > 0)) throw new RangeError('a calendar needs service hours on at least one weekday');

  const closed = new Set([...input.nonWorkingDays].map(dayOfDate));
  const closures = [...closed].filter((d) => dayMs[isoWeekday(d)]! > 0).sort((a, b) => a - b);
  const measure = (perWeekday: number[], ofMs: Measure['ofMs'], toMs: Measure['toMs'], epsilon: number): Measure => {
    const closedBefore = [0];
    for (const d of closures) closedBefore.push(closedBefore.at(-1)! + perWeekday[isoWeekday(d)]!);
    return Object.freeze({ perWeekday, perWeek: perWeekday.reduce((a, b) => a + b, 0), closedBefore, ofMs, toMs, epsilon });
  };
  return Object.freeze({
    timeZone: input.timeZone,
    serviceHours: input.serviceHours,
    nonWorkingDays: new Set([...closed].sort((a, b) => a - b).map(dateOfDay)),
    zone,
    windows,
    dayMs,
    closed,
    closures,
    hours: measure(dayMs, (ms) => ms, (amount) => amount, 0),
    days: measure(
      dayMs.map((ms) => (ms > 0 ? 1 : 0)),
      (ms, whole) => ms / whole,
      (amount, whole) => amount * whole,
      1e-9,
    ),
  });
}

// The calendar an office's clock counts in: its time zone and service hours, the national
// holidays and cuti bersama of the shared calendars it names, and its own local days off.
export function calendarForOffice(
  office: Pick<Office, 'id' | 'timeZone' | 'serviceHours' | 'calendars' | 'localHolidays'>,
  calendars: readonly HolidayCalendar[],
): WorkingCalendar {
  const dates = new Set<string>(office.localHolidays.map((h) => h.date));
  for (const id of office.calendars) {
    const calendar = calendars.find((c) => c.id === id);
    if (!calendar) {
      throw new AppError('holiday_calendar_missing', 500, {
        id: `Kalender hari libur "${id}" untuk kantor ${office.id} belum dimuat.`,
        en: `Holiday calendar "${id}" of office ${office.id} is not loaded.`,
      });
    }
    for (const year of calendar.years) {
      for (const day of [...year.holidays, ...year.collectiveLeave]) dates.add(day.date);
    }
  }
  return workingCalendar({ timeZone: office.timeZone, serviceHours: office.serviceHours, nonWorkingDays: dates });
}

// "H" → 0, "H+4" → 4: a step's `due`, in working days after day H.
export function parseDueOffset(due: string): number {
  const m = /^H(?:\+(\d+))?$/.exec(due);
  if (!m) throw new RangeError(`not a step due (H or H+N): "${due}"`);
  return m[1] === undefined ? 0 : Number(m[1]);
}

// ---- days ------------------------------------------------------------------------------------

export function isWorkingDay(cal: WorkingCalendar, localDate: string): boolean {
  return working(cal, dayOfDate(localDate));
}

// The office's wall-clock date of an instant.
export function localDateOf(cal: WorkingCalendar, instant: Date): string {
  return dateOfDay(Math.floor(localMs(cal, instant) / DAY_MS));
}

// The first working day strictly after a date.
export function nextWorkingDay(cal: WorkingCalendar, localDate: string): string {
  return dateOfDay(nextWorking(cal, dayOfDate(localDate)));
}

// H+n from a date taken as H: n = 0 is the date itself when it is a working day, else the next
// working day; each further n is one more working day.
export function addWorkingDays(cal: WorkingCalendar, localDate: string, n: number): string {
  return dateOfDay(plusWorkingDays(cal, dayOfDate(localDate), wholeCount(n, 'n')));
}

// Day H of a clock that starts at `start` (see the header).
export function clockStartDate(cal: WorkingCalendar, start: Date): string {
  return dateOfDay(clockStartDay(cal, localMs(cal, start)));
}

// ---- due instants ----------------------------------------------------------------------------

export function dueInstant(cal: WorkingCalendar, start: Date, length: number, unit: ServiceTimeUnit): Date {
  const local = localMs(cal, start);
  switch (unit) {
    case 'working_days':
      return new Date(closeOf(cal, plusWorkingDays(cal, clockStartDay(cal, local), wholeCount(length, 'length'))));
    case 'working_hours': {
      if (!Number.isFinite(length) || length < 0) throw new RangeError(`length must be a number ≥ 0, not ${length}`);
      return new Date(cal.zone.toUtc(addLocal(cal, cal.hours, local, Math.round(length * HOUR_MS))));
    }
    case 'calendar_days': {
      const last = Math.floor(local / DAY_MS) + wholeCount(length, 'length');
      return new Date(cal.zone.toUtc((last + 1) * DAY_MS - 1));
    }
    default:
      throw new RangeError(`unknown service-time unit: ${String(unit)}`);
  }
}

// Due of a step written `due: H+N`: close of service on day H+N.
export function stepDueInstant(cal: WorkingCalendar, clockStart: Date, offsetDays: number): Date {
  return dueInstant(cal, clockStart, offsetDays, 'working_days');
}

// A due moved later by the pauses (see the header); null while an open pause holds the clock.
// Pauses may overlap and may begin before `start` (only the part after it counts).
export function shiftForPauses(cal: WorkingCalendar, start: Date, due: Date, pauses: readonly Pause[], unit: ServiceTimeUnit): Date | null {
  const from0 = instant(start, 'start');
  let at = instant(due, 'due');
  for (const pause of mergedPauses(pauses, from0)) {
    if (pause.from >= at) break;
    if (pause.to === null) return null;
    if (unit === 'calendar_days') {
      at += pause.to - pause.from;
    } else {
      const m = unit === 'working_days' ? cal.days : cal.hours;
      const from = pause.from + cal.zone.offsetAt(pause.from);
      const to = pause.to + cal.zone.offsetAt(pause.to);
      at = cal.zone.toUtc(addLocal(cal, m, at + cal.zone.offsetAt(at), elapsedLocal(cal, m, from, to)));
    }
  }
  return new Date(at);
}

export function dueWithPauses(cal: WorkingCalendar, start: Date, pauses: readonly Pause[], length: number, unit: ServiceTimeUnit): Date | null {
  return shiftForPauses(cal, start, dueInstant(cal, start, length, unit), pauses, unit);
}

// ---- elapsed time and SLA --------------------------------------------------------------------

// Working time between two instants: time inside service hours of working days; 0 when `to` is
// not after `from`. Additive: elapsed(a, b) + elapsed(b, c) = elapsed(a, c) for a ≤ b ≤ c.
export function elapsedWorkingMs(cal: WorkingCalendar, from: Date, to: Date): number {
  return elapsedLocal(cal, cal.hours, localMs(cal, from), localMs(cal, to));
}

// The same span in working days: each working day counts 1, part of a day its share of that
// day's service hours. The measure pauses are counted in for a working-days rule.
export function elapsedWorkingDays(cal: WorkingCalendar, from: Date, to: Date): number {
  return elapsedLocal(cal, cal.days, localMs(cal, from), localMs(cal, to));
}

// The instant `ms` of working time after `from` (the earliest such instant).
export function addWorkingMs(cal: WorkingCalendar, from: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ms must be a number ≥ 0, not ${ms}`);
  return new Date(cal.zone.toUtc(addLocal(cal, cal.hours, localMs(cal, from), Math.round(ms))));
}

// Working time left until the due; negative (working time since the due) once it has passed.
export function remainingWorkingMs(cal: WorkingCalendar, now: Date, due: Date): number {
  return instant(now, 'now') <= instant(due, 'due') ? elapsedWorkingMs(cal, now, due) : 0 - elapsedWorkingMs(cal, due, now);
}

// Overdue once `now` is past the due instant; due soon when at most `dueSoonWorkingMs` of
// working time is left (a case due at Monday's close is due soon all weekend when the threshold
// is a few hours: no working time passes until Monday).
export function slaState(cal: WorkingCalendar, now: Date, due: Date, dueSoonWorkingMs: number): SlaState {
  if (instant(now, 'now') > instant(due, 'due')) return 'overdue';
  return elapsedWorkingMs(cal, now, due) <= dueSoonWorkingMs ? 'due_soon' : 'on_time';
}

// ---- internals -------------------------------------------------------------------------------

function instant(d: Date, name: string): number {
  const ms = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid instant`);
  return ms;
}

function localMs(cal: WorkingCalendar, d: Date): number {
  const ms = instant(d, 'instant');
  return ms + cal.zone.offsetAt(ms);
}

function wholeCount(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, not ${n}`);
  return n;
}

function working(cal: WorkingCalendar, day: number): boolean {
  return cal.dayMs[isoWeekday(day)]! > 0 && !cal.closed.has(day);
}

// Ends: at least one weekday has service hours and there are finitely many closed days.
function nextWorking(cal: WorkingCalendar, day: number): number {
  let d = day + 1;
  while (!working(cal, d)) d++;
  return d;
}

function plusWorkingDays(cal: WorkingCalendar, day: number, n: number): number {
  let d = working(cal, day) ? day : nextWorking(cal, day);
  for (let i = 0; i < n; i++) d = nextWorking(cal, d);
  return d;
}

function lastClose(cal: WorkingCalendar, day: number): number {
  return cal.windows[isoWeekday(day)]!.at(-1)?.[1] ?? 0;
}

function clockStartDay(cal: WorkingCalendar, local: number): number {
  const day = Math.floor(local / DAY_MS);
  return working(cal, day) && local - day * DAY_MS < lastClose(cal, day) ? day : nextWorking(cal, day);
}

function closeOf(cal: WorkingCalendar, day: number): number {
  return cal.zone.toUtc(day * DAY_MS + lastClose(cal, day));
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The measure of the whole days [from, to): weeks by arithmetic, closures by binary search.
function wholeDays(cal: WorkingCalendar, m: Measure, from: number, to: number): number {
  if (to <= from) return 0;
  const weeks = Math.floor((to - from) / 7);
  let sum = weeks * m.perWeek;
  for (let d = from + weeks * 7; d < to; d++) sum += m.perWeekday[isoWeekday(d)]!;
  return sum - (m.closedBefore[lowerBound(cal.closures, to)]! - m.closedBefore[lowerBound(cal.closures, from)]!);
}

// The measure of [start, end) ms after midnight of one day.
function partialDay(cal: WorkingCalendar, m: Measure, day: number, start: number, end: number): number {
  if (end <= start || !working(cal, day)) return 0;
  const weekday = isoWeekday(day);
  let ms = 0;
  for (const [o, c] of cal.windows[weekday]!) ms += Math.max(0, Math.min(end, c) - Math.max(start, o));
  return m.ofMs(ms, cal.dayMs[weekday]!);
}

function elapsedLocal(cal: WorkingCalendar, m: Measure, from: number, to: number): number {
  if (to <= from) return 0;
  const a = Math.floor(from / DAY_MS);
  const b = Math.floor(to / DAY_MS);
  if (a === b) return partialDay(cal, m, a, from - a * DAY_MS, to - a * DAY_MS);
  return partialDay(cal, m, a, from - a * DAY_MS, DAY_MS) + wholeDays(cal, m, a + 1, b) + partialDay(cal, m, b, 0, to - b * DAY_MS);
}

// The earliest local instant at which `amount` has been measured since `from`.
function addLocal(cal: WorkingCalendar, m: Measure, from: number, amount: number): number {
  if (amount <= 0) return from;
  let day = Math.floor(from / DAY_MS);
  let timeOfDay = from - day * DAY_MS;
  let left = amount;
  for (;;) {
    if (timeOfDay === 0) {
      // Whole weeks at once; the last week is walked day by day to find the instant.
      for (let week = wholeDays(cal, m, day, day + 7); left > week + m.epsilon; week = wholeDays(cal, m, day, day + 7)) {
        left -= week;
        day += 7;
      }
    }
    if (working(cal, day)) {
      const weekday = isoWeekday(day);
      const dayMs = cal.dayMs[weekday]!;
      for (const [o, c] of cal.windows[weekday]!) {
        const s = Math.max(o, timeOfDay);
        if (s >= c) continue;
        const available = m.ofMs(c - s, dayMs);
        if (left <= available + m.epsilon) return day * DAY_MS + Math.min(c, s + Math.round(m.toMs(left, dayMs)));
        left -= available;
      }
    }
    day++;
    timeOfDay = 0;
  }
}

// Pauses clipped to the clock's start, sorted and merged; `to: null` (still open) absorbs the rest.
function mergedPauses(pauses: readonly Pause[], start: number): { from: number; to: number | null }[] {
  const list = pauses
    .map((p) => {
      const from = instant(p.from, 'pause.from');
      const to = p.to === null ? null : instant(p.to, 'pause.to');
      if (to !== null && to < from) throw new RangeError('a pause must not end before it begins');
      return { from: Math.max(from, start), to };
    })
    .filter((p) => p.to === null || p.to > p.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number | null }[] = [];
  for (const p of list) {
    const last = merged.at(-1);
    if (last && (last.to === null || p.from <= last.to)) {
      last.to = last.to === null || p.to === null ? null : Math.max(last.to, p.to);
    } else {
      merged.push({ ...p });
    }
  }
  return merged;
}
