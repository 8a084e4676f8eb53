// Dates and times as Indonesian documents write them: "23 November 2026", the place-and-date
// line above a signature ("Samarinda, 23 November 2026"), and a moment with its weekday, time
// and zone ("Senin, 9 Maret 2026 pukul 10.00 WITA"). An instant becomes a date on the office's
// wall clock (its time zone), never the server's.
import { DAY_MS, HOUR_MS, MINUTE_MS, dateOfDay, dayOfDate, isoWeekday, zoneOf } from '../calendar/zone.ts';

export const MONTH_NAMES = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
] as const;

// ISO weekday order: index 0 is Senin (1), index 6 is Minggu (7).
export const WEEKDAY_NAMES = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'] as const;

// The names Indonesians use for their three zones; any other zone is written as its UTC offset.
const ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneAbbreviation(timeZone: string, at: Date = new Date(0)): string {
  const known = ZONE_NAMES[timeZone];
  if (known) return known;
  const offset = zoneOf(timeZone).offsetAt(at.getTime());
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = Math.floor(abs / HOUR_MS);
  const m = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

export interface LocalDateTime {
  // 'YYYY-MM-DD' on the zone's wall clock.
  date: string;
  hour: number;
  minute: number;
}

function checkInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('not a valid instant');
  return ms;
}

export function localDateTimeIn(instant: Date, timeZone: string): LocalDateTime {
  const utc = checkInstant(instant);
  const local = utc + zoneOf(timeZone).offsetAt(utc);
  const day = Math.floor(local / DAY_MS);
  const inDay = local - day * DAY_MS;
  return { date: dateOfDay(day), hour: Math.floor(inDay / HOUR_MS), minute: Math.floor((inDay % HOUR_MS) / MINUTE_MS) };
}

// The office's wall-clock date of an instant, 'YYYY-MM-DD'.
export function localDateIn(instant: Date, timeZone: string): string {
  return localDateTimeIn(instant, timeZone).date;
}

// '2026-11-23' → '23 November 2026'. Throws RangeError for anything that is not a real date.
export function formatIndonesianDate(localDate: string): string {
  dayOfDate(localDate);
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

// An instant as the date on the office's wall clock: '23 November 2026'.
export function indonesianDateOf(instant: Date, timeZone: string): string {
  return formatIndonesianDate(localDateIn(instant, timeZone));
}

export function weekdayName(localDate: string): string {
  return WEEKDAY_NAMES[isoWeekday(dayOfDate(localDate)) - 1]!;
}

// 'Senin, 9 Maret 2026'
export function formatIndonesianDayDate(localDate: string): string {
  return `${weekdayName(localDate)}, ${formatIndonesianDate(localDate)}`;
}

// '10.00' — Indonesian writes the time with a dot.
export function formatClockTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}.${String(minute).padStart(2, '0')}`;
}

// 'Senin, 9 Maret 2026 pukul 10.00 WITA'
export function formatIndonesianDateTime(instant: Date, timeZone: string): string {
  const t = localDateTimeIn(instant, timeZone);
  return `${formatIndonesianDayDate(t.date)} pukul ${formatClockTime(t.hour, t.minute)} ${zoneAbbreviation(timeZone, instant)}`;
}

// A compact form for table cells: '9 Maret 2026, 10.00' (the zone named in the column header).
export function formatShortDateTime(instant: Date, timeZone: string): string {
  const t = localDateTimeIn(instant, timeZone);
  return `${formatIndonesianDate(t.date)}, ${formatClockTime(t.hour, t.minute)}`;
}

// The line above a signature: 'Samarinda, 23 November 2026'.
export function placeAndDate(city: string, localDate: string): string {
  const place = city.trim();
  if (!place) throw new RangeError('a place-and-date line needs a city');
  return `${place}, ${formatIndonesianDate(localDate)}`;
}

// ---- numbers in words ("5 (lima) tahun") ------------------------------------------------------

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

// Indonesian words for a whole number from 0 to 999 999 999 999 (terbilang).
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`cannot spell ${n}`);
  if (n < 12) return UNITS[n]!;
  if (n < 20) return `${UNITS[n - 10]} belas`;
  if (n < 100) return join(`${UNITS[Math.floor(n / 10)]} puluh`, n % 10);
  if (n < 200) return join('seratus', n - 100);
  if (n < 1000) return join(`${UNITS[Math.floor(n / 100)]} ratus`, n % 100);
  if (n < 2000) return join('seribu', n - 1000);
  if (n < 1e6) return join(`${numberInWords(Math.floor(n / 1000))} ribu`, n % 1000);
  if (n < 1e9) return join(`${numberInWords(Math.floor(n / 1e6))} juta`, n % 1e6);
  return join(`${numberInWords(Math.floor(n / 1e9))} miliar`, n % 1e9);
}

function join(head: string, rest: number): string {
  return rest === 0 ? head : `${head} ${numberInWords(rest)}`;
}

// '5 (lima)', as counts are written in official letters.
export function spelledCount(n: number): string {
  return `${n} (${numberInWords(n)})`;
}
