// The masa berlaku of a permit, from the definition's rule and the date it is issued (a date on
// the office's wall clock).
//
// N years: valid from the issue date up to and including the day before the same date N years
// later — "berlaku sejak 23 November 2026 sampai dengan 22 November 2031". When the same date
// does not exist N years later (issued on 29 February, ending in a common year) the period ends
// on the last day of February, as the period would if counted to 1 March and back one day.
import type { ServiceDefinition } from '../definition/schema.ts';
import { DAY_MS, dateOfDay, dayOfDate } from '../calendar/zone.ts';
import { formatIndonesianDate, spelledCount } from './indonesian-date.ts';

export type ValidityRule = ServiceDefinition['permit']['validity'];

export type PermitValidity =
  | { kind: 'years'; years: number; from: string; until: string }
  | { kind: 'while_operating'; from: string }
  | { kind: 'none'; from: string };

export const WHILE_OPERATING_TEXT = 'selama perusahaan menjalankan kegiatan usahanya';

// The last day of a validity of `years` years starting on `from` ('YYYY-MM-DD').
export function validUntil(from: string, years: number): string {
  if (!Number.isSafeInteger(years) || years < 1) throw new RangeError(`validity years must be a positive whole number, not ${years}`);
  dayOfDate(from);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  // Date.UTC rolls 29 February of a common year over to 1 March: exactly the day after the
  // period's end.
  const anniversary = Date.UTC(y + years, m - 1, d) / DAY_MS;
  return dateOfDay(anniversary - 1);
}

export function permitValidity(rule: ValidityRule, issuedOn: string): PermitValidity {
  dayOfDate(issuedOn);
  switch (rule.kind) {
    case 'years':
      return { kind: 'years', years: rule.years, from: issuedOn, until: validUntil(issuedOn, rule.years) };
    case 'while_operating':
      return { kind: 'while_operating', from: issuedOn };
    case 'none':
      return { kind: 'none', from: issuedOn };
  }
}

// The sentence a permit states: 'Surat izin ini berlaku sejak 23 November 2026 sampai dengan
// 22 November 2031.' The definition's own validity text describes the service (and may say
// "not stated"), so it is never printed on the permit.
export function validitySentence(v: PermitValidity, subject = 'Surat izin ini'): string {
  return `${subject} ${validityPhrase(v)}.`;
}

// The same without subject and full stop: 'berlaku sejak … sampai dengan …'.
export function validityPhrase(v: PermitValidity): string {
  const from = formatIndonesianDate(v.from);
  switch (v.kind) {
    case 'years':
      return `berlaku sejak ${from} sampai dengan ${formatIndonesianDate(v.until)}`;
    case 'while_operating':
      return `berlaku sejak ${from} ${WHILE_OPERATING_TEXT}`;
    case 'none':
      return `berlaku sejak ${from}`;
  }
}

// A short label for lists and tables: '5 (lima) tahun', 'selama perusahaan …', 'tidak dibatasi'.
export function validityTerm(v: PermitValidity): string {
  switch (v.kind) {
    case 'years':
      return `${spelledCount(v.years)} tahun`;
    case 'while_operating':
      return WHILE_OPERATING_TEXT;
    case 'none':
      return 'tidak ditentukan';
  }
}
