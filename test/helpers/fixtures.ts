import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const definitionsDir = `${root}definitions`;
export const seedsDir = `${root}../shared/seeds`;

export const SEEDS = [
  { file: 'kaltim/izin-laboratorium-klinik.yaml', seed: '000_d2090dec87e95277.txt', requirements: 14, steps: 17 },
  { file: 'kaltim/izin-penyalur-alat-kesehatan.yaml', seed: '002_bdcf78f3007f6816.txt', requirements: 33, steps: 17 },
  { file: 'pekanbaru/sipatlm.yaml', seed: '003_ceea05cc75dfb6cf.txt', requirements: 11, steps: 9 },
  { file: 'bombana/izin-praktek-perekam-medis.yaml', seed: '004_eb364992f8f397e0.txt', requirements: 11, steps: 18 },
] as const;

export const readDefinitionSource = (file: string) => readFileSync(`${definitionsDir}/${file}`, 'utf8');

// A small, valid definition for rule tests, edited per test through `mutate`. Tests poke at
// arbitrary nested fields to break them, hence the loose type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
export function minimalDefinition(mutate?: (d: Loose) => void): string {
  const d: Loose = {
    schemaVersion: 1,
    office: 'contoh',
    slug: 'izin-contoh',
    name: 'Izin Contoh',
    standard: {
      legalBasis: ['Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik'],
      fee: { amount: 0, text: 'Gratis' },
      product: 'Surat Izin Contoh',
      complaints: { channels: [{ kind: 'kotak_saran', label: 'Kotak saran' }] },
    },
    applicationTypes: ['baru'],
    requirements: [{ id: 'ktp', text: 'Fotokopi KTP' }],
    roles: [
      { id: 'pemohon', name: 'Pemohon', kind: 'applicant' },
      { id: 'petugas', name: 'Petugas', positions: ['petugas'] },
      { id: 'kadis', name: 'Kepala Dinas', positions: ['kepala-dinas'] },
    ],
    steps: [
      { no: 1, actor: 'pemohon', kind: 'applicant', title: 'Mengajukan', activity: 'Pemohon mengajukan permohonan' },
      {
        no: 2, actor: 'petugas', kind: 'decision', title: 'Memeriksa', activity: 'Petugas memeriksa berkas', effort: { min: 5, max: 15, unit: 'minutes' },
        outcomes: [
          { id: 'lengkap', label: 'Lengkap', to: 3 },
          { id: 'tidak-lengkap', label: 'Tidak lengkap', to: { applicant: { resumeAt: 2 } } },
        ],
      },
      { no: 3, actor: 'kadis', kind: 'sign', title: 'Menandatangani', activity: 'Kepala Dinas menandatangani izin', next: { end: 'completed' } },
    ],
    serviceTime: { length: 2, unit: 'working_days', clockStart: 'complete_file', clockStartStep: 3, text: '2 hari kerja' },
    permit: { template: 'izin-standar', title: 'Surat Izin Contoh', numbering: { series: 'contoh', pattern: '503/{seq:4}/{year}' }, validity: { kind: 'years', years: 5 } },
  };
  mutate?.(d);
  return stringify(d);
}

export const yamlParse = parse;
