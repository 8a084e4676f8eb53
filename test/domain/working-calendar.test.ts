// The service clock's calendar: hand-computed dues on the real 2026 calendars of the seed
// offices, then properties over random calendars in the three Indonesian time zones.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import * as W from '../../src/domain/calendar/working-calendar.ts';
import {
  addWorkingDays,
  addWorkingMs,
  calendarForOffice,
  clockStartDate,
  dueInstant,
  dueWithPauses,
  elapsedWorkingDays,
  elapsedWorkingMs,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  parseDueOffset,
  remainingWorkingMs,
  shiftForPauses,
  slaState,
  stepDueInstant,
  workingCalendar,
  type ServiceTimeUnit,
  type WorkingCalendar,
} from '../../src/domain/calendar/working-calendar.ts';
import { AppError } from '../../src/domain/errors.ts';
import { holidayCalendarSchema, officeSchema } from '../../src/domain/office/schema.ts';

const read = (path: string) => parse(readFileSync(new URL(`../../definitions/${path}`, import.meta.url), 'utf8')) as unknown;
const nasional = holidayCalendarSchema.parse(read('calendars/nasional.yaml'));
const office = (id: string) => officeSchema.parse(read(`${id}/office.yaml`));
const kaltim = calendarForOffice(office('kaltim'), [nasional]);
const pekanbaru = calendarForOffice(office('pekanbaru'), [nasional]);
const bombana = calendarForOffice(office('bombana'), [nasional]);

// Wall-clock times written with their zone: WIB = UTC+7, WITA = UTC+8.
const wita = (t: string) => new Date(`${t}+08:00`);
const wib = (t: string) => new Date(`${t}+07:00`);
const HOUR = 3_600_000;

// Pertek received Friday 13 March 2026, 10:00 WITA: inside Kaltim's Friday hours (08:00–11:00).
const pertek = wita('2026-03-13T10:00');

describe('the 2026 calendar of DPMPTSP Kaltim (WITA, Senin–Kamis 08–19, Jumat 08–11)', () => {
  // March 2026: 1 March is a Sunday, so 13 March is a Friday.
  // Closed after H: Sat 14, Sun 15; Wed 18 cuti bersama Nyepi; Thu 19 Nyepi; Fri 20 cuti bersama
  // Idul Fitri; Sat 21, Sun 22 Idul Fitri; Mon 23, Tue 24 cuti bersama; Sat/Sun 28–29;
  // Fri 3 April Wafat Yesus Kristus; Sat/Sun 4–5.
  // Working days after H = Fri 13 March:
  //   1 Mon 16 Mar · 2 Tue 17 · 3 Wed 25 · 4 Thu 26 · 5 Fri 27 · 6 Mon 30 · 7 Tue 31 ·
  //   8 Wed 1 Apr · 9 Thu 2 · 10 Mon 6 · 11 Tue 7 · 12 Wed 8 · 13 Thu 9 · 14 Fri 10 Apr.
  it('knows the holidays and cuti bersama around Nyepi and Idul Fitri', () => {
    for (const d of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-04-03']) {
      assert.equal(isWorkingDay(kaltim, d), false, d);
    }
    for (const d of ['2026-03-13', '2026-03-16', '2026-03-17', '2026-03-25', '2026-04-02', '2026-04-06']) assert.equal(isWorkingDay(kaltim, d), true, d);
    assert.equal(nextWorkingDay(kaltim, '2026-03-17'), '2026-03-25');
    assert.equal(addWorkingDays(kaltim, '2026-03-13', 14), '2026-04-10');
    assert.equal(addWorkingDays(kaltim, '2026-03-18', 0), '2026-03-25', 'H+0 of a closed day is the next working day');
  });

  it('counts day H as day 0: 14 working days from the pertek are due at Friday 10 April 11:00', () => {
    assert.equal(clockStartDate(kaltim, pertek), '2026-03-13');
    // Day 14 is Friday 10 April; Friday closes at 11:00 WITA = 03:00 UTC.
    assert.deepEqual(dueInstant(kaltim, pertek, 14, 'working_days'), new Date('2026-04-10T03:00:00Z'));
  });

  it('7 working days (Izin Penyalur Alat Kesehatan) are due at Tuesday 31 March 19:00', () => {
    // Day 7 is Tuesday 31 March; closes 19:00 WITA = 11:00 UTC.
    assert.deepEqual(dueInstant(kaltim, pertek, 7, 'working_days'), new Date('2026-03-31T11:00:00Z'));
  });

  it('puts the SOP step dues H+1 … H+11 on the same scale', () => {
    assert.deepEqual(stepDueInstant(kaltim, pertek, parseDueOffset('H')), wita('2026-03-13T11:00')); // day H itself, Friday close
    assert.deepEqual(stepDueInstant(kaltim, pertek, parseDueOffset('H+1')), wita('2026-03-16T19:00')); // day 1 Mon 16 Mar
    assert.deepEqual(stepDueInstant(kaltim, pertek, parseDueOffset('H+4')), wita('2026-03-26T19:00')); // day 4 Thu 26 Mar
    assert.deepEqual(stepDueInstant(kaltim, pertek, parseDueOffset('H+6')), wita('2026-03-30T19:00')); // day 6 Mon 30 Mar
    assert.deepEqual(stepDueInstant(kaltim, pertek, parseDueOffset('H+10')), wita('2026-04-06T19:00')); // day 10 Mon 6 Apr (Good Friday skipped)
    assert.deepEqual(stepDueInstant(kaltim, pertek, parseDueOffset('H+11')), wita('2026-04-07T19:00')); // day 11 Tue 7 Apr
    assert.deepEqual(stepDueInstant(kaltim, pertek, 14), dueInstant(kaltim, pertek, 14, 'working_days'));
  });

  it('starts the clock on the next working day for a file received after closing or on a closed day', () => {
    // Friday 11:30 is after the 11:00 close: H = Mon 16; 7 days: 17, 25, 26, 27, 30, 31, Wed 1 Apr.
    const late = wita('2026-03-13T11:30');
    assert.equal(clockStartDate(kaltim, late), '2026-03-16');
    assert.deepEqual(dueInstant(kaltim, late, 7, 'working_days'), wita('2026-04-01T19:00'));
    // Exactly at closing counts as after hours.
    assert.equal(clockStartDate(kaltim, wita('2026-03-13T11:00')), '2026-03-16');
    // Received on Nyepi: H = Wed 25 Mar; H+1 = Thu 26.
    assert.equal(clockStartDate(kaltim, wita('2026-03-19T09:00')), '2026-03-25');
    assert.deepEqual(stepDueInstant(kaltim, wita('2026-03-19T09:00'), 1), wita('2026-03-26T19:00'));
    // Before opening on a working day: that day is H.
    assert.equal(clockStartDate(kaltim, wita('2026-03-16T06:30')), '2026-03-16');
  });

  it('counts working hours only inside service hours of working days', () => {
    // Thu 12 Mar 18:00 + 4 h: 1 h on Thursday (to 19:00) + 3 h on Friday 08–11 → Friday 11:00,
    // the close itself, not Monday's opening.
    assert.deepEqual(dueInstant(kaltim, wita('2026-03-12T18:00'), 4, 'working_hours'), wita('2026-03-13T11:00'));
    // + 5 h: the fifth hour is Monday 16 Mar 08–09.
    assert.deepEqual(dueInstant(kaltim, wita('2026-03-12T18:00'), 5, 'working_hours'), wita('2026-03-16T09:00'));
    // Tue 17 Mar 18:00 + 3 h: 1 h on Tuesday, then 18–24 March are closed: Wed 25 08–10.
    assert.deepEqual(dueInstant(kaltim, wita('2026-03-17T18:00'), 3, 'working_hours'), wita('2026-03-25T10:00'));
    // Fri 13 10:00 → Wed 25 09:00: Fri 1 h + Mon 16 11 h + Tue 17 11 h + Wed 25 1 h = 24 h.
    assert.equal(elapsedWorkingMs(kaltim, pertek, wita('2026-03-25T09:00')), 24 * HOUR);
    assert.equal(elapsedWorkingMs(kaltim, wita('2026-03-18T08:00'), wita('2026-03-24T19:00')), 0);
    assert.equal(elapsedWorkingMs(kaltim, wita('2026-03-25T09:00'), pertek), 0, 'never negative');
    // In working days: Fri 13 10–11 is 1/3 of Friday; Mon 16 and Tue 17 whole; Wed 25 08–09 is 1/11.
    assert.ok(Math.abs(elapsedWorkingDays(kaltim, pertek, wita('2026-03-25T09:00')) - (1 / 3 + 2 + 1 / 11)) < 1e-12);
    assert.deepEqual(addWorkingMs(kaltim, pertek, 24 * HOUR), wita('2026-03-25T09:00'));
  });

  it('counts calendar days to the last moment of the local date', () => {
    // 13 Mar + 14 days = Fri 27 Mar, 23:59:59.999 WITA = 15:59:59.999 UTC; holidays count.
    assert.deepEqual(dueInstant(kaltim, pertek, 14, 'calendar_days'), new Date('2026-03-27T15:59:59.999Z'));
    // Sun 1 Feb 06:00 WITA is still 31 Jan in UTC: day 0 is the local date, 1 Feb.
    assert.deepEqual(dueInstant(kaltim, wita('2026-02-01T06:00'), 1, 'calendar_days'), new Date('2026-02-02T15:59:59.999Z'));
    assert.deepEqual(dueInstant(kaltim, wita('2026-02-01T06:00'), 0, 'calendar_days'), wita('2026-02-01T23:59:59.999'));
  });

  describe('pauses while the file waits on the applicant', () => {
    const base = dueInstant(kaltim, pertek, 14, 'working_days'); // Fri 10 Apr 11:00

    it('moves a working-days due by the working days paused, each day counting one', () => {
      // Returned Wed 25 Mar 10:00 (2/11 of Wednesday used), back Mon 30 Mar 10:00:
      // 9/11 of Wed + Thu 26 + Fri 27 + 2/11 of Mon = 3 working days.
      // Fri 10 Apr close + 3 working days = Mon 13, Tue 14, Wed 15 Apr → Wed 15 Apr 19:00.
      // (Counting hours instead would give 9+11+3+2 = 25 h → Wed 15 Apr 11:00.)
      const pause = { from: wita('2026-03-25T10:00'), to: wita('2026-03-30T10:00') };
      assert.ok(Math.abs(elapsedWorkingDays(kaltim, pause.from, pause.to) - 3) < 1e-12);
      assert.deepEqual(dueWithPauses(kaltim, pertek, [pause], 14, 'working_days'), wita('2026-04-15T19:00'));
      // The same pause on the H+4 step (Thu 26 Mar 19:00): + 3 days = Fri 27, Mon 30, Tue 31 Mar.
      assert.deepEqual(shiftForPauses(kaltim, pertek, stepDueInstant(kaltim, pertek, 4), [pause], 'working_days'), wita('2026-03-31T19:00'));
    });

    it('gives back a whole day for a paused Friday, though it has 3 service hours', () => {
      // Returned Thu 26 Mar at closing, back Mon 30 Mar at opening: only Friday 27 was lost.
      const pause = { from: wita('2026-03-26T19:00'), to: wita('2026-03-30T08:00') };
      assert.deepEqual(dueWithPauses(kaltim, pertek, [pause], 14, 'working_days'), wita('2026-04-13T19:00'));
    });

    it('ignores pauses before the clock starts and after it has run out; overlaps count once', () => {
      assert.deepEqual(dueWithPauses(kaltim, pertek, [], 14, 'working_days'), base);
      assert.deepEqual(dueWithPauses(kaltim, pertek, [{ from: wita('2026-03-02T08:00'), to: wita('2026-03-12T12:00') }], 14, 'working_days'), base);
      assert.deepEqual(dueWithPauses(kaltim, pertek, [{ from: wita('2026-04-13T09:00'), to: wita('2026-04-14T09:00') }], 14, 'working_days'), base);
      const pause = { from: wita('2026-03-25T10:00'), to: wita('2026-03-30T10:00') };
      const inside = { from: wita('2026-03-26T10:00'), to: wita('2026-03-27T10:00') };
      assert.deepEqual(dueWithPauses(kaltim, pertek, [inside, pause, pause], 14, 'working_days'), wita('2026-04-15T19:00'));
    });

    it('has no due while a pause that began before the due is still open', () => {
      assert.equal(dueWithPauses(kaltim, pertek, [{ from: wita('2026-03-25T10:00'), to: null }], 14, 'working_days'), null);
      // Returned only after it was already overdue: the due stands.
      assert.deepEqual(dueWithPauses(kaltim, pertek, [{ from: wita('2026-04-13T09:00'), to: null }], 14, 'working_days'), base);
    });

    it('moves a working-hours due by the working hours paused and a calendar-days due by real time', () => {
      // 8 working hours from Mon 16 Mar 08:00 = 16:00; paused 10:00–12:00 → 18:00.
      const start = wita('2026-03-16T08:00');
      assert.deepEqual(dueInstant(kaltim, start, 8, 'working_hours'), wita('2026-03-16T16:00'));
      assert.deepEqual(dueWithPauses(kaltim, start, [{ from: wita('2026-03-16T10:00'), to: wita('2026-03-16T12:00') }], 8, 'working_hours'), wita('2026-03-16T18:00'));
      // Paused Mon 16 Mar 15:00 – Wed 25 Mar 09:00, with 1 h of the 8 left: Mon 15–19 (4 h) + Tue 17
      // (11 h) + Wed 25 08–09 (1 h) = 16 h, added from the 16:00 due: Mon 16–19 (3 h), Tue 17
      // (11 h), Wed 25 08–10 (2 h) → Wed 25 10:00, one working hour after the file came back.
      assert.deepEqual(dueWithPauses(kaltim, start, [{ from: wita('2026-03-16T15:00'), to: wita('2026-03-25T09:00') }], 8, 'working_hours'), wita('2026-03-25T10:00'));
      // A pause that begins at the due itself comes too late to move it.
      assert.deepEqual(dueWithPauses(kaltim, start, [{ from: wita('2026-03-16T16:00'), to: wita('2026-03-25T09:00') }], 8, 'working_hours'), wita('2026-03-16T16:00'));
      const two = { from: wita('2026-03-16T10:00'), to: wita('2026-03-16T12:00') };
      assert.deepEqual(dueWithPauses(kaltim, pertek, [two], 14, 'calendar_days'), new Date(dueInstant(kaltim, pertek, 14, 'calendar_days').getTime() + 2 * HOUR));
    });

    it('rejects a pause that ends before it begins', () => {
      assert.throws(() => dueWithPauses(kaltim, pertek, [{ from: wita('2026-03-25T10:00'), to: wita('2026-03-25T09:00') }], 14, 'working_days'), RangeError);
    });
  });

  it('reports the SLA state against the due', () => {
    const due = dueInstant(kaltim, pertek, 14, 'working_days'); // Fri 10 Apr 11:00
    // Thu 9 Apr 12:00: Thursday 12–19 (7 h) + Friday 08–11 (3 h) = 10 h left.
    const thursday = wita('2026-04-09T12:00');
    assert.equal(remainingWorkingMs(kaltim, thursday, due), 10 * HOUR);
    assert.equal(slaState(kaltim, thursday, due, 11 * HOUR), 'due_soon');
    assert.equal(slaState(kaltim, thursday, due, 8 * HOUR), 'on_time');
    assert.equal(slaState(kaltim, due, due, 0), 'due_soon');
    assert.equal(slaState(kaltim, new Date(due.getTime() + 1), due, 0), 'overdue');
    // Monday 13 Apr 09:00: one working hour past the due.
    assert.equal(remainingWorkingMs(kaltim, wita('2026-04-13T09:00'), due), -1 * HOUR);
    assert.equal(remainingWorkingMs(kaltim, wita('2026-04-10T12:00'), due), 0);
  });
});

describe('the other seed offices', () => {
  it('Pekanbaru (WIB): SIPATLM, 2 working days, around Imlek', () => {
    // Fri 13 Feb 2026 15:00 WIB, inside Friday hours (to 16:30): H = Fri 13 Feb.
    // Mon 16 Feb cuti bersama Imlek, Tue 17 Feb Imlek: day 1 Wed 18, day 2 Thu 19 Feb,
    // close 16:00 WIB = 09:00 UTC.
    assert.deepEqual(dueInstant(pekanbaru, wib('2026-02-13T15:00'), 2, 'working_days'), new Date('2026-02-19T09:00:00Z'));
    // 16:45 is after Friday's 16:30 close: H = Wed 18; day 2 = Fri 20 Feb, close 16:30 WIB.
    assert.deepEqual(dueInstant(pekanbaru, wib('2026-02-13T16:45'), 2, 'working_days'), new Date('2026-02-20T09:30:00Z'));
    assert.deepEqual(dueInstant(pekanbaru, wib('2026-02-14T10:00'), 2, 'working_days'), wib('2026-02-20T16:30'));
    assert.equal(localDateOf(pekanbaru, new Date('2026-02-12T17:30:00Z')), '2026-02-13'); // 00:30 WIB
  });

  it('Bombana (WITA): Izin Praktik Perekam Medis, 3 working days, around Kenaikan and Idul Adha', () => {
    // Wed 13 May 2026 09:00: H = Wed 13. Thu 14 Kenaikan, Fri 15 cuti bersama.
    // Day 1 Mon 18, 2 Tue 19, 3 Wed 20 May, close 16:00 WITA = 08:00 UTC.
    assert.deepEqual(dueInstant(bombana, wita('2026-05-13T09:00'), 3, 'working_days'), new Date('2026-05-20T08:00:00Z'));
    // Tue 26 May 17:00 is after the 16:00 close. Wed 27 Idul Adha, Thu 28 cuti bersama: H = Fri 29.
    // Sun 31 Waisak, Mon 1 Jun Hari Lahir Pancasila: day 1 Tue 2, 2 Wed 3, 3 Thu 4 Jun.
    assert.equal(clockStartDate(bombana, wita('2026-05-26T17:00')), '2026-05-29');
    assert.deepEqual(dueInstant(bombana, wita('2026-05-26T17:00'), 3, 'working_days'), new Date('2026-06-04T08:00:00Z'));
  });

  it('Jayapura (WIT, UTC+9) turns the date at 15:00 UTC', () => {
    const cal = workingCalendar({ timeZone: 'Asia/Jayapura', serviceHours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '16:00' }], nonWorkingDays: [] });
    assert.equal(localDateOf(cal, new Date('2026-03-12T14:59:59.999Z')), '2026-03-12');
    assert.equal(localDateOf(cal, new Date('2026-03-12T15:00:00Z')), '2026-03-13');
    assert.deepEqual(dueInstant(cal, new Date('2026-03-12T15:00:00Z'), 0, 'working_days'), new Date('2026-03-13T07:00:00Z'));
  });
});

describe('building and parsing', () => {
  it('parses step dues', () => {
    assert.equal(parseDueOffset('H'), 0);
    assert.equal(parseDueOffset('H+0'), 0);
    assert.equal(parseDueOffset('H+11'), 11);
    for (const bad of ['H-1', 'H+', 'h+1', '4', 'H+1.5', ' H+1']) assert.throws(() => parseDueOffset(bad), RangeError, bad);
  });

  it('parses every step due written in the seed definitions', () => {
    for (const file of ['kaltim/izin-laboratorium-klinik.yaml', 'kaltim/izin-penyalur-alat-kesehatan.yaml', 'pekanbaru/sipatlm.yaml', 'bombana/izin-praktek-perekam-medis.yaml']) {
      const def = read(file) as { steps: { due?: string }[] };
      for (const step of def.steps) if (step.due !== undefined) assert.ok(parseDueOffset(step.due) >= 0);
    }
  });

  it('refuses a calendar the office names but is not given, and bad input', () => {
    assert.throws(() => calendarForOffice(office('kaltim'), []), (e: unknown) => e instanceof AppError && e.code === 'holiday_calendar_missing');
    const hours = [{ days: [1], open: '08:00', close: '16:00' }];
    assert.throws(() => workingCalendar({ timeZone: 'Asia/Nowhere', serviceHours: hours, nonWorkingDays: [] }), RangeError);
    assert.throws(() => workingCalendar({ timeZone: 'Asia/Jakarta', serviceHours: [{ days: [8], open: '08:00', close: '16:00' }], nonWorkingDays: [] }), RangeError);
    assert.throws(() => workingCalendar({ timeZone: 'Asia/Jakarta', serviceHours: [{ days: [1], open: '16:00', close: '08:00' }], nonWorkingDays: [] }), RangeError);
    assert.throws(() => workingCalendar({ timeZone: 'Asia/Jakarta', serviceHours: hours, nonWorkingDays: ['2026-02-30'] }), RangeError);
    assert.throws(() => dueInstant(kaltim, pertek, 1.5, 'working_days'), RangeError);
    assert.throws(() => dueInstant(kaltim, pertek, -1, 'calendar_days'), RangeError);
    assert.throws(() => dueInstant(kaltim, new Date(Number.NaN), 1, 'working_days'), RangeError);
    assert.throws(() => addWorkingDays(kaltim, '2026-03-13', -1), RangeError);
  });

  it('merges service windows of the same weekday and counts a split day once', () => {
    const cal = workingCalendar({
      timeZone: 'Asia/Jakarta',
      serviceHours: [
        { days: [1], open: '08:00', close: '12:00' },
        { days: [1], open: '13:00', close: '16:00' },
        { days: [1], open: '11:00', close: '12:30' },
      ],
      nonWorkingDays: new Set(['2026-03-23']),
    });
    // Mon 16 Mar: 08–12:30 and 13–16 = 7.5 h.
    assert.equal(elapsedWorkingMs(cal, wib('2026-03-16T00:00'), wib('2026-03-17T00:00')), 7.5 * HOUR);
    // 5 h from Monday opening: 4.5 h to 12:30, then 13:00–13:30.
    assert.deepEqual(dueInstant(cal, wib('2026-03-16T08:00'), 5, 'working_hours'), wib('2026-03-16T13:30'));
    // The next Monday is closed: 1 working day after Mon 16 is Mon 30.
    assert.equal(addWorkingDays(cal, '2026-03-16', 1), '2026-03-30');
  });
});

// ---- properties --------------------------------------------------------------------------------

type CalendarInput = { timeZone: string; serviceHours: { days: number[]; open: string; close: string }[]; nonWorkingDays: string[] };

const DAY = 86_400_000;
const FROM = Date.UTC(2025, 0, 1);
const UNTIL = Date.UTC(2027, 5, 30);
const hhmm = (halfHours: number) => `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 === 0 ? '00' : '30'}`;
const dateAt = (offsetDays: number) => new Date(FROM + offsetDays * DAY).toISOString().slice(0, 10);

const kaltimInput: CalendarInput = { timeZone: kaltim.timeZone, serviceHours: kaltim.serviceHours.map((h) => ({ ...h, days: [...h.days] })), nonWorkingDays: [...kaltim.nonWorkingDays] };

const windowArb = fc.integer({ min: 0, max: 45 }).chain((open) => fc.integer({ min: open + 1, max: 47 }).map((close) => ({ open: hhmm(open), close: hhmm(close) })));
const calendarInputArb: fc.Arbitrary<CalendarInput> = fc.oneof(
  fc.constant(kaltimInput),
  fc.record({
    timeZone: fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'),
    serviceHours: fc.array(
      fc.record({ days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), hours: windowArb }).map(({ days, hours }) => ({ days, ...hours })),
      { minLength: 1, maxLength: 3 },
    ),
    nonWorkingDays: fc.uniqueArray(fc.integer({ min: 0, max: 900 }), { maxLength: 60 }).map((days) => days.map(dateAt)),
  }),
);
// Instants anywhere, and instants on the half hour, where openings and closings fall.
const instantArb = fc
  .oneof(fc.integer({ min: FROM, max: UNTIL }), fc.integer({ min: 0, max: (UNTIL - FROM) / 1_800_000 }).map((i) => FROM + i * 1_800_000))
  .map((ms) => new Date(ms));
const sortedInstants = (n: number) => fc.array(instantArb, { minLength: n, maxLength: n }).map((xs) => xs.sort((a, b) => a.getTime() - b.getTime()));
const unitArb = fc.constantFrom<ServiceTimeUnit>('working_days', 'working_hours', 'calendar_days');

const built = new Map<CalendarInput, WorkingCalendar>();
const calendarOf = (input: CalendarInput) => {
  let cal = built.get(input);
  if (!cal) built.set(input, (cal = workingCalendar(input)));
  return cal;
};
const runs = { numRuns: 200 };

describe('properties', () => {
  it('adding N working days lands on a working day, one working day after N-1', () => {
    fc.assert(
      fc.property(calendarInputArb, fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 40 }), (input, offset, n) => {
        const cal = calendarOf(input);
        const date = dateAt(offset);
        const result = addWorkingDays(cal, date, n);
        assert.ok(isWorkingDay(cal, result));
        assert.ok(result >= date);
        if (n > 0) assert.equal(result, nextWorkingDay(cal, addWorkingDays(cal, date, n - 1)));
        else assert.equal(result, isWorkingDay(cal, date) ? date : nextWorkingDay(cal, date));
      }),
      runs,
    );
  });

  it('holidays and cuti bersama are never working days', () => {
    for (const year of nasional.years) {
      for (const day of [...year.holidays, ...year.collectiveLeave]) {
        for (const cal of [kaltim, pekanbaru, bombana]) assert.equal(isWorkingDay(cal, day.date), false, day.date);
      }
    }
    fc.assert(
      fc.property(calendarInputArb, fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 20 }), (input, offset, n) => {
        const cal = calendarOf(input);
        for (const d of input.nonWorkingDays) assert.equal(isWorkingDay(cal, d), false);
        assert.ok(!input.nonWorkingDays.includes(addWorkingDays(cal, dateAt(offset), n)));
      }),
      runs,
    );
  });

  it('elapsed working time is additive, never negative and never more than real time', () => {
    fc.assert(
      fc.property(calendarInputArb, sortedInstants(3), (input, [a, b, c]) => {
        const cal = calendarOf(input);
        const ab = elapsedWorkingMs(cal, a!, b!);
        const bc = elapsedWorkingMs(cal, b!, c!);
        assert.equal(ab + bc, elapsedWorkingMs(cal, a!, c!));
        assert.ok(ab >= 0 && bc >= 0);
        assert.ok(ab <= b!.getTime() - a!.getTime());
        assert.equal(elapsedWorkingMs(cal, c!, a!), 0);
        const days = elapsedWorkingDays(cal, a!, b!) + elapsedWorkingDays(cal, b!, c!);
        assert.ok(Math.abs(days - elapsedWorkingDays(cal, a!, c!)) < 1e-9);
        assert.ok(elapsedWorkingDays(cal, a!, b!) >= 0);
      }),
      runs,
    );
  });

  it('adding working time is the inverse of measuring it', () => {
    fc.assert(
      fc.property(calendarInputArb, instantArb, fc.integer({ min: 0, max: 200 * HOUR }), (input, start, ms) => {
        const cal = calendarOf(input);
        const end = addWorkingMs(cal, start, ms);
        assert.equal(elapsedWorkingMs(cal, start, end), ms);
        // The earliest such instant: one ms earlier is one working ms short (when any time passes).
        if (ms > 0) assert.equal(elapsedWorkingMs(cal, start, new Date(end.getTime() - 1)), ms - 1);
      }),
      runs,
    );
  });

  it('due instants grow with the length, and working-days dues are closes of working days', () => {
    fc.assert(
      fc.property(calendarInputArb, instantArb, fc.integer({ min: 0, max: 30 }), unitArb, (input, start, n, unit) => {
        const cal = calendarOf(input);
        const due = dueInstant(cal, start, n, unit);
        assert.ok(due.getTime() < dueInstant(cal, start, n + 1, unit).getTime());
        assert.ok(due.getTime() >= start.getTime());
        if (unit === 'working_days') {
          assert.deepEqual(due, stepDueInstant(cal, start, n));
          assert.ok(isWorkingDay(cal, localDateOf(cal, due)));
          assert.equal(localDateOf(cal, due), addWorkingDays(cal, clockStartDate(cal, start), n));
          assert.equal(elapsedWorkingMs(cal, due, new Date(due.getTime() + 60_000)), 0, 'the service hours end at the due');
        }
        if (unit === 'working_hours') assert.equal(elapsedWorkingMs(cal, start, due), n * HOUR);
      }),
      runs,
    );
  });

  it('a pause moves the due later by exactly the service time it held', () => {
    fc.assert(
      fc.property(calendarInputArb, sortedInstants(3), fc.integer({ min: 0, max: 20 }), unitArb, (input, [start, p1, p2], n, unit) => {
        const cal = calendarOf(input);
        const due = dueInstant(cal, start!, n, unit);
        const moved = dueWithPauses(cal, start!, [{ from: p1!, to: p2! }], n, unit)!;
        assert.ok(moved.getTime() >= due.getTime());
        if (p1!.getTime() >= due.getTime()) {
          assert.deepEqual(moved, due);
          return;
        }
        if (unit === 'working_hours') assert.equal(elapsedWorkingMs(cal, start!, moved), n * HOUR + elapsedWorkingMs(cal, p1!, p2!));
        if (unit === 'working_days') {
          const held = elapsedWorkingDays(cal, start!, due) + elapsedWorkingDays(cal, p1!, p2!);
          assert.ok(Math.abs(elapsedWorkingDays(cal, start!, moved) - held) < 1e-6);
        }
        if (unit === 'calendar_days') assert.equal(moved.getTime() - due.getTime(), p2!.getTime() - p1!.getTime());
        assert.equal(dueWithPauses(cal, start!, [{ from: p1!, to: null }], n, unit), null);
      }),
      runs,
    );
  });
});

// ---- the same answers whatever the server's time zone ---------------------------------------------

type Case = { calendar: CalendarInput; start: number; later: number; n: number; pause: [number, number | null] };

// Runs in this process and, by its source text, in child processes with another TZ: it may use
// only its arguments.
function evaluate(M: typeof W, cases: Case[]): unknown[] {
  return cases.map((c) => {
    const cal = M.workingCalendar(c.calendar);
    const start = new Date(c.start);
    const later = new Date(c.later);
    const pauses = [{ from: new Date(c.pause[0]), to: c.pause[1] === null ? null : new Date(c.pause[1]) }];
    const date = M.localDateOf(cal, start);
    const time = (d: Date | null) => (d === null ? null : d.getTime());
    const due = M.dueInstant(cal, start, c.n, 'working_days');
    return [
      date,
      M.clockStartDate(cal, start),
      M.isWorkingDay(cal, date),
      M.addWorkingDays(cal, date, c.n),
      time(due),
      time(M.dueInstant(cal, start, c.n, 'working_hours')),
      time(M.dueInstant(cal, start, c.n, 'calendar_days')),
      M.elapsedWorkingMs(cal, start, later),
      M.elapsedWorkingDays(cal, start, later),
      time(M.dueWithPauses(cal, start, pauses, c.n, 'working_days')),
      time(M.dueWithPauses(cal, start, pauses, c.n, 'working_hours')),
      M.slaState(cal, later, due, 2 * 3_600_000),
    ];
  });
}

describe('time zone of the process', () => {
  const caseArb: fc.Arbitrary<Case> = fc.record({
    calendar: calendarInputArb,
    start: instantArb.map((d) => d.getTime()),
    later: instantArb.map((d) => d.getTime()),
    n: fc.integer({ min: 0, max: 20 }),
    pause: fc.tuple(instantArb.map((d) => d.getTime()), fc.option(fc.integer({ min: 0, max: 30 * DAY }))).map(([from, length]): [number, number | null] => [from, length === null ? null : from + length]),
  });
  const cases = fc.sample(caseArb, { seed: 20260313, numRuns: 200 });
  const here = evaluate(W, cases);
  const moduleUrl = new URL('../../src/domain/calendar/working-calendar.ts', import.meta.url).href;
  const script = [
    "import { readFileSync } from 'node:fs';",
    `const M = await import(${JSON.stringify(moduleUrl)});`,
    `const evaluate = ${evaluate.toString()};`,
    "process.stdout.write(JSON.stringify({ offset: new Date(0).getTimezoneOffset(), results: evaluate(M, JSON.parse(readFileSync(0, 'utf8'))) }));",
  ].join('\n');

  for (const [tz, offset] of [['America/New_York', 300], ['Asia/Tokyo', -540]] as const) {
    it(`gives identical results with TZ=${tz}`, () => {
      const child = spawnSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
        input: JSON.stringify(cases),
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(child.status, 0, child.stderr);
      const out = JSON.parse(child.stdout) as { offset: number; results: unknown[] };
      assert.equal(out.offset, offset, 'the child really runs in the other zone');
      assert.deepEqual(out.results, JSON.parse(JSON.stringify(here)));
    });
  }
});
