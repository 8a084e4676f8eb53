// Lines printed by `satupintu lint-sop` for the SOP linter's warnings, one per finding:
//   FILE: warning [rule] path: <Indonesian> (<English>)
import type { LintFinding } from '../../domain/definition/lint.ts';

export function formatFindings(file: string, findings: LintFinding[]): string[] {
  return findings.map((f) => `${file}: warning [${f.rule}] ${f.path}: ${f.id} (${f.en})`);
}
