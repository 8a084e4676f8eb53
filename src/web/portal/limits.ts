// Rate limits of the portal's forms and public pages, per address. Generous enough for a person
// who mistypes; tight enough that guessing tokens or tracking codes, or flooding someone's
// mailbox, gets nowhere (the mail itself is also limited per account).
import { AppError } from '../../domain/errors.ts';

const per = (max: number, timeWindow: string) => ({ rateLimit: { max, timeWindow } });

export const limit = {
  register: per(30, '10 minutes'),
  reset: per(10, '10 minutes'),
  resend: per(5, '10 minutes'),
  token: per(30, '10 minutes'),
  track: per(30, '1 minute'),
  complaint: per(10, '10 minutes'),
  upload: per(120, '10 minutes'),
};

export const rateLimited = () => new AppError('rate_limited', 429, {
  id: 'Terlalu banyak permintaan dari alamat Anda. Tunggu beberapa menit, lalu coba lagi.',
  en: 'Too many requests from your address. Wait a few minutes, then try again.',
});
