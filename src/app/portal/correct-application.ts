// Answering a return for correction from the portal: the applicant replaces the files the office
// asked about (only those), then sends the case back through the engine's resubmitApplication.
import { AppError } from '../../domain/errors.ts';
import type { Requirement } from '../../domain/definition/schema.ts';
import type { Storage } from '../../infra/storage/storage.ts';
import type { Db } from '../transaction.ts';
import type { Actor } from '../workflow/actor.ts';
import { resubmitApplication } from '../workflow/resubmit-application.ts';
import { needsFile } from './application-draft.ts';
import { getApplicantCase, type ApplicantCase } from './applicant-case.ts';
import { storeRequirementFile, type FileLimits, type Upload } from './requirement-files.ts';

export const notWaiting = () => new AppError('not_waiting_on_applicant', 409, {
  id: 'Permohonan ini tidak sedang menunggu perbaikan dari Anda, jadi tidak ada yang perlu dikirim ulang. Lihat keadaannya di halaman permohonan.',
  en: 'This application is not waiting for a correction from you, so there is nothing to send again. See where it stands on its page.',
});

// The requirements the applicant may send new files for: those named in the return's notes, or
// every file requirement of the case when the return named none.
export function correctableRequirements(ac: ApplicantCase): Requirement[] {
  if (ac.view.status !== 'waiting_applicant') return [];
  const named = new Set(ac.lastReturn?.corrections.map((c) => c.requirementId) ?? []);
  const withFiles = ac.requirements.filter(needsFile);
  return named.size > 0 ? withFiles.filter((r) => named.has(r.id)) : withFiles;
}

// Corrections that still wait for a new file (uploaded after the return).
export function pendingCorrections(ac: ApplicantCase): Requirement[] {
  if (!ac.lastReturn || ac.lastReturn.corrections.length === 0) return [];
  const since = new Date(ac.lastReturn.at).getTime();
  return correctableRequirements(ac).filter((r) => !ac.files.some((f) => f.requirementId === r.id && f.uploadedAt.getTime() >= since));
}

export async function replaceCaseFile(db: Db, storage: Storage, limits: FileLimits, actor: Actor & { kind: 'applicant' }, caseId: string, requirementId: string, upload: Upload, now: Date): Promise<void> {
  const ac = await getApplicantCase(db, actor, caseId, now);
  if (ac.view.status !== 'waiting_applicant') throw notWaiting();
  if (!correctableRequirements(ac).some((r) => r.id === requirementId)) {
    throw new AppError('not_asked_to_correct', 404, { id: 'Berkas ini tidak diminta untuk diperbaiki.', en: 'This file was not asked to be corrected.' });
  }
  await storeRequirementFile(db, storage, limits, { kind: 'case', caseId: ac.view.id }, requirementId, upload, actor.userId, now);
}

export async function resubmitCorrected(db: Db, actor: Actor & { kind: 'applicant' }, caseId: string, note: string, now: Date) {
  const ac = await getApplicantCase(db, actor, caseId, now);
  if (ac.view.status !== 'waiting_applicant') throw notWaiting();
  const pending = pendingCorrections(ac);
  if (pending.length > 0) {
    const names = pending.map((r) => r.text).join('; ');
    throw new AppError('corrections_missing', 400, { id: `Unggah berkas perbaikan dulu untuk: ${names}`, en: `Upload the corrected files first for: ${names}` });
  }
  const since = ac.lastReturn ? new Date(ac.lastReturn.at).getTime() : 0;
  const replaced = ac.requirements.filter((r) => ac.files.some((f) => f.requirementId === r.id && f.uploadedAt.getTime() >= since)).map((r) => r.text);
  const text = [replaced.length ? `Berkas perbaikan: ${replaced.join('; ')}` : '', note.trim()].filter(Boolean).join('\n');
  // The engine checks again, on the case as it is when it writes, that it waits on the applicant.
  return resubmitApplication(db, actor, ac.view.id, text || undefined, now).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_waiting_on_applicant') throw notWaiting();
    throw err;
  });
}
