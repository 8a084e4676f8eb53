import type { z } from 'zod';
import { AppError } from '../../domain/errors.ts';

// Parses a request part with its schema; a bad one is answered with every problem and its path.
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('invalid_input', 400, {
    id: `Isian tidak valid: ${details.map((d) => `${d.path || '(isi)'} — ${d.message}`).join('; ')}`,
    en: `Invalid input: ${details.map((d) => `${d.path || '(body)'} — ${d.message}`).join('; ')}`,
  }, details);
}
