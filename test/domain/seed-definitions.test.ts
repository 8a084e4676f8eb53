// The four seed documents transcribed as definitions: every requirement and every step's
// activity must be the seed's own words, and every actor column must be there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applicableRequirements } from '../../src/domain/definition/checklist.ts';
import { loadDefinition } from '../../src/domain/definition/load.ts';
import { checkDefinitionFitsOffice } from '../../src/domain/definition/office-fit.ts';
import type { ServiceDefinition } from '../../src/domain/definition/schema.ts';
import { parseYamlWith } from '../../src/domain/definition/load.ts';
import { officeSchema } from '../../src/domain/office/schema.ts';
import { readDefinitionSource, SEEDS, seedsDir } from '../helpers/fixtures.ts';

// Letters and digits only, lower case: the seeds are extracted from PDFs with tags, entities,
// table cells and page breaks in between words.
const squash = (s: string) =>
  s.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').toLowerCase().replace(/[^a-z0-9]+/g, '');

// Item markers ("a.", "1.", "-") are layout, not words of the seed.
const lineWords = (line: string) => line.replace(/^\s*(?:[-•*]|[a-z]\.|\d+\.|[a-z]\.\d+\.)\s+/i, '');

// A line is found in the seed if it appears whole, or in two pieces split by a page break.
function foundInSeed(seed: string, line: string): boolean {
  const target = squash(lineWords(line));
  if (target === '' || seed.includes(target)) return true;
  const words = lineWords(line).split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const head = squash(words.slice(0, i).join(' '));
    const tail = squash(words.slice(i).join(' '));
    if (head && tail && seed.includes(head) && seed.includes(tail)) return true;
  }
  return false;
}

const load = (file: string): ServiceDefinition => {
  const r = loadDefinition(readDefinitionSource(file));
  assert.ok(r.ok, `${file}: ${r.ok ? '' : JSON.stringify(r.issues, null, 1)}`);
  return r.value;
};

for (const s of SEEDS) {
  describe(`seed ${s.seed.slice(0, 3)} → ${s.file}`, () => {
    const def = load(s.file);
    const seed = squash(readFileSync(`${seedsDir}/${s.seed}`, 'utf8'));

    it(`has all ${s.requirements} requirements, each in the seed's words`, () => {
      assert.equal(def.requirements.length, s.requirements);
      for (const r of def.requirements) assert.ok(foundInSeed(seed, r.text), `requirement not in seed: ${r.text}`);
    });

    it(`has all ${s.steps} steps in order, each activity in the seed's words`, () => {
      assert.deepEqual(def.steps.map((x) => x.no), Array.from({ length: s.steps }, (_, i) => i + 1));
      for (const step of def.steps) {
        for (const line of step.activity.split('\n')) assert.ok(foundInSeed(seed, line), `step ${step.no} line not in seed: ${line}`);
      }
    });

    it('names every actor as the seed does, and maps it to positions of its office', () => {
      for (const role of def.roles) assert.ok(foundInSeed(seed, role.name) || role.kind === 'staff', `role not in seed: ${role.name}`);
      const office = parseYamlWith(readDefinitionSource(`${def.office}/office.yaml`), officeSchema);
      assert.ok(office.ok);
      assert.deepEqual(checkDefinitionFitsOffice(def, office.value), []);
    });

    it('keeps the legal basis, fee, product and service time of the seed', () => {
      for (const l of def.standard.legalBasis) assert.ok(foundInSeed(seed, l), `legal basis not in seed: ${l}`);
      assert.ok(foundInSeed(seed, def.standard.product));
      assert.ok(foundInSeed(seed, def.serviceTime.text));
      assert.equal(def.standard.fee.amount, 0);
    });
  });
}

describe('seed facts the product depends on', () => {
  it('000 and 002 start the clock on receipt of the technical recommendation', () => {
    const lab = load('kaltim/izin-laboratorium-klinik.yaml');
    const pak = load('kaltim/izin-penyalur-alat-kesehatan.yaml');
    assert.deepEqual([lab.serviceTime.length, lab.serviceTime.clockStart], [14, 'technical_recommendation']);
    assert.deepEqual([pak.serviceTime.length, pak.serviceTime.clockStart], [7, 'technical_recommendation']);
    assert.deepEqual(lab.steps.filter((x) => x.due).slice(-5).map((x) => x.due), ['H+1', 'H+4', 'H+6', 'H+10', 'H+11']);
    assert.deepEqual(lab.permit.validity, { kind: 'years', years: 5, text: lab.permit.validity.text });
    assert.equal(pak.permit.validity.kind, 'while_operating');
  });

  it("002's conditional requirements follow the applicant's answers", () => {
    const pak = load('kaltim/izin-penyalur-alat-kesehatan.yaml');
    const ids = (type: 'baru' | 'perubahan', answers: Record<string, boolean>) => applicableRequirements(pak, type, answers).map((r) => r.id);
    const plain = ids('baru', {});
    const pma = ids('baru', { pma: true });
    const elektromedik = ids('baru', { elektromedik: true });
    assert.equal(pma.length, plain.length + 1);
    assert.equal(elektromedik.length, plain.length + 2);
    const change = ids('perubahan', { 'ganti-pjt': true });
    assert.ok(change.length > plain.length, 'a change of technical lead adds its documents');
    assert.ok(!ids('perubahan', {}).some((id) => pak.requirements.find((r) => r.id === id)!.when.includes('ganti-pjt')));
  });

  it("003's original permit is asked only on renewal", () => {
    const sip = load('pekanbaru/sipatlm.yaml');
    const renewalOnly = sip.requirements.filter((r) => r.types?.length === 1 && r.types[0] === 'perpanjangan');
    assert.equal(renewalOnly.length, 1);
    assert.match(renewalOnly[0]!.text, /bagi perpanjangan/);
    assert.equal(applicableRequirements(sip, 'baru', {}).length, 10);
    assert.equal(applicableRequirements(sip, 'perpanjangan', {}).length, 11);
  });

  it('a definition naming a position of another office is refused', () => {
    const def = load('pekanbaru/sipatlm.yaml');
    const kaltim = parseYamlWith(readDefinitionSource('kaltim/office.yaml'), officeSchema);
    assert.ok(kaltim.ok);
    const issues = checkDefinitionFitsOffice(def, kaltim.value);
    assert.ok(issues.some((i) => i.path === 'office'));
    assert.ok(issues.some((i) => /^roles\[\d+\]\.positions\[0\]$/.test(i.path) && /does not exist in office "kaltim"/.test(i.en)));
  });
});
