// Who a permit or letter is about: a person (a health worker's practice permit) or a company
// (a distributor's business permit), and the rows that identify them on paper. A person's NIK is
// only ever printed masked.
import { formatIndonesianDate } from './indonesian-date.ts';
import { maskNik } from './personal-data.ts';

export interface PersonHolder {
  kind: 'person';
  name: string;
  // The full NIK; documents print it masked except its last four digits.
  nik: string;
  birthPlace?: string;
  // 'YYYY-MM-DD'
  birthDate?: string;
  address: string;
  // e.g. "Ahli Teknologi Laboratorium Medik"
  profession?: string;
}

export interface CompanyHolder {
  kind: 'company';
  name: string;
  // Nomor Induk Berusaha (a business number, not personal data).
  nib: string;
  address: string;
  // Penanggung jawab (technical lead or director), e.g. "Apt. Rina Kartika, S.Farm."
  responsiblePerson?: string;
}

export type Holder = PersonHolder | CompanyHolder;

export interface Row {
  label: string;
  value: string;
  bold?: boolean;
}

export function holderRows(h: Holder): Row[] {
  if (h.kind === 'company') {
    return [
      { label: 'Nama perusahaan', value: h.name, bold: true },
      { label: 'NIB', value: h.nib },
      { label: 'Alamat', value: h.address },
      ...(h.responsiblePerson ? [{ label: 'Penanggung jawab', value: h.responsiblePerson }] : []),
    ];
  }
  const birth = [h.birthPlace, h.birthDate ? formatIndonesianDate(h.birthDate) : undefined].filter(Boolean).join(', ');
  return [
    { label: 'Nama', value: h.name, bold: true },
    { label: 'NIK', value: maskNik(h.nik) },
    ...(birth ? [{ label: 'Tempat, tanggal lahir', value: birth }] : []),
    { label: 'Alamat', value: h.address },
    ...(h.profession ? [{ label: 'Profesi', value: h.profession }] : []),
  ];
}
