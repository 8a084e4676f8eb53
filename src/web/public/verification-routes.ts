// /verifikasi: anyone may check a permit by its code, and compare a PDF with the issued one.
// Rate-limited, since codes must not be guessable by trying.
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { compareWithIssued, normalizeVerificationCode, permitNotFound, verifyPermit } from '../../app/permits/verify-permit.ts';
import type { Db } from '../../app/transaction.ts';
import { AppError } from '../../domain/errors.ts';
import { languageOf } from '../i18n.ts';
import { render } from '../layout.ts';
import { verificationFormPage, verificationPage } from './verification-pages.ts';

const MAX_UPLOAD = 20 * 1024 * 1024;

export async function registerVerificationRoutes(app: FastifyInstance, db: Db, now: () => Date, limitPerMinute = 30): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      max: limitPerMinute,
      timeWindow: '1 minute',
      errorResponseBuilder: () => new AppError('rate_limited', 429, { id: 'Terlalu banyak permintaan. Coba lagi dalam satu menit.', en: 'Too many requests. Try again in a minute.' }),
    });
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 2 } });

    scope.get('/verifikasi', async (req, reply) => reply.type('text/html; charset=utf-8').send(await render(verificationFormPage(languageOf(req, reply)))));

    scope.get<{ Querystring: { kode?: string } }>('/verifikasi/cari', async (req, reply) => {
      const code = normalizeVerificationCode(String(req.query.kode ?? ''));
      if (!code) throw permitNotFound();
      return reply.redirect(`/verifikasi/${code}`, 303);
    });

    scope.get<{ Params: { code: string } }>('/verifikasi/:code', async (req, reply) => {
      const lang = languageOf(req, reply);
      const v = await verifyPermit(db, req.params.code, now());
      return reply.type('text/html; charset=utf-8').send(await render(verificationPage(lang, v)));
    });

    scope.get<{ Params: { code: string } }>('/api/v1/verifikasi/:code', async (req) => verifyPermit(db, req.params.code, now()));

    scope.post<{ Params: { code: string } }>('/verifikasi/:code/periksa', async (req, reply) => {
      const lang = languageOf(req, reply);
      const v = await verifyPermit(db, req.params.code, now());
      const file = await req.file().catch(() => undefined);
      if (!file) throw new AppError('file_required', 400, { id: 'Pilih berkas PDF yang akan dibandingkan.', en: 'Choose the PDF file to compare.' });
      const bytes = await file.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('file_too_large', 413, { id: 'Berkas terlalu besar (maks. 20 MB).', en: 'The file is too large (max. 20 MB).' });
        throw err;
      });
      if (bytes.length < 5 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new AppError('not_a_pdf', 422, { id: 'Berkas ini bukan PDF. Unggah berkas PDF izin Anda.', en: 'This file is not a PDF. Upload your permit PDF.' });
      }
      const comparison = await compareWithIssued(db, v.code, bytes);
      return reply.type('text/html; charset=utf-8').send(await render(verificationPage(lang, v, comparison)));
    });
  });
}
