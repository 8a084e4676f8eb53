// satupintu export-bpmn: a service definition's flow as a BPMN 2.0 file (one lane per role,
// with diagram interchange) for modelling tools, and optionally the same diagram as SVG.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DefinitionIssue } from '../../domain/definition/issues.ts';
import { loadDefinition, parseYamlWith } from '../../domain/definition/load.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import { officeSchema } from '../../domain/office/schema.ts';
import { BPMN_CONTENT_TYPE, toBpmnXml } from '../../domain/sop/bpmn.ts';
import { toBpmnSvg } from '../../domain/sop/bpmn-svg.ts';

export interface BpmnExport {
  // A file name to offer: <office>-<service>.bpmn.
  fileName: string;
  contentType: string;
  xml: string;
}

export function bpmnForService(def: ServiceDefinition, officeName: string): BpmnExport {
  return { fileName: `${def.office}-${def.slug}.bpmn`, contentType: BPMN_CONTENT_TYPE, xml: toBpmnXml(def, officeName) };
}

export const exportBpmnUsage =
  'export-bpmn FILE [--office OFFICE.yaml] [--out FILE.bpmn] [--svg]   diagram BPMN 2.0 (dan SVG) dari berkas definisi';

// The command as the CLI runs it: FILE is a definition; the office's name comes from the
// office.yaml in the same folder unless --office names one (without one, the office's id is
// used); the .bpmn goes beside the definition unless --out says where, the .svg beside it.
export function exportBpmnCommand(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { office: { type: 'string' }, out: { type: 'string' }, svg: { type: 'boolean' } } });
  } catch (e) {
    console.error(`export-bpmn: ${(e as Error).message}\n${exportBpmnUsage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(`export-bpmn: sebutkan satu berkas definisi / name one definition file\n${exportBpmnUsage}`);
    return 1;
  }
  if (!existsSync(file)) {
    console.error(`${file}: berkas tidak ditemukan / file not found`);
    return 1;
  }
  const definition = loadDefinition(readFileSync(file, 'utf8'));
  if (!definition.ok) {
    printIssues(file, definition.issues);
    return 1;
  }
  const def = definition.value;

  let officeName = def.office;
  const officeFile = values.office ?? join(dirname(file), 'office.yaml');
  if (values.office !== undefined || existsSync(officeFile)) {
    if (!existsSync(officeFile)) {
      console.error(`${officeFile}: berkas tidak ditemukan / file not found`);
      return 1;
    }
    const office = parseYamlWith(readFileSync(officeFile, 'utf8'), officeSchema);
    if (!office.ok) {
      printIssues(officeFile, office.issues);
      return 1;
    }
    officeName = office.value.name;
  }

  const out = values.out ?? join(dirname(file), `${basename(file).replace(/\.ya?ml$/, '')}.bpmn`);
  const { xml } = bpmnForService(def, officeName);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  console.log(`${out}: ${def.steps.length} langkah / steps, ${def.roles.length} lajur / lanes`);
  if (values.svg) {
    const svgOut = out.replace(/\.bpmn$/, '') + '.svg';
    writeFileSync(svgOut, toBpmnSvg(def, { officeName }));
    console.log(svgOut);
  }
  return 0;
}

function printIssues(file: string, issues: DefinitionIssue[]) {
  for (const i of issues) console.error(`${file}: ${i.path}: ${i.id} (${i.en})`);
}
