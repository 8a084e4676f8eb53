// From the text of a definition file to a validated definition, or to every problem in it.
import { createHash } from 'node:crypto';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath, issue, type DefinitionIssue } from './issues.ts';
import { serviceDefinitionSchema, type ServiceDefinition } from './schema.ts';
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
  if (!parsed.ok) return parsed;
  const issues = validateDefinition(parsed.value);
  return issues.length > 0 ? { ok: false, issues } : parsed;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

// JSON with object keys sorted, so equal data always hashes equally.
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
