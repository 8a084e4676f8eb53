// The satupintu command line: one entry, one small function per command.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApiToken } from '../app/auth/create-api-token.ts';
import { importServiceDefinition } from '../app/import-service-definition.ts';
import { verifyAudit } from '../app/workflow/verify-audit.ts';
import { getService } from '../app/catalogue/get-service.ts';
import { processBpmn } from '../app/catalogue/process-diagram.ts';
import { exportBpmnCommand } from './commands/export-bpmn.ts';
import { exportSopPdf, exportSopPdfCommand, parsePaper } from './commands/export-sop-pdf.ts';
import { seedDemo } from '../app/seed-demo.ts';
import { loadConfig, type Config } from '../config.ts';
import { lintDefinition } from '../domain/definition/lint.ts';
import { loadDefinition } from '../domain/definition/load.ts';
import { formatFindings } from './commands/lint-sop-report.ts';
import type { DefinitionIssue } from '../domain/definition/issues.ts';
import { DataDirLockedError, openDatabase, type Database } from '../infra/db/database.ts';
import { migrate } from '../infra/db/migrate.ts';
import { readDefinitionsFolder } from '../infra/definitions-folder.ts';
import { join } from 'node:path';
import { startJobs } from '../infra/jobs/jobs.ts';
import { folderMailer, smtpMailer } from '../infra/mail/mailer.ts';
import { portalMailChannel } from '../app/portal/mail-channel.ts';
import { renderPermitForSigning } from '../infra/documents/permit-renderer.ts';
import { certsDirOf, initDevCerts } from '../infra/signing/dev-ca.ts';
import { selectSigner, signingConfigFromEnv } from '../infra/signing/select-signer.ts';
import { localStorage } from '../infra/storage/storage.ts';
import { buildServer } from '../web/server.ts';
import { buildOpenApi } from '../web/api/openapi.ts';

const usage = `Penggunaan / usage: satupintu <perintah> [opsi]

  serve                      jalankan server (migrasi, dan data demo bila basis data kosong)
  migrate                    terapkan migrasi basis data
  seed                       muat kantor, kalender, layanan dan pengguna demo dari folder definitions/
  lint-sop FILE…             periksa berkas definisi layanan (keluar 1 bila ada kesalahan)
  import-sop FILE…           impor definisi layanan (versi baru bila isinya berubah)
  export-sop --office O --service S   cetak definisi yang tersimpan (JSON)
  export-bpmn --office O --service S [--out F]   diagram BPMN 2.0 layanan yang tersimpan
  export-sop-pdf --office O --service S --out F [--paper A4|F4]   matriks SOP (PermenPANRB 35/2012) sebagai PDF
  certs init                 buat CA pengembangan untuk tanda tangan lokal di DATA_DIR/certs
  verify-audit               periksa rantai hash jejak audit setiap permohonan (keluar 1 bila rusak)
  token create --user U      buat token API untuk pengguna U (dicetak sekali)
  openapi                    cetak dokumen OpenAPI

Lingkungan / environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (./data), DATABASE_URL, PUBLIC_URL, LOG_LEVEL`;

const printIssues = (file: string, issues: DefinitionIssue[]) => {
  for (const i of issues) console.error(`${file}: ${i.path}: ${i.id} (${i.en})`);
};

async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    await migrate(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function serve(config: Config): Promise<void> {
  const database = await openDatabase(config);
  await migrate(database.db);
  const empty = (await database.db.selectFrom('offices').select('id').limit(1).execute()).length === 0;
  if (empty) {
    const report = await seedDemo(database.db, readDefinitionsFolder(config.definitionsDir));
    for (const f of report.failures) printIssues(f.file, f.issues);
  }
  let log: (line: string) => void = (line) => console.log(line);
  const mailer = config.smtpUrl
    ? smtpMailer(config.smtpUrl, config.mailFrom)
    : folderMailer(join(config.dataDir, 'mail'), config.mailFrom, (line) => log(line));
  const app = await buildServer({
    database, publicUrl: config.publicUrl, logLevel: config.logLevel,
    storage: localStorage(join(config.dataDir, 'files')),
    mailer,
    maxFileBytes: config.maxFileBytes,
  });
  log = (line) => app.log.info(line);
  // Every outbox message is also written to the log: topic and case only, never personal data.
  const journal = { name: 'journal', deliver: async (m: { id: string; caseId: string | null; topic: string }) => {
    app.log.info({ outbox: m.id, case: m.caseId, topic: m.topic }, 'outbox message');
    return {};
  } };
  const signer = selectSigner(signingConfigFromEnv(process.env, config.dataDir), { log: { info: (f, m) => app.log.info(f, m), warn: (f, m) => app.log.warn(f, m) } });
  const jobs = await startJobs(database, [journal, portalMailChannel({ db: database.db, mailer, publicUrl: config.publicUrl })], (msg, err) => app.log.error({ err }, msg), {
    render: renderPermitForSigning, signer, storage: localStorage(join(config.dataDir, 'files')), publicUrl: config.publicUrl,
  });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`satupintu: ${config.publicUrl} (${database.kind === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL'})`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate':
      return withDatabase(config, async (d) => {
        const applied = await migrate(d.db);
        console.log(applied.length ? `diterapkan / applied: ${applied.join(', ')}` : 'basis data sudah mutakhir / database is up to date');
        return 0;
      });
    case 'seed':
      return withDatabase(config, async (d) => {
        const r = await seedDemo(d.db, readDefinitionsFolder(config.definitionsDir));
        for (const f of r.failures) printIssues(f.file, f.issues);
        console.log(`kalender ${r.calendars}, kantor ${r.offices}, layanan ${r.services.length}, pengguna baru ${r.users}`);
        for (const s of r.services) console.log(`  ${s.office}/${s.slug} v${s.version} ${s.status}`);
        return r.failures.length ? 1 : 0;
      });
    case 'lint-sop': {
      if (rest.length === 0) return fail('lint-sop: sebutkan berkas / name at least one file');
      let bad = 0;
      for (const file of rest) {
        let source: string;
        try {
          source = readFileSync(file, 'utf8');
        } catch {
          console.error(`${file}: berkas tidak dapat dibaca / cannot read file`);
          bad++;
          continue;
        }
        const r = loadDefinition(source);
        if (r.ok) {
          const findings = lintDefinition(r.value);
          console.log(`${file}: OK (${r.value.office}/${r.value.slug}, ${r.value.steps.length} langkah, ${r.value.requirements.length} persyaratan, ${findings.length} peringatan)`);
          for (const line of formatFindings(file, findings)) console.log(line);
        }
        else {
          printIssues(file, r.issues);
          console.error(`${file}: ${r.issues.length} kesalahan / errors`);
          bad++;
        }
      }
      return bad ? 1 : 0;
    }
    case 'import-sop': {
      if (rest.length === 0) return fail('import-sop: sebutkan berkas / name at least one file');
      return withDatabase(config, async (d) => {
        let bad = 0;
        for (const file of rest) {
          const r = await importServiceDefinition(d.db, readFileSync(file, 'utf8'));
          if (r.ok) console.log(`${file}: ${r.office}/${r.slug} v${r.version} ${r.status}`);
          else {
            printIssues(file, r.issues);
            bad++;
          }
        }
        return bad ? 1 : 0;
      });
    }
    case 'export-sop': {
      const { values } = parseArgs({ args: rest, options: { office: { type: 'string' }, service: { type: 'string' } } });
      if (!values.office || !values.service) return fail('export-sop: --office dan --service wajib / are required');
      return withDatabase(config, async (d) => {
        const svc = await getService(d.db, values.office!, values.service!);
        if (!svc) return fail(`export-sop: layanan ${values.office}/${values.service} tidak ditemukan / not found`);
        console.log(JSON.stringify(svc.definition, null, 2));
        return 0;
      });
    }
    case 'verify-audit':
      return withDatabase(config, async (d) => {
        const r = await verifyAudit(d.db);
        if (r.firstBreak) {
          const b = r.firstBreak;
          console.error(`RUSAK / BROKEN: permohonan ${b.trackingCode} (id ${b.caseId}), kejadian ke-${b.seq}: ${b.reason}`);
          return 1;
        }
        console.log(`utuh / intact: ${r.cases} permohonan, ${r.events} kejadian`);
        return 0;
      });
    case 'token': {
      const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { user: { type: 'string' }, label: { type: 'string' } } });
      if (positionals[0] !== 'create' || !values.user) return fail('token create --user USERNAME [--label TEKS]');
      return withDatabase(config, async (d) => {
        const t = await createApiToken(d.db, values.user!, values.label ?? 'cli');
        console.log(t.token);
        return 0;
      });
    }
    case 'export-bpmn': {
      // From the database with --office and --service, or from a definition file.
      if (!rest.includes('--service')) return exportBpmnCommand(rest);
      const { values } = parseArgs({ args: rest, options: { office: { type: 'string' }, service: { type: 'string' }, out: { type: 'string' } } });
      if (!values.office || !values.service) return fail('export-bpmn: --office dan --service wajib / are required');
      return withDatabase(config, async (d) => {
        const svc = await getService(d.db, values.office!, values.service!);
        if (!svc) return fail(`export-bpmn: layanan ${values.office}/${values.service} tidak ditemukan / not found`);
        const xml = processBpmn(svc);
        if (values.out) writeFileSync(values.out, xml);
        else process.stdout.write(xml);
        return 0;
      });
    }
    case 'export-sop-pdf': {
      if (!rest.includes('--service')) return exportSopPdfCommand(rest);
      const { values } = parseArgs({ args: rest, options: { office: { type: 'string' }, service: { type: 'string' }, out: { type: 'string' }, paper: { type: 'string' } } });
      const paper = parsePaper(values.paper ?? 'A4');
      if (!values.office || !values.service || !values.out || !paper) return fail('export-sop-pdf --office O --service S --out FILE [--paper A4|F4]');
      return withDatabase(config, async (d) => {
        const svc = await getService(d.db, values.office!, values.service!);
        if (!svc) return fail(`export-sop-pdf: layanan ${values.office}/${values.service} tidak ditemukan / not found`);
        const r = await exportSopPdf({ definition: svc.definition, office: svc.office, paper, out: values.out! });
        console.log(`${r.out}: ${r.pages} halaman, ${r.bytes} byte`);
        return 0;
      });
    }
    case 'certs': {
      if (rest[0] !== 'init') return fail('certs init');
      const r = initDevCerts(certsDirOf(config.dataDir));
      console.log(`${r.created ? 'dibuat / created' : 'sudah ada / exists'}: ${r.caCertPath} (SHA-256 ${r.fingerprint256})`);
      return 0;
    }
    case 'openapi':
      console.log(JSON.stringify(buildOpenApi(config.publicUrl), null, 2));
      return 0;
    default:
      return fail(`perintah tidak dikenal / unknown command: ${command}\n\n${usage}`);
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof DataDirLockedError) console.error(err.message);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
