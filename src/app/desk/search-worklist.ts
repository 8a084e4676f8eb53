// The desk's worklist: the open tasks at an official's roles in their office, soonest due first,
// with filters (service, step, service-time state, who has the task) and a search by tracking
// code, NIB/NIK or the start of the applicant's name.
//
// Every page is a keyset range: per role, an index range scan of tasks_worklist_order from the
// cursor, merged and cut to the page. A search first finds the few matching cases through their
// own indexes, then their open tasks. Counts per role come from the same partial index.
import { sql, type RawBuilder } from 'kysely';
import { addWorkingMs, remainingWorkingMs, slaState, type SlaState } from '../../domain/calendar/working-calendar.ts';
import { approverRoles, stepOf } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';
import { loadClock } from '../workflow/clock.ts';
import { DUE_SOON_WORKING_MS } from '../workflow/get-application.ts';
import type { StaffContext } from './staff-context.ts';

export const ALL_TAB = 'semua';
// Counts stop here per role: a tab shows "1000+" rather than counting a whole backlog.
export const COUNT_CAP = 1000;
// A name search looks at no more than this many applicants (and says so when there are more).
export const SEARCH_CAP = 2000;
export const SUPERVISE_TAB = 'pengawasan';

export interface WorklistQuery {
  // A role id, ALL_TAB (every role held) or SUPERVISE_TAB (every task of the services whose
  // approval chain this official is part of).
  tab?: string | undefined;
  service?: string | undefined;
  step?: number | undefined;
  sla?: SlaState | undefined;
  assignment?: 'mine' | 'unassigned' | 'others' | undefined;
  q?: string | undefined;
  after?: string | undefined;
  limit?: number | undefined;
}

export interface WorklistItem {
  taskId: string;
  caseId: string;
  trackingCode: string;
  service: string;
  serviceName: string;
  step: number;
  stepTitle: string;
  stepKind: string;
  role: string;
  roleName: string;
  dueAt: Date | null;
  sla: SlaState | null;
  workingMsLeft: number | null;
  assigneeId: string | null;
  assigneeName: string | null;
  applicantName: string;
  // Whether this official may claim the task, or hand it to a colleague.
  canClaim: boolean;
  canAssign: boolean;
}

export interface WorklistTab {
  id: string;
  label: string;
  count: number;
}

export interface Worklist {
  tab: string;
  tabs: WorklistTab[];
  items: WorklistItem[];
  next: string | null;
  // The search matched more applicants than are looked at: the person should narrow it.
  broadSearch: boolean;
}

interface Pair {
  slug: string;
  role: string;
}

export async function searchWorklist(db: Db, staff: StaffContext, query: WorklistQuery, now: Date): Promise<Worklist> {
  const office = staff.office.id;
  const heldPairs: Pair[] = staff.services.flatMap((s) => [...s.held.keys()].map((role) => ({ slug: s.slug, role })));
  const supervised = staff.services.filter((s) => [...approverRoles(s.def)].some((r) => s.held.has(r)));
  const supervisePairs: Pair[] = supervised.flatMap((s) => s.def.roles.filter((r) => r.kind !== 'applicant').map((r) => ({ slug: s.slug, role: r.id })));

  const roleNames = new Map<string, string>();
  for (const s of staff.services) for (const r of s.def.roles) if (!roleNames.has(r.id)) roleNames.set(r.id, r.name);
  const counts = await countByRole(db, office, heldPairs, staff);
  const tabs: WorklistTab[] = [...new Set(heldPairs.map((p) => p.role))].map((role) => ({ id: role, label: roleNames.get(role) ?? role, count: counts.get(role) ?? 0 }));
  tabs.unshift({ id: ALL_TAB, label: '', count: Math.min(tabs.reduce((n, t) => n + t.count, 0), COUNT_CAP + 1) });
  if (supervisePairs.length > 0) tabs.push({ id: SUPERVISE_TAB, label: '', count: await countPairs(db, office, supervisePairs, staff) });

  let tab = query.tab ?? ALL_TAB;
  if (!tabs.some((t) => t.id === tab)) tab = ALL_TAB;
  let pairs = tab === ALL_TAB ? heldPairs : tab === SUPERVISE_TAB ? supervisePairs : heldPairs.filter((p) => p.role === tab);
  if (query.service) pairs = pairs.filter((p) => p.slug === query.service);
  // A step is done by one role: only that role's list needs reading.
  if (query.step !== undefined) {
    const step = query.step;
    pairs = pairs.filter((p) => staff.services.find((s) => s.slug === p.slug)?.def.steps.some((st) => st.no === step && st.actor === p.role));
  }
  if (pairs.length === 0) return { tab, tabs, items: [], next: null, broadSearch: false };

  const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
  const calendar = (await loadClock(db, office)).calendar;
  const conditions: RawBuilder<unknown>[] = [sql`t.office_id = ${office}`, sql`t.status = 'open'`];
  const pairFilter = pairCondition(pairs, staff);
  if (pairFilter) conditions.push(pairFilter);
  if (query.step !== undefined) conditions.push(sql`t.step_no = ${query.step}`);
  if (query.sla === 'overdue') conditions.push(sql`t.due_at < ${now}`);
  else if (query.sla === 'due_soon') conditions.push(sql`t.due_at >= ${now} and t.due_at <= ${addWorkingMs(calendar, now, DUE_SOON_WORKING_MS)}`);
  else if (query.sla === 'on_time') conditions.push(sql`t.due_at > ${addWorkingMs(calendar, now, DUE_SOON_WORKING_MS)}`);
  if (query.assignment === 'mine') conditions.push(sql`t.assignee_user_id = ${staff.userId}`);
  else if (query.assignment === 'unassigned') conditions.push(sql`t.assignee_user_id is null`);
  else if (query.assignment === 'others') conditions.push(sql`t.assignee_user_id is not null and t.assignee_user_id <> ${staff.userId}`);
  const cursor = decodeCursor(query.after);
  if (cursor) conditions.push(sql`(coalesce(t.due_at, 'infinity'::timestamptz), t.id) > (${cursor.due}::timestamptz, ${cursor.id}::bigint)`);

  const columns = sql`t.id as task_id, t.case_id, t.step_no, t.role_id, t.due_at, t.assignee_user_id,
    coalesce(t.due_at, 'infinity'::timestamptz) as due_key, c.tracking_code, c.service_slug, c.definition_version,
    coalesce(a.company_name, a.name) as applicant_name, u.display_name as assignee_name`;
  const from = sql`tasks t join cases c on c.id = t.case_id join applicants a on a.id = c.applicant_id left join users u on u.id = t.assignee_user_id`;
  const where = sql.join(conditions, sql` and `);
  const roles = [...new Set(pairs.map((p) => p.role))];
  const search = normaliseSearch(query.q);

  let rows: Row[];
  let broadSearch = false;
  if (search) {
    if (search.prefix) {
      const many = await sql<{ n: string }>`select count(*)::text as n from (select 1 from applicants where lower(name) like ${search.prefix} or lower(company_name) like ${search.prefix} limit ${SEARCH_CAP + 1}) x`.execute(db);
      broadSearch = Number(many.rows[0]?.n ?? 0) > SEARCH_CAP;
    }
    // The matching cases first, through their own indexes; then their open tasks.
    rows = (await sql<Row>`with candidates as (${candidateCases(office, search)})
      select ${columns} from ${from}
      where t.case_id in (select id from candidates) and t.role_id in (${sql.join(roles)}) and ${where}
      order by due_key, t.id limit ${limit + 1}`.execute(db)).rows;
  } else {
    // One index range per role, merged: each role's list is read in order from the cursor.
    rows = (await sql<Row>`select x.* from (values ${sql.join(roles.map((r) => sql`(${r})`))}) as r(role)
      cross join lateral (
        select ${columns} from ${from}
        where t.role_id = r.role and ${where}
        order by coalesce(t.due_at, 'infinity'::timestamptz), t.id limit ${limit + 1}
      ) x
      order by x.due_key, x.task_id limit ${limit + 1}`.execute(db)).rows;
  }

  const page = rows.slice(0, limit);
  const items: WorklistItem[] = [];
  for (const r of page) {
    const def = await pinnedDefinition(db, office, r.service_slug, r.definition_version);
    const step = stepOf(def, r.step_no);
    const service = staff.services.find((s) => s.slug === r.service_slug);
    const held = service?.held ?? new Map();
    const dueAt = r.due_at === null ? null : new Date(r.due_at);
    items.push({
      taskId: String(r.task_id),
      caseId: String(r.case_id),
      trackingCode: r.tracking_code,
      service: r.service_slug,
      serviceName: def.name,
      step: r.step_no,
      stepTitle: step.title,
      stepKind: step.kind,
      role: r.role_id,
      roleName: def.roles.find((x) => x.id === r.role_id)?.name ?? r.role_id,
      dueAt,
      sla: dueAt ? slaState(calendar, now, dueAt, DUE_SOON_WORKING_MS) : null,
      workingMsLeft: dueAt ? remainingWorkingMs(calendar, now, dueAt) : null,
      assigneeId: r.assignee_user_id === null ? null : String(r.assignee_user_id),
      assigneeName: r.assignee_name,
      applicantName: r.applicant_name,
      canClaim: held.has(r.role_id) && r.assignee_user_id === null,
      canAssign: held.has(r.role_id) || [...approverRoles(def)].some((x) => held.has(x)),
    });
  }
  const last = page[page.length - 1];
  return { tab, tabs, items, next: rows.length > limit && last ? encodeCursor(last.due_at === null ? null : new Date(last.due_at), String(last.task_id)) : null, broadSearch };
}

interface Row {
  task_id: string | number;
  case_id: string | number;
  step_no: number;
  role_id: string;
  due_at: Date | string | null;
  assignee_user_id: string | number | null;
  due_key: unknown;
  tracking_code: string;
  service_slug: string;
  definition_version: number;
  applicant_name: string;
  assignee_name: string | null;
}

// A role id may appear in several services of the office; when the official holds it in only
// some of them, the list is limited to those services.
function pairCondition(pairs: Pair[], staff: StaffContext): RawBuilder<unknown> | null {
  const roles = new Set(pairs.map((p) => p.role));
  const covered = staff.services.every((s) => s.def.roles.every((r) => !roles.has(r.id) || pairs.some((p) => p.slug === s.slug && p.role === r.id)));
  if (covered) return null;
  return sql`(c.service_slug, t.role_id) in (${sql.join(pairs.map((p) => sql`(${p.slug}, ${p.role})`))})`;
}

async function countByRole(db: Db, office: string, pairs: Pair[], staff: StaffContext): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const roles = [...new Set(pairs.map((p) => p.role))];
  if (roles.length === 0) return out;
  const filter = pairCondition(pairs, staff);
  const rows = (await sql<{ role: string; n: string }>`select r.role, (select count(*) from (
      select 1 from tasks t ${filter ? sql`join cases c on c.id = t.case_id` : sql``}
      where t.office_id = ${office} and t.status = 'open' and t.role_id = r.role ${filter ? sql`and ${filter}` : sql``}
      limit ${COUNT_CAP + 1}) x)::text as n
    from (values ${sql.join(roles.map((r) => sql`(${r})`))}) as r(role)`.execute(db)).rows;
  for (const r of rows) out.set(r.role, Number(r.n));
  return out;
}

async function countPairs(db: Db, office: string, pairs: Pair[], staff: StaffContext): Promise<number> {
  let n = 0;
  for (const c of (await countByRole(db, office, pairs, staff)).values()) n += c;
  return Math.min(n, COUNT_CAP + 1);
}

interface Search {
  code: string | null;
  digits: string | null;
  prefix: string | null;
}

// A tracking code, a NIB (13 digits) or NIK (16 digits), or the start of a name.
function normaliseSearch(q: string | undefined): Search | null {
  const text = (q ?? '').trim().slice(0, 100);
  if (text.length === 0) return null;
  const compact = text.replace(/[\s.-]/g, '');
  const digits = /^\d{13}$|^\d{16}$/.test(compact) ? compact : null;
  const code = /^[A-Za-z0-9-]{4,40}$/.test(text) ? text.toUpperCase() : null;
  const prefix = text.length >= 2 && !digits ? `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return { code, digits, prefix };
}

function candidateCases(office: string, s: Search): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (s.code) parts.push(sql`select id from cases where tracking_code = ${s.code} and office_id = ${office}`);
  if (s.digits) {
    parts.push(sql`select c.id from cases c where c.office_id = ${office} and c.applicant_id in (select id from applicants where nib = ${s.digits} or nik = ${s.digits})`);
  }
  if (s.prefix) {
    parts.push(sql`select c.id from cases c where c.office_id = ${office} and c.applicant_id in (
      select id from applicants where lower(name) like ${s.prefix} or lower(company_name) like ${s.prefix} limit ${SEARCH_CAP})`);
  }
  if (parts.length === 0) return sql`select null::bigint as id where false`;
  return sql.join(parts, sql` union `);
}

export const encodeCursor = (due: Date | null, id: string) => Buffer.from(JSON.stringify([due ? due.toISOString() : 'infinity', id])).toString('base64url');

export function decodeCursor(s: string | undefined): { due: string; id: string } | null {
  if (!s || s.length > 200) return null;
  try {
    const [due, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [unknown, unknown];
    if (typeof due !== 'string' || !/^\d{1,18}$/.test(String(id)) || (due !== 'infinity' && Number.isNaN(Date.parse(due)))) return null;
    return { due, id: String(id) };
  } catch {
    return null;
  }
}
