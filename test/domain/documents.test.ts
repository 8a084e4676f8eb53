// The pure parts of the documents: Indonesian dates in an office's zone, validity periods
// (leap days included), the permit number formatter and its pattern check, NIK masking, the
// public links and the technical agency a cover letter goes to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dateOfDay, dayOfDate } from '../../src/domain/calendar/zone.ts';
import { loadDefinition } from '../../src/domain/definition/load.ts';
import type { ServiceDefinition } from '../../src/domain/definition/schema.ts';
import { holderRows } from '../../src/domain/documents/holder.ts';
import {
  formatIndonesianDate, formatIndonesianDateTime, formatIndonesianDayDate, formatShortDateTime, indonesianDateOf, localDateIn,
  MONTH_NAMES, numberInWords, placeAndDate, spelledCount, zoneAbbreviation,
} from '../../src/domain/documents/indonesian-date.ts';
import { trackingUrl, verificationUrl } from '../../src/domain/documents/links.ts';
import { formatPermitNumber, romanMonth, validateNumberPattern } from '../../src/domain/documents/numbering.ts';
import { maskIdentifier, maskNik } from '../../src/domain/documents/personal-data.ts';
import { technicalAgency } from '../../src/domain/documents/technical-agency.ts';
import { permitValidity, validitySentence, validityTerm, validUntil, WHILE_OPERATING_TEXT } from '../../src/domain/documents/validity.ts';
import { AppError } from '../../src/domain/errors.ts';
import { officeSchema, type Office } from '../../src/domain/office/schema.ts';
import { readDefinitionSource, SEEDS, yamlParse } from '../helpers/fixtures.ts';

const load = (file: string): ServiceDefinition => {
  const r = loadDefinition(readDefinitionSource(file));
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
  return r.value;
};
const office = (id: string): Office => officeSchema.parse(yamlParse(readDefinitionSource(`${id}/office.yaml`)));

// Any real calendar date from 1970 to 2199.
const anyDate = fc.integer({ min: 0, max: dayOfDate('2199-12-31') }).map(dateOfDay);

describe('Indonesian dates', () => {
  it('writes a date with the Indonesian month name and no leading zero', () => {
    assert.equal(formatIndonesianDate('2026-11-23'), '23 November 2026');
    assert.equal(formatIndonesianDate('2026-03-09'), '9 Maret 2026');
    assert.deepEqual(
      MONTH_NAMES.map((_, i) => formatIndonesianDate(`2026-${String(i + 1).padStart(2, '0')}-01`)),
      ['1 Januari 2026', '1 Februari 2026', '1 Maret 2026', '1 April 2026', '1 Mei 2026', '1 Juni 2026', '1 Juli 2026',
        '1 Agustus 2026', '1 September 2026', '1 Oktober 2026', '1 November 2026', '1 Desember 2026'],
    );
    assert.throws(() => formatIndonesianDate('2026-02-30'), RangeError);
    assert.throws(() => formatIndonesianDate('23-11-2026'), RangeError);
  });

  it('takes the date of an instant on the office\'s wall clock, not the server\'s', () => {
    // 16:30 UTC on 22 November is 00:30 on the 23rd in WITA, 23:30 on the 22nd in WIB.
    const instant = new Date('2026-11-22T16:30:00Z');
    assert.equal(indonesianDateOf(instant, 'Asia/Makassar'), '23 November 2026');
    assert.equal(indonesianDateOf(instant, 'Asia/Jakarta'), '22 November 2026');
    assert.equal(indonesianDateOf(new Date('2026-11-22T15:00:00Z'), 'Asia/Jayapura'), '23 November 2026');
    assert.equal(localDateIn(new Date('2026-12-31T16:00:00Z'), 'Asia/Makassar'), '2027-01-01');
  });

  it('writes the place-and-date line above a signature', () => {
    assert.equal(placeAndDate('Samarinda', '2026-11-23'), 'Samarinda, 23 November 2026');
    assert.equal(placeAndDate(' Rumbia ', '2026-03-10'), 'Rumbia, 10 Maret 2026');
    assert.throws(() => placeAndDate(' ', '2026-03-10'), RangeError);
  });

  it('writes a moment with weekday, time with a dot and the zone as Indonesians name it', () => {
    assert.equal(formatIndonesianDateTime(new Date('2026-03-09T02:00:00Z'), 'Asia/Makassar'), 'Senin, 9 Maret 2026 pukul 10.00 WITA');
    assert.equal(formatIndonesianDateTime(new Date('2026-03-09T02:05:00Z'), 'Asia/Jakarta'), 'Senin, 9 Maret 2026 pukul 09.05 WIB');
    assert.equal(formatIndonesianDateTime(new Date('2026-03-13T23:59:00Z'), 'Asia/Jayapura'), 'Sabtu, 14 Maret 2026 pukul 08.59 WIT');
    assert.equal(formatShortDateTime(new Date('2026-03-09T02:00:00Z'), 'Asia/Makassar'), '9 Maret 2026, 10.00');
    assert.equal(zoneAbbreviation('Asia/Makassar'), 'WITA');
    assert.equal(zoneAbbreviation('Europe/Amsterdam', new Date('2026-07-01T00:00:00Z')), 'UTC+2');
    assert.equal(zoneAbbreviation('Asia/Kolkata'), 'UTC+5:30');
  });

  it('names the weekday as the calendar does (property)', () => {
    const names = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
    fc.assert(fc.property(anyDate, (d) => {
      assert.equal(formatIndonesianDayDate(d).split(',')[0], names[new Date(`${d}T00:00:00Z`).getUTCDay()]);
    }));
  });

  it('spells numbers as official letters write counts', () => {
    const cases: [number, string][] = [
      [0, 'nol'], [1, 'satu'], [5, 'lima'], [10, 'sepuluh'], [11, 'sebelas'], [14, 'empat belas'], [20, 'dua puluh'],
      [99, 'sembilan puluh sembilan'], [100, 'seratus'], [115, 'seratus lima belas'], [300, 'tiga ratus'], [1000, 'seribu'],
      [1001, 'seribu satu'], [2026, 'dua ribu dua puluh enam'], [100_000, 'seratus ribu'], [1_000_000, 'satu juta'],
      [2_500_000_000, 'dua miliar lima ratus juta'],
    ];
    for (const [n, words] of cases) assert.equal(numberInWords(n), words, String(n));
    assert.equal(spelledCount(5), '5 (lima)');
    assert.throws(() => numberInWords(-1), RangeError);
    assert.throws(() => numberInWords(1.5), RangeError);
  });
});

describe('validity', () => {
  it('runs N years to the day before the same date, as "berlaku sampai dengan" states', () => {
    assert.equal(validUntil('2026-11-23', 5), '2031-11-22');
    assert.equal(validUntil('2026-01-01', 5), '2030-12-31');
    assert.equal(validUntil('2026-03-01', 1), '2027-02-28');
  });

  it('handles leap days: issued on 29 February, or ending on one', () => {
    // The same date does not exist in a common year: the period ends on the last day of February.
    assert.equal(validUntil('2024-02-29', 1), '2025-02-28');
    assert.equal(validUntil('2024-02-29', 5), '2029-02-28');
    // … and ends on 28 February also when the anniversary year is a leap year.
    assert.equal(validUntil('2024-02-29', 4), '2028-02-28');
    // A period ending on the day before 1 March of a leap year ends on 29 February.
    assert.equal(validUntil('2023-03-01', 1), '2024-02-29');
    assert.equal(validUntil('2023-02-28', 1), '2024-02-27');
    assert.equal(validUntil('2100-02-28', 1), '2101-02-27');
    assert.equal(validUntil('2096-02-29', 4), '2100-02-28', '2100 is not a leap year');
  });

  it('ends the day before the anniversary, for any date and length (property)', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 1, max: 50 }), (from, years) => {
      const until = validUntil(from, years);
      const next = dateOfDay(dayOfDate(until) + 1);
      const [y, m, d] = from.split('-').map(Number) as [number, number, number];
      const expected = m === 2 && d === 29 && next.slice(5) !== '02-29' ? `${y + years}-03-01` : `${y + years}-${from.slice(5)}`;
      assert.equal(next, expected);
      assert.ok(dayOfDate(until) - dayOfDate(from) >= 365 * years - 1);
    }));
  });

  it('rejects what is not a period', () => {
    assert.throws(() => validUntil('2026-11-23', 0), RangeError);
    assert.throws(() => validUntil('2026-11-23', 2.5), RangeError);
    assert.throws(() => validUntil('2026-13-01', 1), RangeError);
  });

  it('states the validity from the definition\'s rule', () => {
    const years = permitValidity({ kind: 'years', years: 5 }, '2026-11-23');
    assert.deepEqual(years, { kind: 'years', years: 5, from: '2026-11-23', until: '2031-11-22' });
    assert.equal(validitySentence(years), 'Surat izin ini berlaku sejak 23 November 2026 sampai dengan 22 November 2031.');
    assert.equal(validityTerm(years), '5 (lima) tahun');

    const operating = permitValidity({ kind: 'while_operating', text: 'dari definisi' }, '2026-11-23');
    assert.deepEqual(operating, { kind: 'while_operating', from: '2026-11-23' });
    assert.equal(validitySentence(operating), `Surat izin ini berlaku sejak 23 November 2026 ${WHILE_OPERATING_TEXT}.`);

    const none = permitValidity({ kind: 'none', text: 'Tidak disebutkan dalam standar pelayanan' }, '2026-11-23');
    assert.deepEqual(none, { kind: 'none', from: '2026-11-23' });
    assert.equal(validitySentence(none), 'Surat izin ini berlaku sejak 23 November 2026.');
    assert.ok(!validitySentence(none).includes('Tidak disebutkan'), 'the definition\'s note is not printed on a permit');
  });

  it('reads the four seed services\' rules', () => {
    const kinds = SEEDS.map((s) => permitValidity(load(s.file).permit.validity, '2024-02-29'));
    assert.deepEqual(kinds, [
      { kind: 'years', years: 5, from: '2024-02-29', until: '2029-02-28' },
      { kind: 'while_operating', from: '2024-02-29' },
      { kind: 'none', from: '2024-02-29' },
      { kind: 'none', from: '2024-02-29' },
    ]);
  });
});

describe('permit numbers', () => {
  const parts = { seq: 42, issuedAt: '2026-11-23', office: 'kaltim', series: 'izin-penyalur-alat-kesehatan' };

  it('formats the seed services\' patterns', () => {
    assert.deepEqual(SEEDS.map((s) => formatPermitNumber(load(s.file).permit.numbering.pattern, parts)), [
      '503/0042/IZIN-LABKES/DPMPTSP/XI/2026',
      '503/0042/IPAK/DPMPTSP/XI/2026',
      '503/0042/SIPATLM/DPMPTSP/XI/2026',
      '503/042/SIPRM/DPMPTSP/XI/2026',
    ]);
  });

  it('knows every token', () => {
    const n = (pattern: string, p = {}) => formatPermitNumber(pattern, { ...parts, ...p });
    assert.equal(n('{seq}'), '42');
    assert.equal(n('{seq:6}'), '000042');
    assert.equal(n('{seq:1}'), '42');
    assert.equal(n('{seq}/{month}', { issuedAt: '2026-03-09' }), '42/3');
    assert.equal(n('{seq}/{month:2}', { issuedAt: '2026-03-09' }), '42/03');
    assert.equal(n('{seq}/{month:roman}', { issuedAt: '2026-03-09' }), '42/III');
    assert.equal(n('{seq}/{year}/{year:2}', { issuedAt: '2009-12-31' }), '42/2009/09');
    assert.equal(n('{office}-{series}-{seq}'), 'kaltim-izin-penyalur-alat-kesehatan-42');
    assert.equal(n('{seq}', { seq: 1 }), '1');
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(romanMonth), ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
  });

  it('rejects unknown tokens and unbalanced braces with a clear message', () => {
    const errors = (p: string) => {
      const r = validateNumberPattern(p);
      assert.equal(r.ok, false, p);
      return r.ok ? [] : r.errors;
    };
    assert.match(errors('503/{seq}/{bulan}')[0]!, /token tidak dikenal "\{bulan\}" pada posisi 11; yang dikenal: \{seq\}, \{seq:N\}/);
    assert.match(errors('503/{seq:4/{year}')[0]!, /"\{" pada posisi 5 tidak ditutup/);
    assert.match(errors('503/{seq}/{year')[0]!, /"\{" pada posisi 11 tidak ditutup/);
    assert.match(errors('503/seq}/{seq}')[0]!, /"\}" pada posisi 8 tanpa pasangan "\{"/);
    assert.match(errors('{seq:0}')[0]!, /N harus 1 sampai 12/);
    assert.match(errors('{seq:x}')[0]!, /\{seq:x\}/);
    assert.match(errors('{}/{seq}')[0]!, /token tidak dikenal "\{\}"/);
    assert.match(errors('{month:roman}/{year}')[0]!, /harus memuat \{seq\}/);
    assert.match(errors('  ')[0]!, /kosong/);
    assert.equal(errors('{bulan}/{seq/{tahun}}').length, 4, 'every problem at once: two unknown tokens, an unclosed and a stray brace');

    const r = validateNumberPattern('503/{seq}/{bulan}');
    assert.ok(!r.ok && r.message.startsWith('Pola nomor izin "503/{seq}/{bulan}" tidak sah: '));
    assert.ok(validateNumberPattern('503/{seq:4}/{month:roman}/{year}').ok);
  });

  it('refuses to format with a bad pattern or sequence', () => {
    assert.throws(() => formatPermitNumber('{bulan}/{seq}', parts), (e: unknown) => e instanceof AppError && e.code === 'permit_number_pattern_invalid' && /\{bulan\}/.test(e.userMessage.id) && /\{bulan\}/.test(e.userMessage.en));
    assert.throws(() => formatPermitNumber('{seq}', { ...parts, seq: 0 }), RangeError);
    assert.throws(() => formatPermitNumber('{seq}', { ...parts, seq: 1.5 }), RangeError);
    assert.throws(() => formatPermitNumber('{seq}', { ...parts, issuedAt: '2026-02-30' }), RangeError);
  });

  // Patterns built from any literals and tokens, with at least one {seq}.
  const literal = fc.string({ unit: fc.constantFrom('5', '0', '3', '/', '-', '.', 'A', 'I', 'Z', ' '), maxLength: 5 });
  const tokenText = fc.constantFrom('{seq}', '{seq:3}', '{seq:4}', '{seq:8}', '{month}', '{month:2}', '{month:roman}', '{year}', '{year:2}', '{office}', '{series}');
  const pattern = fc
    .tuple(fc.array(fc.tuple(literal, tokenText), { maxLength: 5 }), literal, fc.constantFrom('{seq}', '{seq:1}', '{seq:4}'), literal)
    .map(([pairs, a, seq, b]) => pairs.map(([l, t]) => l + t).join('') + a + seq + b);
  const seq = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

  it('gives different numbers to different sequence numbers on the same date (property)', () => {
    fc.assert(fc.property(pattern, seq, seq, anyDate, (p, a, b, date) => {
      fc.pre(a !== b);
      assert.ok(validateNumberPattern(p).ok, p);
      const at = { ...parts, issuedAt: date };
      assert.notEqual(formatPermitNumber(p, { ...at, seq: a }), formatPermitNumber(p, { ...at, seq: b }));
    }));
  });

  it('pads and never truncates: a sequence longer than N digits prints in full (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), seq, (pad, s) => {
      const out = formatPermitNumber(`503/{seq:${pad}}/X`, { ...parts, seq: s });
      const printed = out.slice(4, -2);
      assert.equal(Number(printed), s);
      assert.equal(printed.length, Math.max(pad, String(s).length));
      assert.ok(printed.endsWith(String(s)));
    }));
  });
});

describe('personal data and links', () => {
  it('masks a NIK except its last four digits', () => {
    assert.equal(maskNik('6472035809880004'), '************0004');
    assert.equal(maskNik('6472 0358 0988 0004'), '************0004');
    assert.equal(maskIdentifier('1234'), '****');
    assert.equal(maskIdentifier('12345'), '*2345');
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: 16, maxLength: 16 }), (nik) => {
      const masked = maskNik(nik);
      assert.equal(masked.length, 16);
      assert.equal(masked.slice(0, 12), '*'.repeat(12));
      assert.equal(masked.slice(12), nik.slice(12));
    }));
  });

  it('prints a person\'s NIK only masked, a company\'s NIB in full', () => {
    const person = holderRows({ kind: 'person', name: 'Nur Aisyah', nik: '7406015502950003', address: 'Rumbia', birthPlace: 'Kendari', birthDate: '1995-02-15' });
    assert.ok(!JSON.stringify(person).includes('7406015502950003'));
    assert.deepEqual(person.map((r) => [r.label, r.value]), [
      ['Nama', 'Nur Aisyah'], ['NIK', '************0003'], ['Tempat, tanggal lahir', 'Kendari, 15 Februari 1995'], ['Alamat', 'Rumbia'],
    ]);
    const company = holderRows({ kind: 'company', name: 'PT Sehat', nib: '9120001234567', address: 'Samarinda' });
    assert.deepEqual(company.map((r) => r.value), ['PT Sehat', '9120001234567', 'Samarinda']);
  });

  it('builds the public verification and tracking addresses', () => {
    assert.equal(verificationUrl('https://perizinan.example', 'AB12-CD34'), 'https://perizinan.example/verifikasi/AB12-CD34');
    assert.equal(verificationUrl('https://perizinan.example/satupintu/', 'a b'), 'https://perizinan.example/satupintu/verifikasi/a%20b');
    assert.equal(trackingUrl('https://perizinan.example/', '7QH2-K9XM'), 'https://perizinan.example/lacak/7QH2-K9XM');
    assert.throws(() => trackingUrl('not a url', 'X'));
  });

  it('finds the technical agency of a service from its external role', () => {
    assert.equal(technicalAgency(load('bombana/izin-praktek-perekam-medis.yaml'), office('bombana'))?.unitName, 'Dinas Kesehatan Kabupaten Bombana');
    assert.equal(technicalAgency(load('kaltim/izin-laboratorium-klinik.yaml'), office('kaltim'))?.unitName, 'Dinas Kesehatan Provinsi Kalimantan Timur');
    assert.equal(technicalAgency(load('pekanbaru/sipatlm.yaml'), office('pekanbaru')), null, 'SIPATLM has its recommendation as a requirement, not a step');
  });
});
