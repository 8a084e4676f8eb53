// The checks on what an applicant types about themselves, each answering with a message that
// says what is wrong and how to put it right, in both languages. Pure: no I/O.
import type { ErrorMessage } from '../../domain/errors.ts';

export interface FieldProblem {
  field: string;
  message: ErrorMessage;
}

const m = (id: string, en: string): ErrorMessage => ({ id, en });

export const LIMITS = { name: 200, address: 500, email: 200, phone: 20, password: { min: 10, max: 200 }, companyName: 200 } as const;

// People paste numbers with spaces, dots or dashes; those are not part of the number.
export const digitsOnly = (value: string) => value.replace(/[\s.-]/g, '');

export function requiredText(field: string, value: string, max: number, what: ErrorMessage): FieldProblem | null {
  const v = value.trim();
  if (!v) return { field, message: m(`Isi ${what.id}`, `Enter ${what.en}`) };
  if (v.length > max) return { field, message: m(`${cap(what.id)} paling banyak ${max} karakter`, `${cap(what.en)} must be ${max} characters or fewer`) };
  return null;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// NIK (Nomor Induk Kependudukan): 16 digits — province and regency (6), date of birth as DDMMYY
// with 40 added to the day for women (6), and a serial number (4).
export function nikProblem(field: string, raw: string): FieldProblem | null {
  const nik = digitsOnly(raw);
  if (!nik) return { field, message: m('Isi NIK', 'Enter your NIK') };
  if (!/^\d+$/.test(nik)) return { field, message: m('NIK hanya berisi angka', 'The NIK must contain digits only') };
  if (nik.length !== 16) return { field, message: m(`NIK harus 16 angka; yang Anda isi ${nik.length} angka`, `The NIK must be 16 digits; you entered ${nik.length}`) };
  const province = Number(nik.slice(0, 2));
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const serial = Number(nik.slice(12));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  if (province < 11 || province > 99 || !dayOk || month < 1 || month > 12 || serial === 0) {
    return { field, message: m('NIK tidak sesuai format. Salin NIK persis seperti pada KTP elektronik Anda', 'The NIK is not in the right format. Copy it exactly as it appears on your e-KTP') };
  }
  return null;
}

// NIB (Nomor Induk Berusaha, from OSS): 13 digits.
export function nibProblem(field: string, raw: string): FieldProblem | null {
  const nib = digitsOnly(raw);
  if (!nib) return { field, message: m('Isi NIB', 'Enter the NIB') };
  if (!/^\d+$/.test(nib)) return { field, message: m('NIB hanya berisi angka, tanpa huruf', 'The NIB must contain digits only, no letters') };
  if (nib.length !== 13) return { field, message: m(`NIB harus 13 angka; yang Anda isi ${nib.length} angka`, `The NIB must be 13 digits; you entered ${nib.length}`) };
  return null;
}

// NPWP: 15 digits (the older format, often written 01.234.567.8-901.000) or 16 (the NIK-based one).
export function npwpProblem(field: string, raw: string): FieldProblem | null {
  const npwp = digitsOnly(raw);
  if (!npwp) return { field, message: m('Isi NPWP', 'Enter the NPWP') };
  if (!/^\d+$/.test(npwp)) return { field, message: m('NPWP hanya berisi angka, titik dan tanda hubung', 'The NPWP may contain digits, dots and dashes only') };
  if (npwp.length !== 15 && npwp.length !== 16) return { field, message: m('NPWP harus 15 atau 16 angka', 'The NPWP must be 15 or 16 digits') };
  return null;
}

export function phoneProblem(field: string, raw: string): FieldProblem | null {
  const v = raw.trim();
  if (!v) return { field, message: m('Isi nomor telepon', 'Enter a phone number') };
  const digits = v.replace(/[\s()+-]/g, '');
  if (!/^\+?[0-9 ()-]+$/.test(v) || !/^\d{8,15}$/.test(digits)) {
    return { field, message: m('Isi nomor telepon yang benar, misalnya 0812 3456 7890', 'Enter a valid phone number, like 0812 3456 7890') };
  }
  return null;
}

export function emailProblem(field: string, raw: string): FieldProblem | null {
  const v = raw.trim();
  if (!v) return { field, message: m('Isi alamat email', 'Enter an email address') };
  if (v.length > LIMITS.email || !/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(v)) {
    return { field, message: m('Isi alamat email yang benar, misalnya nama@contoh.id', 'Enter a valid email address, like name@example.com') };
  }
  return null;
}

export function passwordProblem(field: string, password: string, email = ''): FieldProblem | null {
  if (!password) return { field, message: m('Isi kata sandi', 'Enter a password') };
  if (password.length < LIMITS.password.min) return { field, message: m(`Kata sandi minimal ${LIMITS.password.min} karakter`, `The password must be at least ${LIMITS.password.min} characters`) };
  if (password.length > LIMITS.password.max) return { field, message: m(`Kata sandi paling banyak ${LIMITS.password.max} karakter`, `The password must be ${LIMITS.password.max} characters or fewer`) };
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return { field, message: m('Kata sandi tidak boleh sama dengan email', 'The password must not be your email address') };
  return null;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
