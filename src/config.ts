// One configuration object, parsed from the environment at start, validated, then frozen.
import { z } from 'zod';

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL harus diawali postgres:// atau postgresql://')
    .optional(),
  publicUrl: z.string().url().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  definitionsDir: z.string().min(1).default('./definitions'),
  smtpUrl: z.string().regex(/^smtps?:\/\//, 'SMTP_URL harus diawali smtp:// atau smtps://').optional(),
  mailFrom: z.string().min(3).default('satupintu <no-reply@localhost>'),
  maxFileBytes: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
});

export type Config = Readonly<z.infer<typeof configSchema> & { publicUrl: string }>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const parsed = configSchema.safeParse({
    port: blank(env.PORT),
    host: blank(env.HOST),
    dataDir: blank(env.DATA_DIR),
    databaseUrl: blank(env.DATABASE_URL),
    publicUrl: blank(env.PUBLIC_URL),
    logLevel: blank(env.LOG_LEVEL),
    definitionsDir: blank(env.DEFINITIONS_DIR),
    smtpUrl: blank(env.SMTP_URL),
    mailFrom: blank(env.MAIL_FROM),
    maxFileBytes: blank(env.MAX_FILE_BYTES),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Konfigurasi tidak valid / invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({ ...c, publicUrl: c.publicUrl ?? `http://localhost:${c.port}` });
}
