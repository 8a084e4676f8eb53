// The SOP linter: one small definition per rule that triggers exactly that rule, and the real
// findings on the four seed definitions, listed one by one from reading the seeds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFindings } from '../../src/cli/commands/lint-sop-report.ts';
import { lintDefinition, parseIndonesianNumber, type LintFinding } from '../../src/domain/definition/lint.ts';
import { loadDefinition } from '../../src/domain/definition/load.ts';
import type { ServiceDefinition } from '../../src/domain/definition/schema.ts';
import { minimalDefinition, readDefinitionSource, SEEDS } from '../helpers/fixtures.ts';

const load = (source: string): ServiceDefinition => {
  const r = loadDefinition(source);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues, null, 1));
  return r.value;
};

// The minimal fixture made clean for the linter: the requirement is checked and every staff
// step states a time. Each test then breaks one thing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const clean = (mutate?: (d: Loose) => void) =>
  load(
    minimalDefinition((d) => {
      d.steps[1].checks = 'all';
      d.steps[2].effort = { min: 1, unit: 'working_days' };
      mutate?.(d);
    }),
  );

const keys = (findings: LintFinding[]) => findings.map((f) => `${f.rule} ${f.path}`).sort();
const lintKeys = (mutate?: (d: Loose) => void) => keys(lintDefinition(clean(mutate)));

const staffList = (d: Loose, items: Loose[]) => {
  d.standard.staffCount = { items };
};

describe('SOP linter', () => {
  it('finds nothing in a clean small definition', () => {
    const findings = lintDefinition(clean());
    assert.deepEqual(findings, [], JSON.stringify(findings, null, 1));
  });

  describe('time-sum', () => {
    it('warns when the steps after the clock start need more than the service time', () => {
      assert.deepEqual(lintKeys((d) => { d.steps[2].effort = { min: 3, unit: 'working_days' }; }), ['time-sum steps[2].effort']);
    });

    it('adds minutes up to fractions of an 8-hour working day', () => {
      const fromStep2 = (d: Loose) => {
        d.serviceTime.clockStartStep = 2;
        d.serviceTime.length = 1;
        d.serviceTime.text = '1 hari kerja';
        d.steps[1].effort = { min: 300, unit: 'minutes' };
      };
      // 300 + 300 minutes = 1.25 working days > 1.
      assert.deepEqual(lintKeys((d) => { fromStep2(d); d.steps[2].effort = { min: 300, unit: 'minutes' }; }), ['time-sum steps[2].effort']);
      // 300 + 180 minutes = exactly one working day: it fits.
      assert.deepEqual(lintKeys((d) => { fromStep2(d); d.steps[2].effort = { min: 180, unit: 'minutes' }; }), []);
      // A range counts at its upper end: 5-15 minutes + 470 minutes > 480.
      assert.deepEqual(lintKeys((d) => { fromStep2(d); d.steps[1].effort = { min: 5, max: 15, unit: 'minutes' }; d.steps[2].effort = { min: 470, unit: 'minutes' }; }), ['time-sum steps[2].effort']);
    });

    it('continues from a due day (H+N) and ignores the time before the clock starts', () => {
      const dueThenEffort = (d: Loose) => {
        d.serviceTime.clockStartStep = 2;
        d.steps[1].due = 'H+1';
        d.steps[2].effort = { min: 1.5, unit: 'working_days' };
      };
      assert.deepEqual(lintKeys(dueThenEffort), ['time-sum steps[2].effort']);
      // The clock starts at step 3: step 2's five days are before it.
      assert.deepEqual(lintKeys((d) => { d.steps[1].effort = { min: 5, unit: 'working_days' }; }), []);
      // Finishing before the promise is no problem.
      assert.deepEqual(lintKeys((d) => { d.serviceTime.length = 10; d.serviceTime.text = '10 hari kerja'; }), []);
    });
  });

  it('step-no-time: a tracked staff step with no effort, due or quality time', () => {
    assert.deepEqual(lintKeys((d) => { delete d.steps[2].effort; }), ['step-no-time steps[2]']);
    assert.deepEqual(lintKeys((d) => { delete d.steps[2].effort; d.steps[2].due = 'H+1'; }), []);
    assert.deepEqual(lintKeys((d) => { delete d.steps[2].effort; d.steps[2].quality = { time: 'Sesuai kebutuhan' }; }), []);
    // The applicant's own steps run on the applicant's time.
    assert.deepEqual(lintKeys((d) => { delete d.steps[2].effort; d.steps[2].actor = 'pemohon'; d.steps[2].kind = 'applicant'; }), []);
  });

  describe('stated-total', () => {
    it('warns when the service time text states another length', () => {
      assert.deepEqual(lintKeys((d) => { d.serviceTime.text = '5 (lima) hari kerja'; }), ['stated-total serviceTime.text']);
      assert.deepEqual(lintKeys((d) => { d.serviceTime.text = 'selambat-lambatnya 2 (dua) hari kerja sejak berkas lengkap'; }), []);
    });

    it('warns when the digits and the words of the text disagree', () => {
      const findings = lintDefinition(clean((d) => { d.serviceTime.text = '2 (tiga) hari kerja'; }));
      assert.deepEqual(keys(findings), ['stated-total serviceTime.text']);
      assert.match(findings[0]!.en, /"tiga" \(3\) in words/);
    });

    it('warns when a TOTAL row kept as a step time disagrees', () => {
      assert.deepEqual(lintKeys((d) => { d.steps[2].quality = { time: 'TOTAL HARI 3 hari kerja' }; }), ['stated-total steps[2].quality.time']);
      assert.deepEqual(lintKeys((d) => { d.steps[2].quality = { time: 'Total Waktu Penyelesaian 2 Hari Kerja' }; }), []);
    });

    it('warns when a due day (H+N) lies beyond a service time in working hours', () => {
      const hours = (d: Loose) => {
        d.serviceTime = { length: 4, unit: 'working_hours', clockStart: 'complete_file', clockStartStep: 2, text: '4 jam kerja' };
        delete d.steps[2].effort;
        d.steps[2].due = 'H+1';
      };
      assert.deepEqual(lintKeys(hours), ['stated-total steps[2].due']);
    });

    it('reads Indonesian number words', () => {
      assert.equal(parseIndonesianNumber('empat belas'), 14);
      assert.equal(parseIndonesianNumber('tujuh'), 7);
      assert.equal(parseIndonesianNumber('sebelas'), 11);
      assert.equal(parseIndonesianNumber('dua puluh lima'), 25);
      assert.equal(parseIndonesianNumber('seratus dua puluh'), 120);
      assert.equal(parseIndonesianNumber('banyak'), null);
    });
  });

  it('staff-missing: an actor not in the staff list', () => {
    assert.deepEqual(lintKeys((d) => staffList(d, [{ label: 'Petugas', roles: ['petugas'] }])), ['staff-missing roles[2]']);
  });

  it('staff-idle: a staff list item whose roles act in no step', () => {
    const idle = (d: Loose) => {
      d.roles.push({ id: 'kasi', name: 'Kepala Seksi', positions: ['kasi'] });
      staffList(d, [{ label: 'Petugas', roles: ['petugas'] }, { label: 'Kepala Dinas', roles: ['kadis'] }, { label: 'Kepala Seksi', roles: ['kasi'] }]);
    };
    assert.deepEqual(lintKeys(idle), ['staff-idle standard.staffCount.items[2]']);
  });

  it('staff-count: fewer office staff than the staff roles of the flow', () => {
    assert.deepEqual(lintKeys((d) => staffList(d, [{ label: 'pejabat dan petugas', count: 1, roles: ['petugas', 'kadis'] }])), ['staff-count standard.staffCount']);
    assert.deepEqual(lintKeys((d) => staffList(d, [{ label: 'pejabat dan petugas', count: 2, roles: ['petugas', 'kadis'] }])), []);
    // People of an external technical team do not staff the office's desks.
    const external = (d: Loose) => {
      d.roles.push({ id: 'tim-teknis', name: 'Tim Teknis', kind: 'external', positions: ['tim-teknis'] });
      d.steps.splice(2, 0, { no: 4, actor: 'tim-teknis', kind: 'external', title: 'Pertek', activity: 'Tim teknis memberi pertimbangan', due: 'H', next: 3 });
      d.steps[1].outcomes[0].to = 4;
      staffList(d, [{ label: 'petugas', count: 1, roles: ['petugas', 'kadis'] }, { label: 'tim teknis', count: 3, roles: ['tim-teknis'] }]);
    };
    assert.deepEqual(lintKeys(external), ['staff-count standard.staffCount']);
  });

  describe('product-name', () => {
    it('warns when the product names another permit', () => {
      assert.deepEqual(lintKeys((d) => { d.standard.product = 'Izin Praktek Asisten Apoteker'; }), ['product-name standard.product']);
      assert.deepEqual(lintKeys((d) => { d.permit.title = 'Surat Izin Usaha Lain (SIUL)'; }), ['product-name permit.title']);
    });

    it('warns when a step names another permit', () => {
      assert.deepEqual(
        lintKeys((d) => { d.steps[2].activity = 'Kepala Dinas menandatangani Surat Izin Praktik Dokter Umum/Dokter Gigi.'; }),
        ['product-name steps[2].activity'],
      );
      assert.deepEqual(lintKeys((d) => { d.steps[2].quality = { output: ['Surat izin Praktek Asisten Contoh telah diparaf'] }; }), ['product-name steps[2].quality.output[0]']);
    });

    it('accepts generic words, spelling variants, acronyms and text that names no permit', () => {
      const fine = (d: Loose) => {
        d.standard.product = 'Surat izin praktik contoh (SIPC)';
        d.steps[2].activity = 'Kepala Dinas menandatangani Surat Izin Praktek Contoh.\nMenyerahkan surat izin / non izin yang telah selesai. Draft Izin Kepada Kepala Seksi. Izin Selesai';
      };
      assert.deepEqual(lintKeys(fine), []);
    });
  });

  it('requirement-unchecked: a requirement no tracked step checks', () => {
    assert.deepEqual(lintKeys((d) => { delete d.steps[1].checks; }), ['requirement-unchecked requirements[0]']);
    assert.deepEqual(lintKeys((d) => { d.steps[1].checks = ['ktp']; }), []);
  });

  it('outcome-nowhere: an outcome back to its own step, or to an untracked step', () => {
    assert.deepEqual(lintKeys((d) => { d.steps[1].outcomes.push({ id: 'ulang', label: 'Ulang', to: 2 }); }), ['outcome-nowhere steps[1].outcomes[2].to']);
    const toUntracked = (d: Loose) => {
      d.steps.push({ no: 4, actor: 'petugas', kind: 'task', title: 'Info', activity: 'Petugas memberi informasi', tracked: false, next: 3 });
      d.steps[1].outcomes.push({ id: 'info', label: 'Informasi', to: 4 });
    };
    assert.deepEqual(lintKeys(toUntracked), ['outcome-nowhere steps[1].outcomes[2].to']);
    // Waiting for the applicant and resuming at the same step is a correction, not nowhere.
    assert.deepEqual(lintKeys(), []);
  });

  it('unreachable: a tracked step only reachable through the informational steps', () => {
    const viaInfo = (d: Loose) => {
      d.steps[0].tracked = false;
      d.steps[0].kind = 'task';
      d.steps[0].outcomes = [{ id: 'daftar', label: 'Mendaftar', to: 2 }, { id: 'lain', label: 'Lain', to: 4 }];
      d.steps[2].next = { end: 'completed' };
      d.steps.push({ no: 4, actor: 'petugas', kind: 'task', title: 'Lain', activity: 'Petugas mencatat', effort: { min: 5, unit: 'minutes' }, next: { end: 'completed' } });
    };
    assert.deepEqual(lintKeys(viaInfo), ['unreachable steps[3]']);
  });

  it('duplicate-requirement: two requirements with the same text', () => {
    assert.deepEqual(lintKeys((d) => { d.requirements.push({ id: 'ktp-lagi', text: 'Fotokopi  KTP.' }); }), ['duplicate-requirement requirements[1]']);
  });

  it('formats findings for the lint-sop command', () => {
    const findings = lintDefinition(clean((d) => { d.requirements.push({ id: 'ktp-lagi', text: 'Fotokopi KTP' }); }));
    assert.deepEqual(formatFindings('x.yaml', findings), [
      'x.yaml: warning [duplicate-requirement] requirements[1]: persyaratan "Fotokopi KTP" (ktp-lagi) sama dengan requirements[0] (ktp) (requirement "Fotokopi KTP" (ktp-lagi) repeats requirements[0] (ktp))',
    ]);
  });
});

// What a careful reader finds in each seed, and nothing else.
const EXPECTED: Record<string, string[]> = {
  // Step 16 (loket pengambilan) has no time in the matrix; PETUGAS PENGHUBUNG acts in steps 8
  // and 9 but is not in N. PELAKSANA. H+11 against 14 days is within the promise.
  'kaltim/izin-laboratorium-klinik.yaml': ['step-no-time steps[15]', 'staff-missing roles[5]'],
  // The same template: 7 days, last due H+5.
  'kaltim/izin-penyalur-alat-kesehatan.yaml': ['step-no-time steps[15]', 'staff-missing roles[5]'],
  // "5 orang" (3 pejabat struktural, 1 FO, 1 BO) for six staff columns: the JF Analis
  // Kebijakan Ahli Muda has no place in the count. Minutes and one day fit in 2 working days.
  'pekanbaru/sipatlm.yaml': ['staff-missing roles[3]', 'staff-count standard.staffCount'],
  'bombana/izin-praktek-perekam-medis.yaml': [
    // The matrix gives "1 Hari Kerja" only at steps 7, 9 and 14; the other staff steps state no time.
    ...[1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 14, 15, 16, 17].map((i) => `step-no-time steps[${i}]`),
    // SEKRETARIAT registers the permit (step 17) but is not in Jumlah Pelaksana, which counts
    // six office staff for seven office roles.
    'staff-missing roles[6]',
    'staff-count standard.staffCount',
    // The SPP's product is a pharmacist assistant's permit; steps 5 and 11 speak of a doctor's
    // permit; steps 13 and 16 of an "Asisten Perekam Medis" permit.
    'product-name standard.product',
    'product-name steps[4].activity',
    'product-name steps[10].activity',
    'product-name steps[12].quality.output[6]',
    'product-name steps[15].quality.completeness[7]',
    'product-name steps[15].quality.output[6]',
    'product-name steps[15].note',
    // "Pas Foto Warna 4 x 6 Cm 2 Lembar" is listed twice (items 6 and 7).
    'duplicate-requirement requirements[6]',
  ],
};

describe('SOP linter on the seed definitions', () => {
  for (const s of SEEDS) {
    it(`${s.file}: exactly the findings read from seed ${s.seed.slice(0, 3)}`, () => {
      const expected = EXPECTED[s.file];
      assert.ok(expected, `no expectation for ${s.file}`);
      assert.deepEqual(keys(lintDefinition(load(readDefinitionSource(s.file)))), [...expected].sort());
    });
  }
});
