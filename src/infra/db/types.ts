// Row types of the tables, as Kysely sees them. Domain types live in domain/; mappers sit in
// the queries that read these rows.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface OfficesTable {
  id: string;
  name: string;
  short_name: string;
  time_zone: string;
  document: Json<unknown>;
  content_hash: string;
  updated_at: Timestamp;
}

export interface UnitsTable {
  office_id: string;
  id: string;
  name: string;
  external: boolean;
}

export interface PositionsTable {
  office_id: string;
  id: string;
  name: string;
  unit_id: string;
}

export interface CalendarDaysTable {
  calendar_id: string;
  day: ColumnType<string, string, string>;
  name: string;
  kind: 'holiday' | 'collective_leave';
  decree: string;
}

export interface OfficeHolidaysTable {
  office_id: string;
  day: ColumnType<string, string, string>;
  name: string;
}

export interface ServicesTable {
  office_id: string;
  slug: string;
  name: string;
  current_version: number;
}

export interface ServiceVersionsTable {
  office_id: string;
  slug: string;
  version: number;
  content_hash: string;
  definition: Json<unknown>;
  imported_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  kind: 'staff' | 'applicant';
  office_id: string | null;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  created_at: Timestamp;
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  email_verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface UserPositionsTable {
  user_id: string;
  office_id: string;
  position_id: string;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface ApplicantsTable {
  id: Generated<string>;
  kind: 'person' | 'company';
  name: string;
  nik: string | null;
  nib: string | null;
  npwp: string | null;
  company_name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  user_id: string | null;
  created_at: Generated<Date>;
}

export type CaseStatus = 'active' | 'waiting_applicant' | 'completed' | 'rejected' | 'withdrawn';

export interface CasesTable {
  id: Generated<string>;
  tracking_code: string;
  office_id: string;
  service_slug: string;
  definition_version: number;
  applicant_id: string;
  application_type: string;
  answers: Json<Record<string, boolean>>;
  channel: 'online' | 'counter' | 'api';
  status: CaseStatus;
  current_step: number | null;
  resume_step: number | null;
  submitted_at: Timestamp;
  clock_started_at: Timestamp | null;
  due_at: Timestamp | null;
  closed_at: Timestamp | null;
  escalated_at: Timestamp | null;
  updated_at: Timestamp;
  // Advanced by every writer of the case (migration 0011).
  version: Generated<number>;
}

export interface TasksTable {
  id: Generated<string>;
  case_id: string;
  office_id: string;
  step_no: number;
  role_id: string;
  status: 'open' | 'done' | 'cancelled';
  assignee_user_id: string | null;
  created_at: Timestamp;
  claimed_at: Timestamp | null;
  due_at: Timestamp | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  outcome: string | null;
}

export interface CasePausesTable {
  case_id: string;
  paused_at: Timestamp;
  resumed_at: Timestamp | null;
  reason: string;
}

export interface AuditEventsTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  at: Timestamp;
  action: string;
  step_from: number | null;
  step_to: number | null;
  actor_user_id: string | null;
  actor_kind: 'staff' | 'applicant' | 'system';
  actor_position: string | null;
  acting_for: string | null;
  note: string | null;
  data: Json<unknown>;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: Generated<string>;
  case_id: string | null;
  topic: string;
  payload: Json<unknown>;
  created_at: Timestamp;
  dispatched_at: Timestamp | null;
  attempts: Generated<number>;
}

export interface DeliveriesTable {
  outbox_id: string;
  channel: string;
  delivered_at: Timestamp;
  detail: Json<unknown>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response: Json<unknown>;
  created_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ActingAssignmentsTable {
  id: Generated<string>;
  office_id: string;
  position_id: string;
  user_id: string;
  kind: 'plt' | 'plh';
  from_day: ColumnType<string, string, string>;
  to_day: ColumnType<string, string, string>;
}

export interface NumberCountersTable {
  office_id: string;
  series: string;
  year: number;
  last_value: number;
}

export interface PermitsTable {
  id: Generated<string>;
  case_id: string;
  office_id: string;
  series: string;
  year: number;
  seq: number;
  number: string;
  verification_code: string;
  status: 'issued' | 'superseded' | 'revoked';
  issued_at: Timestamp;
  valid_from: ColumnType<string, string, string>;
  valid_until: ColumnType<string | null, string | null, string | null>;
  holder_name: string;
  signed_by: string | null;
  signatory_position: string;
  acting_for: string | null;
  registered_at: Timestamp | null;
  registered_by: string | null;
  handed_over_at: Timestamp | null;
  supersedes: string | null;
  document_hash: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  second_factor_at: Timestamp | null;
  second_factor_pending: Generated<boolean>;
}

export interface LoginFailuresTable {
  username: string;
  at: Timestamp;
}

export interface CaseDocumentsTable {
  id: Generated<string>;
  case_id: string | null;
  draft_id: string | null;
  requirement_id: string | null;
  kind: 'requirement' | 'technical_recommendation' | 'cover_letter' | 'permit' | 'receipt' | 'archive' | 'other';
  storage_key: string;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
  superseded_at: Timestamp | null;
}

export interface RequirementVerdictsTable {
  id: Generated<string>;
  case_id: string;
  requirement_id: string;
  verdict: 'sesuai' | 'tidak_ada' | 'perlu_perbaikan';
  note: string | null;
  step_no: number;
  decided_by: string;
  decided_at: Timestamp;
}

// The officials' desk (0007_desk.sql).
export interface OfficeSettingsTable {
  office_id: string;
  signing_requires_second_factor: boolean;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CounterIntakesTable {
  case_id: string;
  queue_number: string | null;
  originals_seen: Json<string[]>;
  registered_by: string;
  registered_at: Timestamp;
}

export interface PermitHandoversTable {
  id: Generated<string>;
  case_id: string;
  permit_id: string;
  mode: 'in_person' | 'electronic';
  collector_name: string | null;
  collector_relation: 'pemohon' | 'kuasa' | 'karyawan' | 'keluarga' | null;
  identity_checked: boolean;
  delivered_to: string | null;
  receipt_signed: Generated<boolean>;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface SecondFactorUsesTable {
  user_id: string;
  counter: string;
  used_at: Timestamp;
}

// The applicant portal (0006_portal.sql).
export interface PortalTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface PortalDraftsTable {
  id: Generated<string>;
  user_id: string;
  office_id: string;
  service_slug: string;
  application_type: 'baru' | 'perpanjangan' | 'perubahan' | null;
  answers: ColumnType<Record<string, boolean>, string | undefined, string>;
  status: ColumnType<'draft' | 'submitting' | 'submitted' | 'abandoned', 'draft' | undefined, 'draft' | 'submitting' | 'submitted' | 'abandoned'>;
  declared_at: Timestamp | null;
  case_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IkmResponsesTable {
  id: Generated<string>;
  office_id: string;
  service_slug: string;
  period: string;
  channel: ColumnType<'online' | 'counter', 'online' | 'counter' | undefined, 'online' | 'counter'>;
  respondent_sex: string | null;
  respondent_education: string | null;
  respondent_occupation: string | null;
  comment: string | null;
  submitted_at: Timestamp;
}

export interface IkmAnswersTable {
  response_id: string;
  unsur: number;
  score: number;
}

export interface IkmCaseResponsesTable {
  case_id: string;
  responded_at: Timestamp;
}

export interface ComplaintsTable {
  id: Generated<string>;
  case_id: string | null;
  office_id: string;
  service_slug: string | null;
  user_id: string | null;
  category: string;
  body: string;
  attachment_key: string | null;
  attachment_name: string | null;
  attachment_type: 'application/pdf' | 'image/jpeg' | 'image/png' | null;
  attachment_bytes: number | null;
  status: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
}

export interface DB {
  portal_tokens: PortalTokensTable;
  portal_drafts: PortalDraftsTable;
  ikm_responses: IkmResponsesTable;
  ikm_answers: IkmAnswersTable;
  ikm_case_responses: IkmCaseResponsesTable;
  complaints: ComplaintsTable;
  office_settings: OfficeSettingsTable;
  counter_intakes: CounterIntakesTable;
  permit_handovers: PermitHandoversTable;
  second_factor_uses: SecondFactorUsesTable;
  case_documents: CaseDocumentsTable;
  requirement_verdicts: RequirementVerdictsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  number_counters: NumberCountersTable;
  permits: PermitsTable;
  applicants: ApplicantsTable;
  cases: CasesTable;
  tasks: TasksTable;
  case_pauses: CasePausesTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  deliveries: DeliveriesTable;
  idempotency_keys: IdempotencyKeysTable;
  api_tokens: ApiTokensTable;
  acting_assignments: ActingAssignmentsTable;
  offices: OfficesTable;
  units: UnitsTable;
  positions: PositionsTable;
  calendar_days: CalendarDaysTable;
  office_holidays: OfficeHolidaysTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  users: UsersTable;
  user_positions: UserPositionsTable;
  schema_migrations: SchemaMigrationsTable;
}
