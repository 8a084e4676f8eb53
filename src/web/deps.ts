// What the web layer's route modules are given by the server.
import type { Db } from '../app/transaction.ts';
import type { Mailer } from '../infra/mail/mailer.ts';
import type { Storage } from '../infra/storage/storage.ts';
import type { CookiePolicy } from './session.ts';

export interface WebDeps {
  db: Db;
  now: () => Date;
  publicUrl: string;
  cookiePolicy: CookiePolicy;
  storage: Storage;
  mailer: Mailer;
  // Upload limits, bytes.
  maxFileBytes: number;
  maxApplicationBytes: number;
}
