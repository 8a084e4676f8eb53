// Interface words in Indonesian (default) and English. Service content stays as the office
// wrote it, in Indonesian.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../domain/errors.ts';

const words = {
  appName: { id: 'satupintu', en: 'satupintu' },
  tagline: { id: 'Layanan perizinan terpadu satu pintu', en: 'One-stop permit services' },
  skip: { id: 'Langsung ke isi', en: 'Skip to content' },
  home: { id: 'Beranda', en: 'Home' },
  offices: { id: 'Kantor layanan', en: 'Service offices' },
  services: { id: 'Layanan', en: 'Services' },
  noServices: { id: 'Belum ada layanan.', en: 'No services yet.' },
  serviceHours: { id: 'Jam pelayanan', en: 'Service hours' },
  address: { id: 'Alamat', en: 'Address' },
  timeZone: { id: 'Zona waktu', en: 'Time zone' },
  otherLanguage: { id: 'English', en: 'Bahasa Indonesia' },
  notFoundTitle: { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  notFoundBody: { id: 'Alamat yang Anda buka tidak ada. Periksa kembali alamatnya, atau kembali ke beranda.', en: 'The address you opened does not exist. Check it, or go back to the home page.' },
  errorTitle: { id: 'Terjadi kesalahan', en: 'Something went wrong' },
  errorBody: { id: 'Permintaan Anda tidak dapat diproses. Silakan coba lagi beberapa saat lagi.', en: 'Your request could not be processed. Please try again shortly.' },
  legalBasis: { id: 'Dasar hukum', en: 'Legal basis' },
  requirements: { id: 'Persyaratan', en: 'Requirements' },
  applicationType: { id: 'Jenis permohonan', en: 'Application type' },
  allTypes: { id: 'Semua jenis', en: 'All types' },
  show: { id: 'Tampilkan', en: 'Show' },
  procedure: { id: 'Sistem, mekanisme dan prosedur', en: 'System, mechanism and procedure' },
  serviceTime: { id: 'Jangka waktu penyelesaian', en: 'Service time' },
  fee: { id: 'Biaya/tarif', en: 'Fee' },
  product: { id: 'Produk pelayanan', en: 'Product' },
  validity: { id: 'Masa berlaku', en: 'Validity' },
  complaints: { id: 'Penanganan pengaduan, saran dan masukan', en: 'Complaints, suggestions and feedback' },
  facilities: { id: 'Sarana, prasarana dan/atau fasilitas', en: 'Facilities' },
  competence: { id: 'Kompetensi pelaksana', en: 'Staff competence' },
  internalControl: { id: 'Pengawasan internal', en: 'Internal control' },
  staffCount: { id: 'Jumlah pelaksana', en: 'Number of staff' },
  serviceGuarantee: { id: 'Jaminan pelayanan', en: 'Service guarantee' },
  securityGuarantee: { id: 'Jaminan keamanan dan keselamatan pelayanan', en: 'Security and safety guarantee' },
  evaluation: { id: 'Evaluasi kinerja pelaksana', en: 'Performance evaluation' },
  documentControl: { id: 'Identitas dokumen', en: 'Document control' },
  sopNumber: { id: 'Nomor SOP', en: 'SOP number' },
  revision: { id: 'Revisi', en: 'Revision' },
  effectiveOn: { id: 'Tanggal efektif', en: 'Effective date' },
  approvedBy: { id: 'Disahkan oleh', en: 'Approved by' },
  version: { id: 'Versi definisi', en: 'Definition version' },
  step: { id: 'Langkah', en: 'Step' },
  actor: { id: 'Pelaksana', en: 'Actor' },
  time: { id: 'Waktu', en: 'Time' },
  output: { id: 'Output', en: 'Output' },
  completeness: { id: 'Kelengkapan', en: 'Completeness' },
  note: { id: 'Keterangan', en: 'Note' },
  outcomes: { id: 'Kemungkinan hasil', en: 'Possible outcomes' },
  onlyWhen: { id: 'Hanya jika', en: 'Only if' },
  onlyFor: { id: 'Hanya untuk', en: 'Only for' },
  optional: { id: 'jika ada', en: 'if any' },
  free: { id: 'Gratis', en: 'Free' },
  clockStarts: { id: 'Waktu dihitung sejak', en: 'Counted from' },
  notTracked: { id: 'di luar sistem', en: 'outside the system' },
  backToApplicant: { id: 'kembali ke pemohon, lalu lanjut ke langkah', en: 'back to the applicant, then on to step' },
  goTo: { id: 'ke langkah', en: 'to step' },
  endCompleted: { id: 'selesai', en: 'done' },
  endRejected: { id: 'permohonan ditolak', en: 'application rejected' },
  days: { id: 'hari', en: 'days' },
  documents: { id: 'Dokumen SOP', en: 'SOP documents' },
  apiLink: { id: 'Data ini dalam JSON', en: 'This data as JSON' },
} as const;

export type WordKey = keyof typeof words;
export type T = (key: WordKey) => string;

export function translator(lang: Language): T {
  return (key) => words[key][lang];
}

export const applicationTypeLabel = { baru: { id: 'Baru', en: 'New' }, perpanjangan: { id: 'Perpanjangan', en: 'Renewal' }, perubahan: { id: 'Perubahan', en: 'Change' } } as const;
export const requirementKindLabel = {
  upload: { id: 'unggah dokumen', en: 'document upload' },
  form_field: { id: 'isian formulir', en: 'form field' },
  materai_statement: { id: 'surat pernyataan bermaterai', en: 'statement on duty stamp (materai)' },
  counter: { id: 'ditunjukkan/diserahkan di loket', en: 'shown or handed in at the counter' },
} as const;
export const unitLabel = {
  minutes: { id: 'menit', en: 'minutes' },
  hours: { id: 'jam', en: 'hours' },
  working_hours: { id: 'jam kerja', en: 'working hours' },
  working_days: { id: 'hari kerja', en: 'working days' },
  calendar_days: { id: 'hari kalender', en: 'calendar days' },
} as const;
export const clockStartLabel = {
  submission: { id: 'permohonan diterima', en: 'the application is received' },
  complete_file: { id: 'berkas dinyatakan lengkap', en: 'the file is complete' },
  technical_recommendation: { id: 'rekomendasi teknis diterima', en: 'the technical recommendation is received' },
} as const;
export const weekdayLabel: Record<number, { id: string; en: string }> = {
  1: { id: 'Senin', en: 'Monday' }, 2: { id: 'Selasa', en: 'Tuesday' }, 3: { id: 'Rabu', en: 'Wednesday' },
  4: { id: 'Kamis', en: 'Thursday' }, 5: { id: 'Jumat', en: 'Friday' }, 6: { id: 'Sabtu', en: 'Saturday' }, 7: { id: 'Minggu', en: 'Sunday' },
};

// ?lang=en switches and remembers the choice in a cookie; Indonesian otherwise.
export function languageOf(request: FastifyRequest, reply?: FastifyReply): Language {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const asked = query.lang;
  if (asked === 'en' || asked === 'id') {
    reply?.header('set-cookie', `lang=${asked}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`);
    return asked;
  }
  const cookie = request.headers.cookie ?? '';
  return /(?:^|;\s*)lang=en(?:;|$)/.test(cookie) ? 'en' : 'id';
}
