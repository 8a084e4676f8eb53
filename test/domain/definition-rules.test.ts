import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDefinition } from '../../src/domain/definition/load.ts';
import { minimalDefinition } from '../helpers/fixtures.ts';

const issuesOf = (source: string) => {
  const r = loadDefinition(source);
  assert.equal(r.ok, false, 'the definition should have been refused');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.en}`);
};

describe('service definition rules', () => {
  it('accepts a small valid definition', () => {
    const r = loadDefinition(minimalDefinition());
    assert.equal(r.ok, true, r.ok ? '' : JSON.stringify(r.issues));
  });

  it('reports missing fields with their paths', () => {
    const issues = issuesOf(minimalDefinition((d) => { delete d.name; delete d.steps[0].activity; delete d.serviceTime; }));
    assert.ok(issues.some((i) => i.startsWith('name:')), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith('steps[0].activity:')), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith('serviceTime:')), issues.join('\n'));
  });

  it('reports an unknown actor', () => {
    assert.deepEqual(issuesOf(minimalDefinition((d) => { d.steps[1].actor = 'kasi'; })), ['steps[1].actor: unknown actor "kasi"']);
  });

  it('reports a target step that does not exist', () => {
    const issues = issuesOf(minimalDefinition((d) => { d.steps[1].outcomes[0].to = 40; d.steps[2].next = { applicant: { resumeAt: 41 } }; }));
    assert.deepEqual(issues, ['steps[1].outcomes[0].to: no step 40', 'steps[2].next.applicant.resumeAt: no step 41']);
  });

  it('reports a step unreachable from the start', () => {
    const issues = issuesOf(minimalDefinition((d) => {
      d.steps[1].outcomes[0].to = { end: 'completed' };
    }));
    assert.deepEqual(issues, ['steps[2]: step 3 is unreachable from the start']);
  });

  it('reports a cycle with no way out', () => {
    const issues = issuesOf(minimalDefinition((d) => {
      d.steps[1].outcomes = [{ id: 'a', label: 'A', to: 3 }, { id: 'b', label: 'B', to: 1 }];
      d.steps[2].next = 2;
    }));
    assert.deepEqual(issues, ['steps: the flow never ends: no step leads to an end']);
    const partial = issuesOf(minimalDefinition((d) => {
      d.steps.push({ no: 4, actor: 'petugas', kind: 'task', title: 'x', activity: 'x', next: 5 }, { no: 5, actor: 'petugas', kind: 'task', title: 'y', activity: 'y', next: 4 });
      d.steps[1].outcomes.push({ id: 'lain', label: 'Lain', to: 4 });
    }));
    assert.deepEqual(partial, ['steps[3]: step 4 is in a cycle with no way out', 'steps[4]: step 5 is in a cycle with no way out']);
  });

  it('reports duplicate step numbers', () => {
    const issues = issuesOf(minimalDefinition((d) => { d.steps[2].no = 2; }));
    // Renumbering step 3 also leaves the references to it dangling; all are reported together.
    assert.deepEqual(issues, [
      'steps[2].no: duplicate step number "2" (already at index 1)',
      'steps[1].outcomes[0].to: no step 3',
      'serviceTime.clockStartStep: no step 3',
    ]);
  });

  it('reports bad durations', () => {
    const issues = issuesOf(minimalDefinition((d) => {
      d.steps[1].effort = { min: 15, max: 5, unit: 'minutes' };
      d.serviceTime.length = -3;
      d.steps[2].effort = { min: 1, unit: 'fortnights' };
    }));
    assert.ok(issues.some((i) => i.startsWith('steps[1].effort.max:')), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith('serviceTime.length:')), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith('steps[2].effort.unit:')), issues.join('\n'));
    const due = issuesOf(minimalDefinition((d) => { d.steps[2].due = 'H+9'; }));
    assert.deepEqual(due, ['steps[2].due: due H+9 is beyond the service time of 2 days']);
    const malformed = issuesOf(minimalDefinition((d) => { d.steps[2].due = 'besok'; }));
    assert.ok(malformed[0]?.startsWith('steps[2].due:'));
  });

  it('reports an application type no requirement mentions', () => {
    const issues = issuesOf(minimalDefinition((d) => {
      d.applicationTypes = ['baru', 'perpanjangan'];
      d.requirements[0].types = ['baru'];
    }));
    assert.deepEqual(issues, ['applicationTypes[1]: no requirement mentions application type "perpanjangan"']);
  });

  it('reports every problem of a file at once', () => {
    const issues = issuesOf(minimalDefinition((d) => {
      d.steps[1].actor = 'kasi';
      d.steps[1].outcomes[0].to = 40;
      d.requirements.push({ id: 'ktp', text: 'KTP lagi', when: ['pma'] });
    }));
    assert.ok(issues.length >= 4, issues.join('\n'));
    assert.ok(issues.includes('steps[1].actor: unknown actor "kasi"'));
    assert.ok(issues.includes('steps[1].outcomes[0].to: no step 40'));
    assert.ok(issues.some((i) => i.startsWith('requirements[1].id: duplicate')));
    assert.ok(issues.includes('requirements[1].when[0]: no attribute "pma"'));
  });

  it('refuses malformed YAML, an empty file, and values of the wrong type', () => {
    assert.match(issuesOf('name: [unclosed')[0]!, /invalid YAML/);
    assert.match(issuesOf('')[0]!, /empty/);
    const wrongType = issuesOf(minimalDefinition((d) => { d.steps[0].no = 'satu'; d.requirements = 'semua'; }));
    assert.ok(wrongType.some((i) => i.startsWith('steps[0].no:')));
    assert.ok(wrongType.some((i) => i.startsWith('requirements:')));
  });

  it('gives the same content hash whatever the formatting, and a new one when content changes', () => {
    const a = loadDefinition(minimalDefinition());
    const b = loadDefinition(`# komentar\n${minimalDefinition()}\n\n`);
    const c = loadDefinition(minimalDefinition((d) => { d.name = 'Izin Contoh Baru'; }));
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(a.contentHash, b.contentHash);
    assert.notEqual(a.contentHash, c.contentHash);
  });
});
