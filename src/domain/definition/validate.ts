// Structural rules a definition must satisfy before it may run cases. Every rule reports
// every violation it finds, each with its path, so an author fixes a file in one pass.
import { exitsOf, successorStep } from './flow.ts';
import { issue, type DefinitionIssue } from './issues.ts';
import type { ServiceDefinition } from './schema.ts';

export function validateDefinition(def: ServiceDefinition): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  const duplicates = <T>(items: T[], key: (t: T) => string | number, path: (i: number) => string, what: string, whatEn: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) out.push(issue(path(i), `${what} "${k}" ganda (sudah ada di indeks ${seen.get(k)})`, `duplicate ${whatEn} "${k}" (already at index ${seen.get(k)})`));
      else seen.set(k, i);
    });
  };

  duplicates(def.steps, (s) => s.no, (i) => `steps[${i}].no`, 'nomor langkah', 'step number');
  duplicates(def.requirements, (r) => r.id, (i) => `requirements[${i}].id`, 'id persyaratan', 'requirement id');
  duplicates(def.roles, (r) => r.id, (i) => `roles[${i}].id`, 'id peran', 'role id');
  duplicates(def.attributes, (a) => a.id, (i) => `attributes[${i}].id`, 'id atribut', 'attribute id');

  const roleIds = new Set(def.roles.map((r) => r.id));
  const stepNos = new Set(def.steps.map((s) => s.no));
  const requirementIds = new Set(def.requirements.map((r) => r.id));
  const attributeIds = new Set(def.attributes.map((a) => a.id));

  def.roles.forEach((role, i) => {
    if (role.kind !== 'applicant' && role.positions.length === 0) {
      out.push(issue(`roles[${i}].positions`, `peran "${role.id}" belum dipetakan ke jabatan mana pun`, `role "${role.id}" is not mapped to any position`));
    }
  });

  def.requirements.forEach((req, i) => {
    (req.types ?? []).forEach((t, j) => {
      if (!def.applicationTypes.includes(t)) {
        out.push(issue(`requirements[${i}].types[${j}]`, `jenis permohonan "${t}" tidak ada di applicationTypes`, `application type "${t}" is not in applicationTypes`));
      }
    });
    req.when.forEach((a, j) => {
      if (!attributeIds.has(a)) out.push(issue(`requirements[${i}].when[${j}]`, `tidak ada atribut "${a}"`, `no attribute "${a}"`));
    });
  });

  def.applicationTypes.forEach((t, i) => {
    if (!def.requirements.some((r) => r.types === undefined || r.types.includes(t))) {
      out.push(issue(`applicationTypes[${i}]`, `tidak ada persyaratan untuk jenis permohonan "${t}"`, `no requirement mentions application type "${t}"`));
    }
  });

  def.steps.forEach((step, i) => {
    if (!roleIds.has(step.actor)) out.push(issue(`steps[${i}].actor`, `tidak ada peran "${step.actor}"`, `unknown actor "${step.actor}"`));
    if (step.kind === 'decision' && (step.outcomes?.length ?? 0) < 2) {
      out.push(issue(`steps[${i}].outcomes`, 'langkah keputusan harus punya sedikitnya dua hasil', 'a decision needs at least two outcomes'));
    }
    if (step.outcomes && step.next !== undefined) {
      out.push(issue(`steps[${i}].next`, 'langkah dengan hasil (outcomes) tidak boleh juga punya next', 'a step with outcomes must not also have next'));
    }
    if (step.signs !== undefined && step.kind !== 'sign') {
      out.push(issue(`steps[${i}].signs`, 'hanya langkah tanda tangan (sign) yang boleh punya signs', 'only a sign step may say what it signs'));
    }
    if (step.outcomes) duplicates(step.outcomes, (o) => o.id, (j) => `steps[${i}].outcomes[${j}].id`, 'id hasil', 'outcome id');
    if (Array.isArray(step.checks)) {
      step.checks.forEach((c, j) => {
        if (!requirementIds.has(c)) out.push(issue(`steps[${i}].checks[${j}]`, `tidak ada persyaratan "${c}"`, `no requirement "${c}"`));
      });
    }
    for (const exit of exitsOf(def, i)) {
      const to = successorStep(exit.target);
      if (to !== null && !stepNos.has(to)) {
        const field = exit.target.kind === 'applicant' ? `${exit.path}.applicant.resumeAt` : exit.path;
        out.push(issue(field, `tidak ada langkah ${to}`, `no step ${to}`));
      }
    }
  });

  const permitSigns = def.steps.filter((s) => s.kind === 'sign' && (s.signs ?? 'permit') === 'permit');
  if (permitSigns.length > 1) {
    out.push(issue('steps', `lebih dari satu langkah menandatangani izin (langkah ${permitSigns.map((s) => s.no).join(', ')}); tandai surat lain dengan signs: letter`, `more than one step signs the permit (steps ${permitSigns.map((s) => s.no).join(', ')}); mark other letters with signs: letter`));
  }
  if (!stepNos.has(def.serviceTime.clockStartStep)) {
    out.push(issue('serviceTime.clockStartStep', `tidak ada langkah ${def.serviceTime.clockStartStep}`, `no step ${def.serviceTime.clockStartStep}`));
  }
  if (def.serviceTime.unit === 'working_hours' && !Number.isInteger(def.serviceTime.length * 60)) {
    out.push(issue('serviceTime.length', 'lama layanan dalam jam kerja harus bulat sampai menit', 'a length in working hours must be a whole number of minutes'));
  }
  if (def.serviceTime.unit !== 'working_hours' && !Number.isInteger(def.serviceTime.length)) {
    out.push(issue('serviceTime.length', 'lama layanan dalam hari harus bilangan bulat', 'a length in days must be a whole number'));
  }
  def.steps.forEach((step, i) => {
    if (step.due && step.due !== 'H') {
      const days = Number(step.due.slice(2));
      if (def.serviceTime.unit !== 'working_hours' && days > def.serviceTime.length) {
        out.push(issue(`steps[${i}].due`, `tenggat ${step.due} melewati waktu layanan ${def.serviceTime.length} hari`, `due ${step.due} is beyond the service time of ${def.serviceTime.length} days`));
      }
    }
  });
  def.standard.staffCount?.items.forEach((item, i) =>
    item.roles.forEach((r, j) => {
      if (!roleIds.has(r)) out.push(issue(`standard.staffCount.items[${i}].roles[${j}]`, `tidak ada peran "${r}"`, `no role "${r}"`));
    }),
  );

  // Walking the graph only makes sense once every step number is unique and every target exists.
  const graphIsSound = stepNos.size === def.steps.length && def.steps.every((_, i) => exitsOf(def, i).every((e) => {
    const to = successorStep(e.target);
    return to === null || stepNos.has(to);
  }));
  if (graphIsSound) out.push(...graphIssues(def));
  return out;
}

// Every step must be reachable from the first, and every step must be able to reach an end:
// a loop with no way out would leave a case stuck forever.
function graphIssues(def: ServiceDefinition): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  const indexOf = new Map(def.steps.map((s, i) => [s.no, i]));
  const edges = def.steps.map((_, i) => exitsOf(def, i));
  const reachesEnd = def.steps.map((_, i) => edges[i]!.some((e) => e.target.kind === 'end'));

  const reachable = new Set<number>([0]);
  const queue = [0];
  while (queue.length > 0) {
    const i = queue.shift()!;
    for (const e of edges[i]!) {
      const to = successorStep(e.target);
      const j = to === null ? undefined : indexOf.get(to);
      if (j !== undefined && !reachable.has(j)) {
        reachable.add(j);
        queue.push(j);
      }
    }
  }
  def.steps.forEach((s, i) => {
    if (!reachable.has(i)) out.push(issue(`steps[${i}]`, `langkah ${s.no} tidak dapat dicapai dari langkah awal`, `step ${s.no} is unreachable from the start`));
  });

  let changed = true;
  while (changed) {
    changed = false;
    edges.forEach((es, i) => {
      if (reachesEnd[i]) return;
      if (es.some((e) => { const to = successorStep(e.target); const j = to === null ? undefined : indexOf.get(to); return j !== undefined && reachesEnd[j]; })) {
        reachesEnd[i] = true;
        changed = true;
      }
    });
  }
  if (!reachesEnd.some((r) => r)) {
    out.push(issue('steps', 'alur tidak pernah berakhir: tidak ada langkah yang menuju akhir', 'the flow never ends: no step leads to an end'));
  } else {
    def.steps.forEach((s, i) => {
      if (reachable.has(i) && !reachesEnd[i]) {
        out.push(issue(`steps[${i}]`, `langkah ${s.no} berada dalam siklus tanpa jalan keluar`, `step ${s.no} is in a cycle with no way out`));
      }
    });
  }
  return out;
}
