// From the head of office's signature to the document a citizen holds: the permit is rendered
// with its number, signed (PAdES), stored by hash, and the public check recognises it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pendingPermitDocuments, producePermitDocument, type PermitDocumentDeps } from '../../src/app/permits/produce-permit-document.ts';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { renderPermitForSigning } from '../../src/infra/documents/permit-renderer.ts';
import { selectSigner } from '../../src/infra/signing/select-signer.ts';
import { localStorage } from '../../src/infra/storage/storage.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { withdrawApplication } from '../../src/app/workflow/withdraw-application.ts';
import { actorNamed, drive, submitAs } from '../helpers/workflow.ts';

const dir = mkdtempSync(join(tmpdir(), 'satupintu-permit-'));
let database: Database;
let app: FastifyInstance;
let deps: PermitDocumentDeps;
const publicUrl = 'https://izin.example.go.id';

before(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  const storage = localStorage(join(dir, 'files'));
  deps = { render: renderPermitForSigning, signer: selectSigner({ kind: 'local', certsDir: join(dir, 'certs') }), storage, publicUrl };
  app = await buildServer({ database, publicUrl, logLevel: 'silent', storage, now: () => new Date('2026-11-23T03:00:00Z') });
});
after(async () => {
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const tool = (name: string, args: string[]) => {
  try {
    return execFileSync(name, args, { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${name} is not installed (apt-get install -y poppler-utils zbar-tools)`);
    return String((err as { stdout?: string }).stdout ?? '') + String((err as { stderr?: string }).stderr ?? '');
  }
};

// A clinical laboratory permit (Kaltim) taken to the head of office's signature.
async function signedLaboratoryPermit(): Promise<{ caseId: string; permitId: string }> {
  const sub = await submitAs(database.db, 'pemohon.demo', 'kaltim', 'izin-laboratorium-klinik', new Date('2026-03-09T01:00:00Z'));
  await drive(database.db, sub.caseId, [
    { who: 'kaltim.petugas-cs', action: 'decide', outcome: 'lengkap', at: '2026-03-09T01:10:00Z', expect: 6 },
    { who: 'kaltim.petugas-loket-pendaftaran', action: 'complete', at: '2026-03-09T01:20:00Z', expect: 7 },
    { who: 'kaltim.verifikator', action: 'decide', outcome: 'lengkap', at: '2026-03-09T01:30:00Z', expect: 9 },
    { who: 'kaltim.petugas-penghubung', action: 'complete', at: '2026-03-09T01:40:00Z', expect: 10 },
    { who: 'kaltim.tim-teknis-dinkes', action: 'record-recommendation', outcome: 'direkomendasikan', recommendation: true, at: '2026-03-13T02:00:00Z', expect: 11 },
    { who: 'kaltim.petugas-administrasi', action: 'complete', at: '2026-03-16T01:00:00Z', expect: 12 },
    { who: 'kaltim.kasi-layanan', action: 'paraf', at: '2026-03-16T02:00:00Z', expect: 13 },
    { who: 'kaltim.kabid-layanan', action: 'paraf', at: '2026-03-16T03:00:00Z', expect: 14 },
    { who: 'kaltim.kepala-dinas', action: 'sign', at: '2026-11-23T02:00:00Z', expect: 15 },
  ]);
  const permit = await database.db.selectFrom('permits').select('id').where('case_id', '=', sub.caseId).where('status', '=', 'issued').executeTakeFirstOrThrow();
  return { caseId: sub.caseId, permitId: permit.id };
}

const withdrawnAt = new Date('2026-11-23T04:00:00Z');
const permitFilesOf = (caseId: string) => database.db.selectFrom('case_documents').select(['storage_key', 'superseded_at']).where('case_id', '=', caseId).where('kind', '=', 'permit').execute();

describe('a permit whose case is withdrawn after signing', () => {
  it('leaves the applicant\'s files once revoked, and gets no document if the withdrawal comes while it is being made', async () => {
    const applicant = await actorNamed(database.db, 'pemohon.demo');
    // Made, then withdrawn: the document stays stored (the audit trail names it) but is no
    // longer among the applicant's current files.
    const first = await signedLaboratoryPermit();
    assert.ok(await producePermitDocument(database.db, deps, first.permitId));
    assert.equal((await permitFilesOf(first.caseId)).filter((d) => d.superseded_at === null).length, 1);
    await withdrawApplication(database.db, applicant, first.caseId, 'Tidak jadi', withdrawnAt);
    assert.deepEqual((await permitFilesOf(first.caseId)).map((d) => d.superseded_at), [withdrawnAt]);

    // Withdrawn while the job renders it: the job keeps nothing.
    const second = await signedLaboratoryPermit();
    const renderThenWithdraw: PermitDocumentDeps = {
      ...deps,
      async render(input) {
        const rendered = await deps.render(input);
        await withdrawApplication(database.db, applicant, second.caseId, 'Tidak jadi', withdrawnAt);
        return rendered;
      },
    };
    assert.equal(await producePermitDocument(database.db, renderThenWithdraw, second.permitId), null);
    const permit = await database.db.selectFrom('permits').select(['status', 'document_hash']).where('id', '=', second.permitId).executeTakeFirstOrThrow();
    assert.deepEqual(permit, { status: 'revoked', document_hash: null });
    assert.deepEqual(await permitFilesOf(second.caseId), []);
  });
});

describe('the signed permit document', () => {
  it('is made after signing, carries its number, verifies with pdfsig, and its QR leads to the public check', async () => {
    await signedLaboratoryPermit();
    const pending = await pendingPermitDocuments(database.db);
    assert.equal(pending.length, 1);
    const made = await producePermitDocument(database.db, deps, pending[0]!);
    assert.ok(made);
    assert.equal(await producePermitDocument(database.db, deps, pending[0]!), null, 'made once, never overwritten');
    const permit = await database.db.selectFrom('permits').selectAll().where('id', '=', pending[0]!).executeTakeFirstOrThrow();
    assert.equal(permit.document_hash, made.hash);
    const bytes = (await deps.storage.get(made.hash))!;
    const file = join(dir, 'izin.pdf');
    writeFileSync(file, bytes);

    const text = tool('pdftotext', [file, '-']).replace(/\s+/g, ' ');
    assert.ok(text.includes(permit.number), 'the number is on the signed document');
    assert.ok(text.includes('Samarinda, 23 November 2026'));
    assert.ok(!text.includes('6472015708900003'), 'the full NIK is not printed');
    const sig = tool('pdfsig', [file]);
    assert.match(sig, /Signature is Valid/);
    assert.match(sig, /Total document signed/);

    tool('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const png = execFileSync('sh', ['-c', `ls ${join(dir, 'page')}*.png`], { encoding: 'utf8' }).trim().split('\n')[0]!;
    const qr = tool('zbarimg', ['-q', '--raw', png]).trim().split('\n')[0];
    assert.equal(qr, `${publicUrl}/verifikasi/${permit.verification_code}`);

    const boundary = '----satupintu';
    const upload = (content: Uint8Array) => app.inject({
      method: 'POST', url: `/verifikasi/${permit.verification_code}/periksa`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="izin.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    const same = await upload(bytes);
    assert.ok(same.body.includes('identik'), 'the issued file is recognised');
    const changed = Buffer.from(bytes);
    const middle = Math.floor(changed.length / 2);
    changed[middle] = changed[middle]! ^ 1;
    const other = await upload(changed);
    assert.ok(other.body.includes('BERBEDA'), 'a changed byte is noticed');
    writeFileSync(file, changed);
    assert.doesNotMatch(tool('pdfsig', [file]), /Signature is Valid\.\s*\n\s*- Certificate Validation[\s\S]*Total document signed/);
  });
});
