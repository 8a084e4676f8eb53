// Wall-clock arithmetic for an office's time zone, independent of the server's own zone.
//
// A "day number" is the count of days since 1970-01-01 on the office's wall clock, and a "local
// ms" is milliseconds since 1970-01-01T00:00 on that wall clock (UTC ms plus the zone's offset).
// Only UTC methods of Date are used, so the process's TZ never leaks in.
//
// Offsets come from Intl (the zone database), not from a table here. Asking Intl is a few
// microseconds, so each zone keeps one formatter and remembers the offset per UTC day; a day in
// which the offset changes (never, for WIB/WITA/WIT since 1964) is answered per instant instead.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export type Zone = {
  readonly id: string;
  // The zone's offset from UTC at an instant, in ms (WITA: +8 h).
  offsetAt(utcMs: number): number;
  // The instant a wall-clock time happens. A wall-clock time skipped or repeated by a change of
  // offset resolves to one of its candidates; the Indonesian zones have no such times.
  toUtc(localMs: number): number;
};

const zones = new Map<string, Zone>();

// Throws RangeError for a name the zone database does not know.
export function zoneOf(id: string): Zone {
  const known = zones.get(id);
  if (known) return known;
  const format = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longOffset' });
  const ask = (utcMs: number): number => {
    const name = format.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    // "GMT" for UTC itself, otherwise "GMT+08:00" (seconds only for pre-1900 local mean time).
    const m = /^GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/.exec(name);
    if (!m) throw new RangeError(`unreadable offset "${name}" for time zone ${id}`);
    if (!m[1]) return 0;
    const ms = Number(m[2]) * HOUR_MS + Number(m[3] ?? 0) * MINUTE_MS + Number(m[4] ?? 0) * 1000;
    return m[1] === '-' ? -ms : ms;
  };
  // Per UTC day: the offset, or NaN when it differs between the day's first and last ms.
  const perDay = new Map<number, number>();
  const offsetAt = (utcMs: number): number => {
    const key = Math.floor(utcMs / DAY_MS);
    let offset = perDay.get(key);
    if (offset === undefined) {
      const first = ask(key * DAY_MS);
      offset = first === ask(key * DAY_MS + DAY_MS - 1) ? first : Number.NaN;
      perDay.set(key, offset);
    }
    return Number.isNaN(offset) ? ask(utcMs) : offset;
  };
  const toUtc = (localMs: number): number => {
    const guess = localMs - offsetAt(localMs);
    const offset = offsetAt(guess);
    return localMs - offset;
  };
  const zone: Zone = Object.freeze({ id, offsetAt, toUtc });
  zones.set(id, zone);
  return zone;
}

// ISO weekday of a day number: 1 = Senin … 7 = Minggu. Day 0 (1970-01-01) was a Thursday.
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// 'YYYY-MM-DD' → day number. Throws RangeError for anything that is not a real calendar date.
export function dayOfDate(date: string): number {
  const m = DATE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / DAY_MS;
  }
  throw new RangeError(`not a date (YYYY-MM-DD): "${date}"`);
}

// Day number → 'YYYY-MM-DD'.
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// 'HH:MM' → ms after local midnight.
export function msOfClockTime(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min > 0)) throw new RangeError(`not a time (HH:MM): "${time}"`);
  return h * HOUR_MS + min * MINUTE_MS;
}
