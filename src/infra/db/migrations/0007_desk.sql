-- The officials' desk: office settings (second factor for signing), what the counter recorded
-- for a walk-in application, who collected each permit, one-time codes already used, and the
-- indexes the worklist and its search need to stay fast with many open cases.
create table office_settings (
  office_id text primary key references offices(id),
  signing_requires_second_factor boolean not null default false,
  updated_at timestamptz not null,
  updated_by bigint references users(id)
);

-- A walk-in application: the queue number (if the office uses them) and the requirements whose
-- originals the officer saw at the counter.
create table counter_intakes (
  case_id bigint primary key references cases(id),
  queue_number text check (queue_number is null or length(queue_number) between 1 and 20),
  originals_seen jsonb not null default '[]',
  registered_by bigint not null references users(id),
  registered_at timestamptz not null
);

-- Who collected a permit at the counter (and whether their identity was checked), or where it
-- was delivered electronically. One row per permit.
create table permit_handovers (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases(id),
  permit_id bigint not null references permits(id),
  mode text not null check (mode in ('in_person', 'electronic')),
  collector_name text,
  collector_relation text check (collector_relation is null or collector_relation in ('pemohon', 'kuasa', 'karyawan', 'keluarga')),
  identity_checked boolean not null default false,
  delivered_to text,
  recorded_by bigint not null references users(id),
  recorded_at timestamptz not null,
  check (mode = 'electronic' or (collector_name is not null and collector_relation is not null and identity_checked)),
  check (mode = 'in_person' or delivered_to is not null)
);
create unique index permit_handovers_permit on permit_handovers (permit_id);
create index permit_handovers_case on permit_handovers (case_id);

-- Each accepted one-time code once per user: a code seen over a shoulder cannot be replayed.
create table second_factor_uses (
  user_id bigint not null references users(id),
  counter bigint not null,
  used_at timestamptz not null,
  primary key (user_id, counter)
);

-- The worklist's order (soonest due first, undated last) as an index, so every page of a role's
-- list is an index range scan, however many cases are open.
create index tasks_worklist_order on tasks (office_id, role_id, (coalesce(due_at, 'infinity'::timestamptz)), id) where status = 'open';
-- Search by the start of an applicant's or company's name.
create index applicants_name_prefix on applicants ((lower(name)) text_pattern_ops);
create index applicants_company_prefix on applicants ((lower(company_name)) text_pattern_ops) where company_name is not null;
-- The permit register of an office, newest first.
create index permits_register on permits (office_id, issued_at desc, id desc);
