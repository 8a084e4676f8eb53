// From the text of a definition file to a validated definition, or to every problem in it.
import { createHash } from 'node:crypto';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath, issue, type DefinitionIssue } from './issues.ts';
import { serviceDefinitionSchema, stepSchema, type ServiceDefinition } from './schema.ts';
import { validateDefinition } from './validate.ts';

export type LoadResult<T> = { ok: true; value: T; contentHash: string } | { ok: false; issues: DefinitionIssue[] };

// Parses YAML and checks it against a schema, reporting YAML syntax errors and every schema
// violation with its path. The content hash is over the validated data, so formatting and
// comments do not make a new version.
export function parseYamlWith<T>(source: string, schema: z.ZodType<T>): LoadResult<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `baris ${pos.line}:${pos.col}` : '(yaml)';
        return issue(where, `YAML tidak valid: ${e.message}`, `invalid YAML: ${e.message}`);
      }),
    };
  }
  const data: unknown = doc.toJS();
  if (!isMap(doc.contents) && !isSeq(doc.contents)) {
    return { ok: false, issues: [issue('(root)', 'berkas kosong atau bukan objek YAML', 'the file is empty or not a YAML mapping')] };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => issue(formatPath(i.path), i.message, i.message)),
    };
  }
  return { ok: true, value: parsed.data, contentHash: hashOf(parsed.data) };
}

export function loadDefinition(source: string): LoadResult<ServiceDefinition> {
  const parsed = parseYamlWith(source, serviceDefinitionSchema);
  if (!parsed.ok) {
    // Report the flow's problems alongside the schema's, so one run lists everything.
    const flowPart = usableFlowPart(parseDocument(source).toJS());
    if (flowPart === null) return parsed;
    const seen = new Set(parsed.issues.map((i) => `${i.path}|${i.en}`));
    const more = validateDefinition(flowPart).filter((i) => !seen.has(`${i.path}|${i.en}`));
    return { ok: false, issues: [...parsed.issues, ...more] };
  }
  const issues = validateDefinition(parsed.value);
  return issues.length > 0 ? { ok: false, issues } : parsed;
}

// The parts of an invalid definition that the flow rules read, when they are themselves
// valid: each step is taken if at least its number, actor, kind and ways out are sound.
function usableFlowPart(raw: unknown): ServiceDefinition | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const shape = serviceDefinitionSchema.shape;
  const part: Record<string, unknown> = {};
  for (const key of ['roles', 'requirements', 'attributes', 'applicationTypes', 'serviceTime'] as const) {
    const p = shape[key].safeParse(r[key]);
    if (!p.success) return null;
    part[key] = p.data;
  }
  if (!Array.isArray(r.steps) || r.steps.length === 0) return null;
  const steps = [];
  for (const rawStep of r.steps) {
    const full = stepSchema.safeParse(rawStep);
    if (full.success) {
      steps.push(full.data);
      continue;
    }
    const core = flowCoreSchema.safeParse(rawStep);
    if (!core.success) return null;
    steps.push({ title: '-', activity: '-', quality: { completeness: [], output: [] }, tracked: true, ...core.data });
  }
  part.steps = steps;
  const standard = shape.standard.safeParse(r.standard);
  part.standard = standard.success ? standard.data : {};
  return part as unknown as ServiceDefinition;
}

const flowCoreSchema = stepSchema.pick({ no: true, actor: true, kind: true, next: true, outcomes: true, checks: true, due: true });

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

// JSON with object keys sorted, so equal data always hashes equally. Audit hashes already stored
// depend on this exact text, so it must stay byte for byte what it has always been: keys in
// UTF-16 order, undefined members left out, an undefined array element written as nothing.
// Written as loops because every audit event is hashed through it.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (canonicalJson(value[i]) ?? '');
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
