-- Applications (cases) pinned to a definition version, their tasks, pauses, the append-only
-- audit trail (kartu kendali), the outbox, idempotency keys and API tokens.
create table applicants (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('person', 'company')),
  name text not null,
  nik text check (nik ~ '^[0-9]{16}$'),
  nib text check (nib ~ '^[0-9]{13}$'),
  npwp text,
  company_name text,
  phone text,
  email text,
  address text,
  user_id bigint references users(id),
  created_at timestamptz not null default now()
);
create index applicants_user on applicants (user_id);
create index applicants_nik on applicants (nik) where nik is not null;
create index applicants_nib on applicants (nib) where nib is not null;

create table cases (
  id bigint generated always as identity primary key,
  tracking_code text not null unique,
  office_id text not null references offices(id),
  service_slug text not null,
  definition_version integer not null,
  applicant_id bigint not null references applicants(id),
  application_type text not null,
  answers jsonb not null default '{}',
  channel text not null check (channel in ('online', 'counter', 'api')),
  status text not null check (status in ('active', 'waiting_applicant', 'completed', 'rejected', 'withdrawn')),
  current_step integer,
  resume_step integer,
  submitted_at timestamptz not null,
  clock_started_at timestamptz,
  due_at timestamptz,
  closed_at timestamptz,
  escalated_at timestamptz,
  updated_at timestamptz not null,
  foreign key (office_id, service_slug, definition_version) references service_versions(office_id, slug, version)
);
create index cases_office_status_due on cases (office_id, status, due_at);
create index cases_applicant on cases (applicant_id, submitted_at desc);
create index cases_overdue on cases (due_at) where status = 'active' and escalated_at is null;

-- One task per step a case is at; several may be open at once (parallel paths).
create table tasks (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases(id),
  office_id text not null,
  step_no integer not null,
  role_id text not null,
  status text not null check (status in ('open', 'done', 'cancelled')),
  assignee_user_id bigint references users(id),
  created_at timestamptz not null,
  claimed_at timestamptz,
  due_at timestamptz,
  completed_at timestamptz,
  completed_by bigint references users(id),
  outcome text
);
create unique index tasks_one_open_per_step on tasks (case_id, step_no) where status = 'open';
create index tasks_worklist on tasks (office_id, role_id, due_at, id) where status = 'open';
create index tasks_case on tasks (case_id);

create table case_pauses (
  case_id bigint not null references cases(id),
  paused_at timestamptz not null,
  resumed_at timestamptz,
  reason text not null,
  primary key (case_id, paused_at)
);

create table audit_events (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases(id),
  seq integer not null,
  at timestamptz not null,
  action text not null,
  step_from integer,
  step_to integer,
  actor_user_id bigint references users(id),
  actor_kind text not null check (actor_kind in ('staff', 'applicant', 'system')),
  actor_position text,
  acting_for text,
  note text,
  data jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  unique (case_id, seq)
);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();

create table outbox (
  id bigint generated always as identity primary key,
  case_id bigint references cases(id),
  topic text not null,
  payload jsonb not null,
  created_at timestamptz not null,
  dispatched_at timestamptz,
  attempts integer not null default 0
);
create index outbox_pending on outbox (id) where dispatched_at is null;

create table deliveries (
  outbox_id bigint not null references outbox(id),
  channel text not null,
  delivered_at timestamptz not null,
  detail jsonb not null default '{}',
  primary key (outbox_id, channel)
);

create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

create table api_tokens (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  token_hash text not null unique,
  label text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Acting officials (Plt/Plh) for a date range: the holder acts for the position's holder.
create table acting_assignments (
  id bigint generated always as identity primary key,
  office_id text not null,
  position_id text not null,
  user_id bigint not null references users(id),
  kind text not null check (kind in ('plt', 'plh')),
  from_day date not null,
  to_day date not null,
  check (from_day <= to_day),
  foreign key (office_id, position_id) references positions(office_id, id)
);
create index acting_assignments_user on acting_assignments (user_id, from_day, to_day);
