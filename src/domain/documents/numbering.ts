// Permit numbers from the definition's pattern, e.g. "503/{seq:4}/IPAK/DPMPTSP/{month:roman}/{year}"
// → "503/0042/IPAK/DPMPTSP/XI/2026". Pure: the sequence comes from the counter row locked with
// the signature, the date is the issue date on the office's wall clock.
//
// Tokens:
//   {seq}          the sequence number as is            42
//   {seq:N}        zero-padded to N digits (never cut)  0042; 123456 stays 123456
//   {month}        month, no padding                    3
//   {month:2}      month, two digits                    03
//   {month:roman}  month in Roman numerals              III
//   {year}         four-digit year                      2026
//   {year:2}       last two digits of the year          26
//   {office}       the office's code                    kaltim
//   {series}       the numbering series                 izin-penyalur-alat-kesehatan
// Everything outside braces is literal. A pattern must contain {seq}, or numbers would repeat.
import { AppError } from '../errors.ts';
import { dayOfDate } from '../calendar/zone.ts';

export type NumberToken =
  | { kind: 'literal'; text: string }
  | { kind: 'seq'; pad: number }
  | { kind: 'month'; style: 'plain' | 'pad2' | 'roman' }
  | { kind: 'year'; digits: 2 | 4 }
  | { kind: 'office' }
  | { kind: 'series' };

export type NumberPatternCheck =
  | { ok: true; tokens: NumberToken[] }
  | { ok: false; errors: string[]; message: string };

export const NUMBER_PATTERN_TOKENS = ['{seq}', '{seq:N}', '{month}', '{month:2}', '{month:roman}', '{year}', '{year:2}', '{office}', '{series}'] as const;

const MAX_PAD = 12;

function token(body: string): NumberToken | null {
  const pad = /^seq:(\d{1,2})$/.exec(body);
  if (pad) {
    const n = Number(pad[1]);
    return n >= 1 && n <= MAX_PAD ? { kind: 'seq', pad: n } : null;
  }
  switch (body) {
    case 'seq': return { kind: 'seq', pad: 0 };
    case 'month': return { kind: 'month', style: 'plain' };
    case 'month:2': return { kind: 'month', style: 'pad2' };
    case 'month:roman': return { kind: 'month', style: 'roman' };
    case 'year': return { kind: 'year', digits: 4 };
    case 'year:2': return { kind: 'year', digits: 2 };
    case 'office': return { kind: 'office' };
    case 'series': return { kind: 'series' };
    default: return null;
  }
}

// Reads a pattern and reports every problem at once, each with its position (counted from 1).
export function validateNumberPattern(pattern: string): NumberPatternCheck {
  const errors: string[] = [];
  const tokens: NumberToken[] = [];
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '}') {
      errors.push(`"}" pada posisi ${i + 1} tanpa pasangan "{"`);
      i++;
      continue;
    }
    if (c !== '{') {
      literal += c;
      i++;
      continue;
    }
    const close = pattern.indexOf('}', i + 1);
    const nextOpen = pattern.indexOf('{', i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      errors.push(`"{" pada posisi ${i + 1} tidak ditutup dengan "}"`);
      i++;
      continue;
    }
    const body = pattern.slice(i + 1, close);
    const t = token(body);
    if (!t) {
      const hint = /^seq:/.test(body) ? ` (N harus 1 sampai ${MAX_PAD})` : '';
      errors.push(`token tidak dikenal "{${body}}" pada posisi ${i + 1}${hint}; yang dikenal: ${NUMBER_PATTERN_TOKENS.join(', ')}`);
    } else {
      if (literal) tokens.push({ kind: 'literal', text: literal });
      literal = '';
      tokens.push(t);
    }
    i = close + 1;
  }
  if (literal) tokens.push({ kind: 'literal', text: literal });
  if (pattern.trim() === '') errors.push('pola nomor kosong');
  else if (!tokens.some((t) => t.kind === 'seq') && errors.length === 0) errors.push('pola nomor harus memuat {seq} (nomor urut), agar setiap izin bernomor unik');
  if (errors.length > 0) return { ok: false, errors, message: `Pola nomor izin "${pattern}" tidak sah: ${errors.join('; ')}.` };
  return { ok: true, tokens };
}

export interface PermitNumberParts {
  // The sequence number from the counter, 1 or more.
  seq: number;
  // The issue date on the office's wall clock, 'YYYY-MM-DD'.
  issuedAt: string;
  // The office's code.
  office: string;
  // The numbering series (the definition's permit.numbering.series).
  series: string;
}

const ROMAN: readonly string[] = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export function romanMonth(month: number): string {
  const r = ROMAN[month - 1];
  if (!Number.isInteger(month) || !r) throw new RangeError(`not a month: ${month}`);
  return r;
}

export function formatPermitNumber(pattern: string, parts: PermitNumberParts): string {
  const check = validateNumberPattern(pattern);
  if (!check.ok) {
    throw new AppError('permit_number_pattern_invalid', 500, {
      id: check.message,
      en: `The permit number pattern "${pattern}" is not valid: ${check.errors.join('; ')}.`,
    }, { pattern, errors: check.errors });
  }
  if (!Number.isSafeInteger(parts.seq) || parts.seq < 1) throw new RangeError(`a permit sequence number is a whole number from 1, not ${parts.seq}`);
  dayOfDate(parts.issuedAt);
  const year = parts.issuedAt.slice(0, 4);
  const month = Number(parts.issuedAt.slice(5, 7));
  return check.tokens.map((t) => {
    switch (t.kind) {
      case 'literal': return t.text;
      case 'seq': return String(parts.seq).padStart(t.pad, '0');
      case 'month': return t.style === 'roman' ? romanMonth(month) : t.style === 'pad2' ? String(month).padStart(2, '0') : String(month);
      case 'year': return t.digits === 2 ? year.slice(2) : year;
      case 'office': return parts.office;
      case 'series': return parts.series;
    }
  }).join('');
}
