// The canonical JSON that audit hashes are computed over: audit chains already stored were hashed
// through it, so its text may never change, only how fast it is made.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../src/domain/definition/load.ts';
import { auditHash, GENESIS_HASH, verifyChain, type AuditContent } from '../../src/domain/workflow/audit-chain.ts';

// The first implementation, kept here as the definition of the text.
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonical JSON', () => {
  it('writes exactly the text it always wrote, for any JSON data with members left undefined', () => {
    const data = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('object'), tie('array')),
      object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('a', 'B', 'é', 'Z', '10', '9', '__proto')), fc.option(tie('value'), { nil: undefined })),
      array: fc.array(tie('value'), { maxLength: 4 }),
    })).value;
    fc.assert(fc.property(data, (value) => canonicalJson(value) === reference(value)), { numRuns: 2000 });
  });

  it('sorts keys and leaves undefined members out', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined }], Z: 'z' }), '{"Z":"z","a":[true,null,{"d":"x"}],"b":1}');
  });

  it('still gives the audit hash of an event as first recorded', () => {
    const event: AuditContent = {
      caseId: '419', seq: 3, at: '2025-01-06T01:30:00.000Z', action: 'decide', stepFrom: 4, stepTo: 6, actorUserId: '15', actorKind: 'staff',
      actorPosition: 'petugas-cs', actingFor: null, note: null, data: { outcome: 'lengkap', target: { kind: 'step', step: 6 } },
    };
    const hash = auditHash(GENESIS_HASH, event);
    assert.equal(hash, '52c91572a673f5fe55a84c297990cbc0c45a407fa33bed8cfd698caff8c4697a');
    assert.equal(verifyChain([{ ...event, seq: 1, prevHash: GENESIS_HASH, hash: auditHash(GENESIS_HASH, { ...event, seq: 1 }) }]), null);
  });
});
