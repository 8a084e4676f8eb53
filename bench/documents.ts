// npm run bench:documents — signed permits per second on one core: render (pdf-lib, embedded
// fonts, QR) + PAdES signature with the local signer + store by hash. Prints the time of one
// permit and the throughput; the last line is `signed_pdf_per_s=NN`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDefinition, parseYamlWith } from '../src/domain/definition/load.ts';
import { officeSchema } from '../src/domain/office/schema.ts';
import { renderPermitForSigning } from '../src/infra/documents/permit-renderer.ts';
import { selectSigner } from '../src/infra/signing/select-signer.ts';
import { localStorage } from '../src/infra/storage/storage.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'satupintu-bench-docs-'));
try {
  const def = loadDefinition(readFileSync('definitions/kaltim/izin-laboratorium-klinik.yaml', 'utf8'));
  const office = parseYamlWith(readFileSync('definitions/kaltim/office.yaml', 'utf8'), officeSchema);
  if (!def.ok || !office.ok) throw new Error('the seed definitions do not load');
  const signer = selectSigner({ kind: 'local', certsDir: join(dir, 'certs') });
  const storage = localStorage(join(dir, 'files'));

  let seq = 0;
  const one = async () => {
    seq++;
    const { pdf, stamp } = await renderPermitForSigning({
      definition: def.value, office: office.value,
      holder: { kind: 'person', name: `Pemohon Uji ${seq}`, nik: '6472015708900003', address: 'Jl. Juanda No. 1, Samarinda' },
      number: `503/${String(seq).padStart(4, '0')}/IZIN-LABKES/DPMPTSP/XI/2026`, issuedAt: new Date('2026-11-23T02:00:00Z'),
      signatory: { name: 'Kepala Dinas Uji', position: 'Kepala Dinas DPMPTSP Prov. Kaltim' },
      verificationUrl: `https://izin.example.go.id/verifikasi/ABCDEFGHJKMN${String(seq).padStart(4, '2').slice(-4)}`,
    });
    const t1 = performance.now();
    const signed = await signer.sign(pdf, { signer: { id: 'bench-kadis', name: 'Kepala Dinas Uji', position: 'Kepala Dinas', office: office.value.name }, reason: 'Penerbitan izin', location: 'Samarinda', visibleStamp: stamp });
    const t2 = performance.now();
    await storage.put(signed);
    return { signMs: t2 - t1 };
  };

  // Warm-up: fonts parsed, the development CA and the signer's certificate made once.
  for (let i = 0; i < 3; i++) await one();

  const singles: number[] = [];
  const signs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const r = await one();
    singles.push(performance.now() - t0);
    signs.push(r.signMs);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`one permit (render + sign + store): median ${median(singles).toFixed(1)} ms, of which signing ${median(signs).toFixed(1)} ms`);

  let count = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await one();
    count++;
  }
  const elapsed = (performance.now() - start) / 1000;
  console.log(`signed permits: ${count} in ${elapsed.toFixed(1)} s on one core`);
  console.log(`signed_pdf_per_s=${(count / elapsed).toFixed(1)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
