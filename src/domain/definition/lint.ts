// The SOP linter: warnings about a definition that is structurally valid but says things that
// do not fit together — step times that exceed the promised service time, actors missing from
// the staff list, a product name that contradicts the service, steps the tracked flow never
// reaches. Structural errors are validate.ts's; nothing it reports is repeated here.
// Every rule is generic: it reads the definition, never a particular office or service.
import { exitsOf, normalizeTarget, successorStep } from './flow.ts';
import type { ServiceDefinition, Step } from './schema.ts';

export interface LintFinding {
  rule: string;
  // The field concerned, e.g. "steps[7].effort" or "standard.product".
  path: string;
  // What is wrong, in Indonesian (the officials' language) and English.
  id: string;
  en: string;
}

// The stable rule ids, in the order findings are reported.
export const LINT_RULES = [
  'time-sum',
  'step-no-time',
  'stated-total',
  'staff-missing',
  'staff-idle',
  'staff-count',
  'product-name',
  'requirement-unchecked',
  'outcome-nowhere',
  'unreachable',
  'duplicate-requirement',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

// A working day, for adding minutes and hours to day counts (SOPs count an office day as ~8 h).
export const WORKING_HOURS_PER_DAY = 8;
const EPSILON = 1e-9;

export function lintDefinition(def: ServiceDefinition): LintFinding[] {
  return [
    ...timeSum(def),
    ...stepNoTime(def),
    ...statedTotal(def),
    ...staffRules(def),
    ...productName(def),
    ...requirementUnchecked(def),
    ...outcomeNowhere(def),
    ...unreachable(def),
    ...duplicateRequirement(def),
  ];
}

const finding = (rule: LintRule, path: string, id: string, en: string): LintFinding => ({ rule, path, id, en });

// ---------------------------------------------------------------------------------------------
// Time

const roleKindOf = (def: ServiceDefinition, roleId: string) => def.roles.find((r) => r.id === roleId)?.kind;

// A step done by the applicant: the service clock is paused while the file is with them.
const isApplicantStep = (def: ServiceDefinition, step: Step) => step.kind === 'applicant' || roleKindOf(def, step.actor) === 'applicant';

// Staff work the office is accountable for: tracked, and not the applicant's.
const isStaffWork = (def: ServiceDefinition, step: Step) => step.tracked && !isApplicantStep(def, step);

function effortInDays(step: Step): number {
  if (!step.effort) return 0;
  // The SOP's own upper estimate (a range "10 - 30 menit" must fit in the promise at its top).
  const amount = step.effort.max ?? step.effort.min;
  switch (step.effort.unit) {
    case 'minutes':
      return amount / 60 / WORKING_HOURS_PER_DAY;
    case 'hours':
    case 'working_hours':
      return amount / WORKING_HOURS_PER_DAY;
    case 'working_days':
    case 'calendar_days':
      // Calendar days are counted one for one: without the office calendar this can only
      // under-estimate, so the rule never warns on a guess.
      return amount;
  }
}

// "H+N" is N working days after day H, the day the clock starts (as validate.ts reads it).
const dueInDays = (due: string): number => (due === 'H' ? 0 : Number(due.slice(2)));

const lengthInDays = (def: ServiceDefinition) =>
  def.serviceTime.unit === 'working_hours' ? def.serviceTime.length / WORKING_HOURS_PER_DAY : def.serviceTime.length;

function unitWords(def: ServiceDefinition): { id: string; en: string } {
  switch (def.serviceTime.unit) {
    case 'working_days':
      return { id: 'hari kerja', en: 'working days' };
    case 'calendar_days':
      return { id: 'hari', en: 'days' };
    case 'working_hours':
      return { id: 'jam kerja', en: 'working hours' };
  }
}

const inServiceUnit = (def: ServiceDefinition, days: number) =>
  def.serviceTime.unit === 'working_hours' ? days * WORKING_HOURS_PER_DAY : days;

const fmt = (n: number, lang: 'id' | 'en') => {
  const s = (Math.round(n * 100) / 100).toString();
  return lang === 'id' ? s.replace('.', ',') : s;
};

// The schedule from the clock start onward: each step finishes after its predecessors plus its
// own effort, and not before its due day. Only forward moves are followed — a return to an
// earlier step or to the applicant is a correction loop, not the planned flow.
function timeSum(def: ServiceDefinition): LintFinding[] {
  const start = def.steps.findIndex((s) => s.no === def.serviceTime.clockStartStep);
  if (start < 0) return [];
  const indexOf = new Map(def.steps.map((s, i) => [s.no, i]));
  const begins: (number | undefined)[] = def.steps.map(() => undefined);
  const ends: (number | undefined)[] = def.steps.map(() => undefined);
  const drivenBy: ('effort' | 'due' | null)[] = def.steps.map(() => null);
  begins[start] = 0;
  let lastDue = 0;
  for (let i = start; i < def.steps.length; i++) {
    const begin = begins[i];
    if (begin === undefined) continue;
    const step = def.steps[i]!;
    const counts = isStaffWork(def, step);
    const effort = counts ? effortInDays(step) : 0;
    let end = begin + effort;
    if (effort > 0) drivenBy[i] = 'effort';
    if (counts && step.due !== undefined) {
      const due = dueInDays(step.due);
      lastDue = Math.max(lastDue, due);
      if (due > end) {
        end = due;
        drivenBy[i] = 'due';
      }
    }
    ends[i] = end;
    for (const exit of exitsOf(def, i)) {
      const to = successorStep(exit.target);
      const j = to === null ? undefined : indexOf.get(to);
      if (j !== undefined && j > i) begins[j] = Math.max(begins[j] ?? 0, end);
    }
  }
  const limit = lengthInDays(def);
  const total = Math.max(0, ...ends.map((e) => e ?? 0));
  // A due offset beyond the promise is stated-total's (or validate.ts's) finding, not this one's.
  if (total <= limit + EPSILON || total <= lastDue + EPSILON) return [];
  const at = ends.findIndex((e, i) => e !== undefined && e > limit + EPSILON && drivenBy[i] !== null);
  if (at < 0) return [];
  const step = def.steps[at]!;
  const u = unitWords(def);
  const startNo = def.serviceTime.clockStartStep;
  const sum = inServiceUnit(def, total);
  return [
    finding(
      'time-sum',
      `steps[${at}].${drivenBy[at]}`,
      `waktu langkah-langkah sejak jam layanan mulai (langkah ${startNo}) berjumlah ${fmt(sum, 'id')} ${u.id} dan sudah melewati waktu layanan ${fmt(def.serviceTime.length, 'id')} ${u.id} pada langkah ${step.no}`,
      `the steps from the clock start (step ${startNo}) add up to ${fmt(sum, 'en')} ${u.en}, beyond the service time of ${fmt(def.serviceTime.length, 'en')} ${u.en} from step ${step.no} on`,
    ),
  ];
}

function stepNoTime(def: ServiceDefinition): LintFinding[] {
  const out: LintFinding[] = [];
  def.steps.forEach((step, i) => {
    if (!isStaffWork(def, step)) return;
    if (step.effort || step.due !== undefined || step.quality.time !== undefined) return;
    out.push(
      finding(
        'step-no-time',
        `steps[${i}]`,
        `langkah ${step.no} (${step.actor}) tidak mencantumkan waktu: tidak ada effort, due (H+N) maupun waktu pada mutu baku`,
        `step ${step.no} (${step.actor}) states no time: no effort, no due (H+N) and no quality time`,
      ),
    );
  });
  return out;
}

// Indonesian number words as SOPs write them beside the digits: "14 (empat belas) hari".
const ONES: Record<string, number> = { nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9 };

export function parseIndonesianNumber(words: string): number | null {
  const tokens = words.toLowerCase().split(/[\s-]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let total = 0;
  let pending: number | null = null;
  for (const t of tokens) {
    if (t === 'sepuluh') total += 10;
    else if (t === 'sebelas') total += 11;
    else if (t === 'seratus') total += 100;
    else if (t === 'seribu') total += 1000;
    else if (t in ONES) {
      if (pending !== null) total += pending;
      pending = ONES[t]!;
      continue;
    } else if (pending !== null && (t === 'belas' || t === 'puluh' || t === 'ratus')) {
      total += t === 'belas' ? 10 + pending : t === 'puluh' ? pending * 10 : pending * 100;
    } else return null;
    pending = null;
  }
  return total + (pending ?? 0);
}

interface StatedTime {
  amount: number;
  inWords: number | null;
  wordsText: string | null;
  unit: 'hari' | 'jam';
  qualifier: 'kerja' | 'kalender' | null;
}

// The first "N (words) hari|jam [kerja|kalender]" figure in a text.
function statedTime(text: string): StatedTime | null {
  const m = /(\d+(?:[.,]\d+)?)\s*(?:\(([^)]*)\)\s*)?(hari|jam)\b(?:\s+(kerja|kalender)\b)?/i.exec(text);
  if (!m) return null;
  const wordsText = m[2]?.trim() || null;
  return {
    amount: Number(m[1]!.replace(',', '.')),
    inWords: wordsText === null ? null : parseIndonesianNumber(wordsText),
    wordsText,
    unit: m[3]!.toLowerCase() as 'hari' | 'jam',
    qualifier: (m[4]?.toLowerCase() as 'kerja' | 'kalender' | undefined) ?? null,
  };
}

function checkStated(def: ServiceDefinition, path: string, what: { id: string; en: string }, text: string): LintFinding[] {
  const s = statedTime(text);
  if (!s) return [];
  const out: LintFinding[] = [];
  const u = unitWords(def);
  const L = def.serviceTime.length;
  if (s.inWords !== null && Math.abs(s.inWords - s.amount) > EPSILON) {
    out.push(
      finding(
        'stated-total',
        path,
        `${what.id} menulis angka ${fmt(s.amount, 'id')} tetapi terbilang "${s.wordsText}" (${s.inWords})`,
        `${what.en} gives ${fmt(s.amount, 'en')} in digits but "${s.wordsText}" (${s.inWords}) in words`,
      ),
    );
  }
  const statedDays = s.unit === 'jam' ? s.amount / WORKING_HOURS_PER_DAY : s.amount;
  if (Math.abs(statedDays - lengthInDays(def)) > EPSILON) {
    out.push(
      finding(
        'stated-total',
        path,
        `${what.id} menyebut ${fmt(s.amount, 'id')} ${s.unit}${s.qualifier ? ` ${s.qualifier}` : ''}, sedangkan waktu layanan (serviceTime.length) ${fmt(L, 'id')} ${u.id}`,
        `${what.en} says ${fmt(s.amount, 'en')} ${s.unit === 'jam' ? 'hours' : 'days'}, but the service time (serviceTime.length) is ${fmt(L, 'en')} ${u.en}`,
      ),
    );
  }
  const unitClash =
    (s.qualifier === 'kerja' && def.serviceTime.unit === 'calendar_days') ||
    (s.qualifier === 'kalender' && def.serviceTime.unit !== 'calendar_days');
  if (unitClash) {
    out.push(
      finding(
        'stated-total',
        path,
        `${what.id} menyebut ${s.unit} ${s.qualifier}, sedangkan satuan waktu layanan ${u.id}`,
        `${what.en} says ${s.qualifier === 'kerja' ? 'working' : 'calendar'} ${s.unit === 'jam' ? 'hours' : 'days'}, but the service time is in ${u.en}`,
      ),
    );
  }
  return out;
}

// The definition's own statements of the total against serviceTime.length: its text, any
// "TOTAL" figure kept as a step's quality time, and the last due day (H+N).
function statedTotal(def: ServiceDefinition): LintFinding[] {
  const out = checkStated(def, 'serviceTime.text', { id: 'teks waktu layanan', en: 'the service time text' }, def.serviceTime.text);
  def.steps.forEach((step, i) => {
    const time = step.quality.time;
    if (time !== undefined && /\btotal\b/i.test(time)) {
      out.push(...checkStated(def, `steps[${i}].quality.time`, { id: `total waktu pada langkah ${step.no}`, en: `the total time at step ${step.no}` }, time));
    }
  });
  // In days, validate.ts already refuses a due beyond the length; in working hours it cannot
  // compare, so the linter does: a due of H+N needs N whole working days.
  if (def.serviceTime.unit === 'working_hours') {
    let last = -1;
    def.steps.forEach((step, i) => {
      if (step.due !== undefined && (last < 0 || dueInDays(step.due) >= dueInDays(def.steps[last]!.due!))) last = i;
    });
    const lastStep = last >= 0 ? def.steps[last]! : undefined;
    if (lastStep && dueInDays(lastStep.due!) * WORKING_HOURS_PER_DAY > def.serviceTime.length + EPSILON) {
      const hours = dueInDays(lastStep.due!) * WORKING_HOURS_PER_DAY;
      out.push(
        finding(
          'stated-total',
          `steps[${last}].due`,
          `tenggat ${lastStep.due} (${hours} jam kerja) melewati waktu layanan ${fmt(def.serviceTime.length, 'id')} jam kerja`,
          `due ${lastStep.due} (${hours} working hours) is beyond the service time of ${fmt(def.serviceTime.length, 'en')} working hours`,
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Staff (Standar Pelayanan component "jumlah pelaksana" against the SOP's actor columns)

function staffRules(def: ServiceDefinition): LintFinding[] {
  const staffCount = def.standard.staffCount;
  if (!staffCount) return [];
  const out: LintFinding[] = [];
  const actsIn = new Map<string, number[]>();
  for (const step of def.steps) actsIn.set(step.actor, [...(actsIn.get(step.actor) ?? []), step.no]);
  const covered = new Set(staffCount.items.flatMap((item) => item.roles));
  const kindOf = new Map(def.roles.map((r) => [r.id, r.kind]));

  def.roles.forEach((role, i) => {
    if (role.kind === 'applicant') return;
    const steps = actsIn.get(role.id);
    if (!steps || covered.has(role.id)) return;
    out.push(
      finding(
        'staff-missing',
        `roles[${i}]`,
        `peran "${role.id}" (${role.name}) bertindak di langkah ${steps.join(', ')} tetapi tidak tercantum di jumlah pelaksana (standard.staffCount)`,
        `role "${role.id}" (${role.name}) acts in step ${steps.join(', ')} but is not in the staff list (standard.staffCount)`,
      ),
    );
  });

  staffCount.items.forEach((item, i) => {
    // An item mapped to no role cannot be checked against the flow.
    if (item.roles.length === 0 || item.roles.some((r) => actsIn.has(r))) return;
    out.push(
      finding(
        'staff-idle',
        `standard.staffCount.items[${i}]`,
        `pelaksana "${item.label}" (${item.roles.join(', ')}) tidak bertindak di langkah mana pun`,
        `staff "${item.label}" (${item.roles.join(', ')}) act in no step`,
      ),
    );
  });

  // People the office names against the office roles its flow uses. Items that only cover
  // external roles (a technical team from another agency) are not the office's people; more
  // people than roles is fine (two at a desk), fewer leaves a role with no one.
  if (staffCount.items.every((item) => item.count !== undefined)) {
    const officeItems = staffCount.items.filter((item) => item.roles.length === 0 || item.roles.some((r) => kindOf.get(r) === 'staff'));
    const people = officeItems.reduce((n, item) => n + item.count!, 0);
    const officeRoles = def.roles.filter((r) => r.kind === 'staff' && actsIn.has(r.id)).map((r) => r.id);
    if (people < officeRoles.length) {
      out.push(
        finding(
          'staff-count',
          'standard.staffCount',
          `jumlah pelaksana kantor ${people} orang, tetapi alur memakai ${officeRoles.length} peran petugas (${officeRoles.join(', ')})`,
          `the staff list counts ${people} office staff, but the flow uses ${officeRoles.length} staff roles (${officeRoles.join(', ')})`,
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Product name

// Words that say what kind of document or act it is, not what it permits.
const GENERIC_WORDS = new Set(['izin', 'surat', 'praktik', 'pelayanan', 'layanan', 'penerbitan', 'perizinan']);
// Words that end a permit's name in running text.
const STOP_WORDS = new Set([
  'yang', 'yg', 'dan', 'atau', 'serta', 'ke', 'kepada', 'dari', 'untuk', 'utk', 'bagi', 'pada', 'di', 'dalam', 'dengan', 'dgn',
  'oleh', 'sesuai', 'telah', 'sudah', 'akan', 'selesai', 'ini', 'itu', 'tersebut', 'baru', 'lama', 'non', 'asli',
]);
// Spelling variants found in SOPs, so that they are not read as different names.
const VARIANTS: Record<string, string> = { praktek: 'praktik', ijin: 'izin', zin: 'izin', medik: 'medis', apotik: 'apotek' };
const IZIN_WORDS = new Set(['izin', 'ijin', 'zin']);

const normWord = (w: string) => {
  const lower = w.toLowerCase();
  return VARIANTS[lower] ?? lower;
};

interface Token {
  text: string;
  word: boolean;
  index: number;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*|\n|[^\s\p{L}\p{N}]/gu)].map((m) => ({
    text: m[0],
    word: /^[\p{L}\p{N}]/u.test(m[0]),
    index: m.index,
  }));
}

// The subject of the service: its name without generic words and parenthesised acronyms.
function serviceSubject(name: string): string[] {
  return tokenize(name.replace(/\([^)]*\)/g, ' '))
    .filter((t) => t.word)
    .map((t) => normWord(t.text))
    .filter((w) => !GENERIC_WORDS.has(w));
}

interface Mention {
  quote: string;
  subject: string[];
}

// Permits named in a text: "Izin <X>" / "Surat Izin <X>", X being the words that follow, minus
// generic words, up to punctuation or a stop word. In running text X must start with a capital
// letter (an SOP capitalises names; "surat izin yang ..." names nothing).
function mentions(text: string, runningText: boolean): Mention[] {
  const tokens = tokenize(text);
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.word || !IZIN_WORDS.has(t.text.toLowerCase())) continue;
    const from = i > 0 && tokens[i - 1]!.word && tokens[i - 1]!.text.toLowerCase() === 'surat' ? tokens[i - 1]!.index : t.index;
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.word && GENERIC_WORDS.has(normWord(tokens[j]!.text))) j++;
    const subject: string[] = [];
    let end = t.index + t.text.length;
    for (; j < tokens.length; j++) {
      const u = tokens[j]!;
      if (!u.word) {
        if (u.text === '/' && subject.length > 0) continue;
        break;
      }
      const w = normWord(u.text);
      if (STOP_WORDS.has(w) || IZIN_WORDS.has(w)) break;
      if (runningText && subject.length === 0 && !/^\p{Lu}/u.test(u.text)) break;
      if (runningText && subject.length > 0 && !/^[\p{Lu}\p{N}]/u.test(u.text)) break;
      if (!GENERIC_WORDS.has(w)) subject.push(w);
      end = u.index + u.text.length;
    }
    if (subject.length > 0) out.push({ quote: text.slice(from, end), subject });
    i = j - 1;
  }
  return out;
}

// Names the same permit when one subject starts with the other ("Izin Penyalur" as short for
// "Izin Penyalur Alat Kesehatan"; "Izin Laboratorium Klinik Umum" as a kind of it).
const sameSubject = (a: string[], b: string[]) => {
  const n = Math.min(a.length, b.length);
  return n > 0 && a.slice(0, n).every((w, k) => w === b[k]);
};

function productName(def: ServiceDefinition): LintFinding[] {
  const subject = serviceSubject(def.name);
  if (subject.length === 0) return [];
  const out: LintFinding[] = [];

  // A field that is itself the product's name: the words after "izin", or all of them.
  const wholeName = (path: string, label: { id: string; en: string }, text: string) => {
    const named = mentions(text, false);
    const found = named.length > 0 ? named : [{ quote: text, subject: serviceSubject(text) }];
    const wrong = found.filter((m) => m.subject.length > 0 && !sameSubject(m.subject, subject));
    if (wrong.length === 0) return;
    out.push(
      finding(
        'product-name',
        path,
        `${label.id} "${text}" tidak sesuai dengan nama layanan "${def.name}"`,
        `${label.en} "${text}" does not match the service name "${def.name}"`,
      ),
    );
  };
  wholeName('standard.product', { id: 'produk layanan', en: 'the product' }, def.standard.product);
  wholeName('permit.title', { id: 'judul izin', en: 'the permit title' }, def.permit.title);

  def.steps.forEach((step, i) => {
    const fields: [string, string][] = [
      [`steps[${i}].title`, step.title],
      [`steps[${i}].activity`, step.activity],
      ...step.quality.completeness.map((c, k): [string, string] => [`steps[${i}].quality.completeness[${k}]`, c]),
      ...step.quality.output.map((c, k): [string, string] => [`steps[${i}].quality.output[${k}]`, c]),
      ...(step.note !== undefined ? [[`steps[${i}].note`, step.note] as [string, string]] : []),
    ];
    for (const [path, text] of fields) {
      const wrong = mentions(text, true).filter((m) => !sameSubject(m.subject, subject));
      if (wrong.length === 0) continue;
      const quoted = wrong.map((m) => `"${m.quote}"`).join(', ');
      out.push(
        finding(
          'product-name',
          path,
          `langkah ${step.no} menyebut ${quoted}, bukan izin layanan ini ("${def.name}")`,
          `step ${step.no} names ${quoted}, not this service's permit ("${def.name}")`,
        ),
      );
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Requirements and flow

// Checks in tracked steps only: an informational step shows no checklist to anyone.
function requirementUnchecked(def: ServiceDefinition): LintFinding[] {
  const tracked = def.steps.filter((s) => s.tracked);
  if (tracked.some((s) => s.checks === 'all')) return [];
  const checked = new Set(tracked.flatMap((s) => (Array.isArray(s.checks) ? s.checks : [])));
  const out: LintFinding[] = [];
  def.requirements.forEach((req, i) => {
    if (checked.has(req.id)) return;
    out.push(
      finding(
        'requirement-unchecked',
        `requirements[${i}]`,
        `persyaratan "${req.id}" tidak diperiksa di langkah mana pun (tidak ada checks: all atau checks yang menyebutnya)`,
        `requirement "${req.id}" is checked by no step (no checks: all, no checks naming it)`,
      ),
    );
  });
  return out;
}

function outcomeNowhere(def: ServiceDefinition): LintFinding[] {
  const out: LintFinding[] = [];
  const byNo = new Map(def.steps.map((s) => [s.no, s]));
  def.steps.forEach((step, i) => {
    step.outcomes?.forEach((o, k) => {
      const target = normalizeTarget(o.to);
      const path = `steps[${i}].outcomes[${k}].to`;
      // Back to the same step with nobody to wait for: taking it changes nothing.
      if (target.kind === 'step' && target.step === step.no) {
        out.push(
          finding(
            'outcome-nowhere',
            path,
            `hasil "${o.id}" langkah ${step.no} kembali ke langkah itu sendiri tanpa menunggu pemohon`,
            `outcome "${o.id}" of step ${step.no} leads back to the same step without waiting for the applicant`,
          ),
        );
        return;
      }
      const to = successorStep(target);
      const toStep = to === null ? undefined : byNo.get(to);
      if (toStep && !toStep.tracked) {
        out.push(
          finding(
            'outcome-nowhere',
            path,
            `hasil "${o.id}" langkah ${step.no} menuju langkah ${to} yang hanya informasi (tracked: false)`,
            `outcome "${o.id}" of step ${step.no} leads to step ${to}, which is informational only (tracked: false)`,
          ),
        );
      }
    });
  });
  return out;
}

function reachableFrom(def: ServiceDefinition, start: number): Set<number> {
  const indexOf = new Map(def.steps.map((s, i) => [s.no, i]));
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const i = queue.shift()!;
    for (const exit of exitsOf(def, i)) {
      const to = successorStep(exit.target);
      const j = to === null ? undefined : indexOf.get(to);
      if (j !== undefined && !seen.has(j)) {
        seen.add(j);
        queue.push(j);
      }
    }
  }
  return seen;
}

// Untracked steps at the start (asking for information) are shown, not run: a case starts at the
// first tracked step, so a tracked step only reachable through the untracked ones never runs.
// Steps unreachable from step 1 are validate.ts's error and are not repeated.
function unreachable(def: ServiceDefinition): LintFinding[] {
  const first = def.steps.findIndex((s) => s.tracked);
  if (first <= 0) return [];
  const fromStart = reachableFrom(def, 0);
  const fromFirst = reachableFrom(def, first);
  const out: LintFinding[] = [];
  const firstNo = def.steps[first]!.no;
  def.steps.forEach((step, i) => {
    if (!step.tracked || fromFirst.has(i) || !fromStart.has(i)) return;
    out.push(
      finding(
        'unreachable',
        `steps[${i}]`,
        `langkah ${step.no} tidak dapat dicapai dari langkah terlacak pertama (langkah ${firstNo})`,
        `step ${step.no} is unreachable from the first tracked step (step ${firstNo})`,
      ),
    );
  });
  return out;
}

const normText = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.,;:]+$/, '').trim();

function duplicateRequirement(def: ServiceDefinition): LintFinding[] {
  const out: LintFinding[] = [];
  const seen = new Map<string, number>();
  def.requirements.forEach((req, i) => {
    const key = normText(req.text);
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, i);
      return;
    }
    const first = def.requirements[earlier]!;
    out.push(
      finding(
        'duplicate-requirement',
        `requirements[${i}]`,
        `persyaratan "${req.text}" (${req.id}) sama dengan requirements[${earlier}] (${first.id})`,
        `requirement "${req.text}" (${req.id}) repeats requirements[${earlier}] (${first.id})`,
      ),
    );
  });
  return out;
}
