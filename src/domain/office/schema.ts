// An office (DPMPTSP): where it is, when it works, who works there. Its definitions' roles map
// onto its positions, and its calendar is the one the service clock counts in.
import { z } from 'zod';

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'gunakan huruf kecil, angka dan tanda hubung (slug)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal harus berformat YYYY-MM-DD');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam harus berformat HH:MM');

// ISO weekday numbers: 1 = Senin (Monday) … 7 = Minggu (Sunday).
const weekday = z.number().int().min(1).max(7);

export const serviceHoursSchema = z
  .object({ days: z.array(weekday).min(1), open: clockTime, close: clockTime })
  .refine((h) => h.open < h.close, { message: 'jam tutup harus setelah jam buka', path: ['close'] });

export const officeSchema = z.object({
  schemaVersion: z.literal(1),
  id: slug,
  name: text,
  shortName: text,
  level: z.enum(['provinsi', 'kabupaten', 'kota']),
  region: text,
  timeZone: z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']),
  address: text,
  city: text,
  contact: z
    .object({ phone: text.optional(), fax: text.optional(), email: text.optional(), website: text.optional() })
    .default({}),
  letterhead: z.object({ government: text, agency: text, addressLine: text }),
  serviceHours: z.array(serviceHoursSchema).min(1),
  // Holiday calendars shared by every office (national holidays and cuti bersama).
  calendars: z.array(slug).default(['nasional']),
  localHolidays: z.array(z.object({ date: isoDate, name: text })).default([]),
  units: z.array(z.object({ id: slug, name: text, external: z.boolean().default(false) })).min(1),
  positions: z.array(z.object({ id: slug, name: text, unit: slug })).min(1),
});

export type Office = z.infer<typeof officeSchema>;

export const holidayCalendarSchema = z.object({
  schemaVersion: z.literal(1),
  id: slug,
  name: text,
  years: z
    .array(
      z.object({
        year: z.number().int().min(2000).max(2100),
        decree: text,
        holidays: z.array(z.object({ date: isoDate, name: text })).min(1),
        collectiveLeave: z.array(z.object({ date: isoDate, name: text })).default([]),
      }),
    )
    .min(1),
});

export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;
