// What the portal accepts as a document: PDF, JPEG or PNG, judged by the file's first bytes
// (never by its name or the type the browser declares), not empty, within the size limits,
// and — for a PDF — one that opens. Every refusal says what is wrong and what to do.
import { PDFDocument } from 'pdf-lib';
import { AppError, type ErrorMessage } from '../../domain/errors.ts';

export type MediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const MEDIA_LABEL: Record<MediaType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

// Programs and scripts, whatever they are named: Windows (MZ), Linux (ELF), macOS (Mach-O),
// Java classes and shell scripts.
export function looksExecutable(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x4d, 0x5a]) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe])
    || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce])
    || startsWith(bytes, [0x23, 0x21]);
}

const mb = (bytes: number) => {
  const v = bytes / (1024 * 1024);
  return Number.isInteger(v) ? String(v) : v.toFixed(1).replace('.', ',');
};
const mbEn = (bytes: number) => {
  const v = bytes / (1024 * 1024);
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
};

const refusal = (code: string, message: ErrorMessage, status = 422) => new AppError(code, status, message);

export const fileRefusals = {
  missing: () => refusal('file_missing', { id: 'Pilih berkas yang akan diunggah.', en: 'Choose a file to upload.' }, 400),
  empty: () => refusal('file_empty', {
    id: 'Berkas yang Anda pilih kosong (0 byte). Pilih berkas yang berisi dokumen Anda, lalu unggah lagi.',
    en: 'The file you chose is empty (0 bytes). Choose the file that holds your document and upload it again.',
  }),
  tooLarge: (limit: number) => refusal('file_too_large', {
    id: `Berkas lebih besar dari ${mb(limit)} MB. Perkecil ukurannya, misalnya pindai ulang dengan resolusi lebih rendah atau simpan sebagai PDF yang dikompres, lalu unggah lagi.`,
    en: `The file is larger than ${mbEn(limit)} MB. Make it smaller, for example by scanning at a lower resolution or saving a compressed PDF, then upload it again.`,
  }, 413),
  applicationTooLarge: (limit: number) => refusal('application_too_large', {
    id: `Jumlah ukuran semua berkas permohonan ini akan melebihi ${mb(limit)} MB. Perkecil ukuran berkas ini atau berkas lain yang sudah diunggah, lalu unggah lagi.`,
    en: `All the files of this application together would exceed ${mbEn(limit)} MB. Make this file or another uploaded file smaller, then upload it again.`,
  }, 413),
  executable: () => refusal('file_executable', {
    id: 'Berkas ini adalah program komputer, bukan dokumen, walaupun namanya seperti dokumen. Unggah pindaian atau foto dokumen Anda dalam bentuk PDF, JPG atau PNG.',
    en: 'This file is a computer program, not a document, even if its name looks like one. Upload a scan or photo of your document as a PDF, JPG or PNG.',
  }),
  unsupported: () => refusal('file_type_not_accepted', {
    id: 'Jenis berkas ini tidak diterima. Simpan dokumen Anda sebagai PDF, JPG atau PNG, lalu unggah lagi.',
    en: 'This type of file is not accepted. Save your document as a PDF, JPG or PNG, then upload it again.',
  }),
  brokenPdf: () => refusal('pdf_unreadable', {
    id: 'Berkas PDF ini rusak atau tidak dapat dibuka. Buka berkas itu di komputer Anda untuk memeriksanya, simpan ulang atau pindai ulang sebagai PDF, lalu unggah lagi.',
    en: 'This PDF is damaged or cannot be opened. Open it on your computer to check it, save or scan it again as a PDF, then upload it again.',
  }),
};

// Throws the refusal for a file the portal will not keep; returns its real type otherwise.
export async function judgeFile(bytes: Uint8Array, maxFileBytes: number): Promise<MediaType> {
  if (bytes.byteLength === 0) throw fileRefusals.empty();
  if (bytes.byteLength > maxFileBytes) throw fileRefusals.tooLarge(maxFileBytes);
  if (looksExecutable(bytes)) throw fileRefusals.executable();
  const type = sniffMediaType(bytes);
  if (!type) throw fileRefusals.unsupported();
  if (type === 'application/pdf') {
    try {
      const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
      if (pdf.getPageCount() < 1) throw new Error('no pages');
    } catch {
      throw fileRefusals.brokenPdf();
    }
  }
  return type;
}

// A name safe to keep and to send back in a header: no folders, no control characters, not
// too long; the extension follows the real type.
export function cleanFileName(raw: string | undefined, type: MediaType): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').trim().slice(0, 150);
  const ext = type === 'application/pdf' ? '.pdf' : type === 'image/png' ? '.png' : '.jpg';
  const stem = cleaned.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'berkas';
  return `${stem}${ext}`;
}
