// The four seed flows as the benchmark drives them: the choreography that
// test/integration/workflow-seeds.test.ts proves (every role acting in turn, with the return
// loops the SOPs describe, checked against hand-computed 2026 dues) replays from here. A run replays each flow at a new
// submission instant; every action keeps its distance in time from the submission, so the
// working-day clock computes real dues across evenings, weekends, holidays and cuti bersama.
import type { StepAction } from '../src/domain/workflow/interpreter.ts';
import type { SubmitApplicationInput } from '../src/app/workflow/submit-application.ts';

export type Expect = number | 'applicant' | 'completed' | 'rejected';

export type Move =
  | { who: string; action: StepAction; at: string; outcome?: string; reason?: string; recommendation?: boolean; expect: Expect }
  | { who: string; action: 'resubmit'; at: string; expect: number };

export interface Flow {
  name: string;
  office: string;
  service: string;
  submitAt: string;
  submit: Partial<SubmitApplicationInput>;
  firstStep: number;
  moves: Move[];
}

export const APPLICANT = 'pemohon.demo';

export const PERSON: SubmitApplicationInput['applicant'] = {
  kind: 'person', name: 'Siti Rahmawati', nik: '6472015708900003', phone: '081234567890', email: 'siti@example.test',
};

// Kaltim — Izin Laboratorium Klinik (seed 000): a correction round with the applicant and a
// draft sent back from the kabid. 1 submit + 17 actions.
export const lab: Flow = {
  name: 'kaltim/izin-laboratorium-klinik',
  office: 'kaltim',
  service: 'izin-laboratorium-klinik',
  submitAt: '2026-03-09T01:00:00Z',
  submit: {},
  firstStep: 4,
  moves: [
    { who: 'kaltim.petugas-cs', action: 'decide', outcome: 'lengkap', at: '2026-03-09T01:30:00Z', expect: 6 },
    { who: 'kaltim.petugas-loket-pendaftaran', action: 'complete', at: '2026-03-09T02:00:00Z', expect: 7 },
    { who: 'kaltim.verifikator', action: 'decide', outcome: 'tidak-lengkap', reason: 'Denah bangunan belum ada', at: '2026-03-09T03:00:00Z', expect: 8 },
    { who: 'kaltim.petugas-penghubung', action: 'complete', at: '2026-03-09T04:00:00Z', expect: 'applicant' },
    { who: APPLICANT, action: 'resubmit', at: '2026-03-10T01:00:00Z', expect: 7 },
    { who: 'kaltim.verifikator', action: 'decide', outcome: 'lengkap', at: '2026-03-10T02:00:00Z', expect: 9 },
    { who: 'kaltim.petugas-penghubung', action: 'complete', at: '2026-03-10T03:00:00Z', expect: 10 },
    { who: 'kaltim.tim-teknis-dinkes', action: 'record-recommendation', outcome: 'direkomendasikan', recommendation: true, at: '2026-03-13T02:00:00Z', expect: 11 },
    { who: 'kaltim.petugas-administrasi', action: 'complete', at: '2026-03-16T02:00:00Z', expect: 12 },
    { who: 'kaltim.kasi-layanan', action: 'paraf', at: '2026-03-16T03:00:00Z', expect: 13 },
    { who: 'kaltim.kabid-layanan', action: 'return', outcome: 'perbaiki-draf', reason: 'Nama penanggung jawab salah ketik', at: '2026-03-16T04:00:00Z', expect: 11 },
    { who: 'kaltim.petugas-administrasi', action: 'complete', at: '2026-03-16T05:00:00Z', expect: 12 },
    { who: 'kaltim.kasi-layanan', action: 'paraf', at: '2026-03-16T06:00:00Z', expect: 13 },
    { who: 'kaltim.kabid-layanan', action: 'paraf', at: '2026-03-16T07:00:00Z', expect: 14 },
    { who: 'kaltim.kepala-dinas', action: 'sign', at: '2026-03-17T02:00:00Z', expect: 15 },
    { who: 'kaltim.petugas-tata-usaha', action: 'number', at: '2026-03-17T03:00:00Z', expect: 16 },
    { who: 'kaltim.petugas-loket-pengambilan', action: 'handover', at: '2026-03-25T02:00:00Z', expect: 'completed' },
  ],
};

// Kaltim — Izin Penyalur Alat Kesehatan (seed 002): conditional requirements, the customer
// service loop 4 → 5 → 4. 1 submit + 13 actions.
export const alkes: Flow = {
  name: 'kaltim/izin-penyalur-alat-kesehatan',
  office: 'kaltim',
  service: 'izin-penyalur-alat-kesehatan',
  submitAt: '2026-03-09T01:00:00Z',
  submit: {
    answers: { pma: true, elektromedik: true },
    applicant: { kind: 'company', name: 'Budi Santoso', companyName: 'PT Alkes Borneo Sejahtera', nib: '9120301234567', npwp: '01.234.567.8-722.000' },
  },
  firstStep: 4,
  moves: [
    { who: 'kaltim.petugas-cs', action: 'decide', outcome: 'perlu-bantuan', at: '2026-03-09T01:10:00Z', expect: 5 },
    { who: 'kaltim.petugas-cs', action: 'complete', at: '2026-03-09T01:40:00Z', expect: 4 },
    { who: 'kaltim.petugas-cs', action: 'decide', outcome: 'lengkap', at: '2026-03-09T01:50:00Z', expect: 6 },
    { who: 'kaltim.petugas-loket-pendaftaran', action: 'complete', at: '2026-03-09T02:00:00Z', expect: 7 },
    { who: 'kaltim.verifikator', action: 'decide', outcome: 'lengkap', at: '2026-03-09T02:10:00Z', expect: 9 },
    { who: 'kaltim.petugas-penghubung', action: 'complete', at: '2026-03-09T02:20:00Z', expect: 10 },
    { who: 'kaltim.tim-teknis-dinkes', action: 'record-recommendation', outcome: 'direkomendasikan-dengan-syarat', recommendation: true, at: '2026-03-13T02:00:00Z', expect: 11 },
    { who: 'kaltim.petugas-administrasi', action: 'complete', at: '2026-03-16T01:00:00Z', expect: 12 },
    { who: 'kaltim.kasi-layanan', action: 'paraf', at: '2026-03-16T02:00:00Z', expect: 13 },
    { who: 'kaltim.kabid-layanan', action: 'paraf', at: '2026-03-16T03:00:00Z', expect: 14 },
    { who: 'kaltim.kepala-dinas', action: 'sign', at: '2026-03-16T04:00:00Z', expect: 15 },
    { who: 'kaltim.petugas-tata-usaha', action: 'number', at: '2026-03-16T05:00:00Z', expect: 16 },
    { who: 'kaltim.petugas-loket-pengambilan', action: 'handover', at: '2026-03-17T01:00:00Z', expect: 'completed' },
  ],
};

// Pekanbaru — SIPATLM (seed 003): an incomplete file back to the applicant, then the paraf
// chain with a draft sent back by the sekretaris. 1 submit + 14 actions.
export const sipatlm: Flow = {
  name: 'pekanbaru/sipatlm',
  office: 'pekanbaru',
  service: 'sipatlm',
  submitAt: '2026-03-16T02:00:00Z',
  submit: { applicationType: 'perpanjangan' },
  firstStep: 2,
  moves: [
    { who: 'pekanbaru.front-office', action: 'decide', outcome: 'tidak-lengkap', reason: 'STR belum dilegalisir', at: '2026-03-16T02:30:00Z', expect: 'applicant' },
    { who: APPLICANT, action: 'resubmit', at: '2026-03-17T02:00:00Z', expect: 2 },
    { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: '2026-03-17T02:30:00Z', expect: 3 },
    { who: 'pekanbaru.back-office', action: 'complete', at: '2026-03-17T03:00:00Z', expect: 4 },
    { who: 'pekanbaru.analis-kebijakan-ahli-muda', action: 'paraf', at: '2026-03-17T03:10:00Z', expect: 5 },
    { who: 'pekanbaru.analis-kebijakan-ahli-madya', action: 'paraf', at: '2026-03-17T03:20:00Z', expect: 6 },
    { who: 'pekanbaru.sekretaris', action: 'return', outcome: 'perbaiki-draf', reason: 'Tanggal lahir tidak sesuai STR', at: '2026-03-17T03:30:00Z', expect: 3 },
    { who: 'pekanbaru.back-office', action: 'complete', at: '2026-03-17T04:00:00Z', expect: 4 },
    { who: 'pekanbaru.analis-kebijakan-ahli-muda', action: 'paraf', at: '2026-03-17T04:10:00Z', expect: 5 },
    { who: 'pekanbaru.analis-kebijakan-ahli-madya', action: 'paraf', at: '2026-03-17T04:20:00Z', expect: 6 },
    { who: 'pekanbaru.sekretaris', action: 'paraf', at: '2026-03-17T04:30:00Z', expect: 7 },
    { who: 'pekanbaru.kepala-dinas', action: 'sign', at: '2026-03-25T02:00:00Z', expect: 8 },
    { who: 'pekanbaru.back-office', action: 'number', at: '2026-03-25T02:10:00Z', expect: 9 },
    { who: 'pekanbaru.front-office', action: 'handover', at: '2026-03-25T03:00:00Z', expect: 'completed' },
  ],
};

// Bombana — Izin Praktek Perekam Medis (seed 004): a return to the applicant, a draft cover
// letter sent back, the technical consideration and the paraf chain. 1 submit + 22 actions.
export const bombana: Flow = {
  name: 'bombana/izin-praktek-perekam-medis',
  office: 'bombana',
  service: 'izin-praktek-perekam-medis',
  submitAt: '2026-05-04T01:00:00Z',
  submit: {},
  firstStep: 2,
  moves: [
    { who: 'bombana.front-office', action: 'complete', at: '2026-05-04T01:10:00Z', expect: 3 },
    { who: 'bombana.back-office', action: 'decide', outcome: 'tidak-lengkap', reason: 'Surat keterangan sehat belum ada', at: '2026-05-04T01:30:00Z', expect: 'applicant' },
    { who: APPLICANT, action: 'resubmit', at: '2026-05-05T01:00:00Z', expect: 2 },
    { who: 'bombana.front-office', action: 'complete', at: '2026-05-05T01:10:00Z', expect: 3 },
    { who: 'bombana.back-office', action: 'decide', outcome: 'lengkap', at: '2026-05-05T01:20:00Z', expect: 4 },
    { who: 'bombana.back-office', action: 'complete', at: '2026-05-05T01:30:00Z', expect: 5 },
    { who: 'bombana.back-office', action: 'complete', at: '2026-05-05T02:00:00Z', expect: 6 },
    { who: 'bombana.kabid-pelayanan', action: 'return', outcome: 'perbaiki-draf', reason: 'Alamat Dinas Kesehatan keliru', at: '2026-05-05T02:30:00Z', expect: 5 },
    { who: 'bombana.back-office', action: 'complete', at: '2026-05-05T03:00:00Z', expect: 6 },
    { who: 'bombana.kabid-pelayanan', action: 'paraf', at: '2026-05-05T03:10:00Z', expect: 7 },
    { who: 'bombana.kepala-dinas', action: 'sign', at: '2026-05-05T03:20:00Z', expect: 8 },
    { who: 'bombana.back-office', action: 'complete', at: '2026-05-05T03:30:00Z', expect: 9 },
    { who: 'bombana.tim-teknis-dinkes', action: 'record-recommendation', outcome: 'direkomendasikan', recommendation: true, at: '2026-05-06T01:00:00Z', expect: 10 },
    { who: 'bombana.kepala-dinas', action: 'complete', at: '2026-05-06T02:00:00Z', expect: 11 },
    { who: 'bombana.kabid-pelayanan', action: 'complete', at: '2026-05-06T02:10:00Z', expect: 12 },
    { who: 'bombana.back-office', action: 'complete', at: '2026-05-06T02:20:00Z', expect: 13 },
    { who: 'bombana.kepala-seksi', action: 'paraf', at: '2026-05-06T02:30:00Z', expect: 14 },
    { who: 'bombana.kabid-pelayanan', action: 'paraf', at: '2026-05-06T02:40:00Z', expect: 15 },
    { who: 'bombana.sekretaris-dinas', action: 'paraf', at: '2026-05-06T02:50:00Z', expect: 16 },
    { who: 'bombana.kepala-dinas', action: 'sign', at: '2026-05-07T01:00:00Z', expect: 17 },
    { who: 'bombana.staf-sekretariat', action: 'number', at: '2026-05-07T01:10:00Z', expect: 18 },
    { who: 'bombana.front-office', action: 'handover', at: '2026-05-07T02:00:00Z', expect: 'completed' },
  ],
};

export const SEED_FLOWS: readonly Flow[] = [lab, alkes, sipatlm, bombana];

// SIPATLM straight through, no return: the flow compared with the 10-task BPMN process.
// 1 submit + 8 actions = 9 transitions, one per step 2…9 plus the case's creation.
export const SIPATLM_STRAIGHT: Flow = {
  name: 'pekanbaru/sipatlm (straight)',
  office: 'pekanbaru',
  service: 'sipatlm',
  submitAt: '2026-03-17T02:00:00Z',
  submit: { applicationType: 'perpanjangan' },
  firstStep: 2,
  moves: [
    { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: '2026-03-17T02:30:00Z', expect: 3 },
    { who: 'pekanbaru.back-office', action: 'complete', at: '2026-03-17T03:00:00Z', expect: 4 },
    { who: 'pekanbaru.analis-kebijakan-ahli-muda', action: 'paraf', at: '2026-03-17T03:10:00Z', expect: 5 },
    { who: 'pekanbaru.analis-kebijakan-ahli-madya', action: 'paraf', at: '2026-03-17T03:20:00Z', expect: 6 },
    { who: 'pekanbaru.sekretaris', action: 'paraf', at: '2026-03-17T04:30:00Z', expect: 7 },
    { who: 'pekanbaru.kepala-dinas', action: 'sign', at: '2026-03-25T02:00:00Z', expect: 8 },
    { who: 'pekanbaru.back-office', action: 'number', at: '2026-03-25T02:10:00Z', expect: 9 },
    { who: 'pekanbaru.front-office', action: 'handover', at: '2026-03-25T03:00:00Z', expect: 'completed' },
  ],
};

export const transitionsOf = (flow: Flow): number => 1 + flow.moves.length;

export const usernamesOf = (flows: readonly Flow[]): string[] => [...new Set([APPLICANT, ...flows.flatMap((f) => f.moves.map((m) => m.who))])];

// The simulated clock of one client: where its next application is submitted. Applications
// come in every 2 h 10 min during the working morning and afternoon (01:00–08:00 UTC, i.e.
// 08:00–15:00 WIB / 09:00–16:00 WITA), on weekdays; then the next weekday. Clients start on
// different days of 2025–2026 (the years the seeded national calendar covers) and wrap
// around before the end of 2026, so the longest flow (16 days) stays inside the calendar.
const DAY = 86_400_000;
const FIRST = Date.UTC(2025, 0, 6, 1, 0);
const LAST = Date.UTC(2026, 10, 30);

export function submissionClock(client: number): () => number {
  let next = FIRST + (client * 23) % 600 * DAY;
  return () => {
    const now = next;
    next += 130 * 60_000;
    if (new Date(next).getUTCHours() >= 8) {
      next = Math.floor(next / DAY) * DAY + DAY + 3_600_000;
      while ([0, 6].includes(new Date(next).getUTCDay())) next += DAY;
    }
    if (next > LAST) next = FIRST;
    return now;
  };
}
