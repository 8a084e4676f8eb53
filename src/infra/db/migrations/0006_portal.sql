-- The applicant portal: one-time tokens (email verification, password reset), application
-- drafts (saved at every step, resumable), the IKM survey (PermenPANRB 14/2017) and complaints.

-- Tokens are stored only as their SHA-256; each is used once and expires.
create table portal_tokens (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at)
);
create index portal_tokens_user on portal_tokens (user_id, purpose, created_at);

-- An application being written. Its files are case_documents rows with draft_id set; at
-- submission they get the case's id.
create table portal_drafts (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  office_id text not null,
  service_slug text not null,
  application_type text check (application_type in ('baru', 'perpanjangan', 'perubahan')),
  answers jsonb not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'submitting', 'submitted', 'abandoned')),
  declared_at timestamptz,
  case_id bigint references cases(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  foreign key (office_id, service_slug) references services(office_id, slug),
  check ((status = 'submitted') = (case_id is not null))
);
create index portal_drafts_user on portal_drafts (user_id, updated_at desc);

-- IKM answers are kept by element (unsur 1–9), service and period, apart from any person: the
-- response row carries no case, user or name. ikm_case_responses only records that a case has
-- answered, so each case answers once.
create table ikm_responses (
  id bigint generated always as identity primary key,
  office_id text not null references offices(id),
  service_slug text not null,
  -- The month the survey was answered on the office's calendar, 'YYYY-MM'.
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  channel text not null default 'online' check (channel in ('online', 'counter')),
  respondent_sex text check (respondent_sex in ('laki_laki', 'perempuan')),
  respondent_education text check (respondent_education in ('sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3')),
  respondent_occupation text check (respondent_occupation in ('pns', 'tni_polri', 'swasta', 'wirausaha', 'lainnya')),
  comment text check (char_length(comment) <= 2000),
  submitted_at timestamptz not null
);
create index ikm_responses_service_period on ikm_responses (office_id, service_slug, period);

create table ikm_answers (
  response_id bigint not null references ikm_responses(id),
  unsur smallint not null check (unsur between 1 and 9),
  score smallint not null check (score between 1 and 4),
  primary key (response_id, unsur)
);

create table ikm_case_responses (
  case_id bigint primary key references cases(id),
  responded_at timestamptz not null
);

-- Complaints sent from a case page, kept for the complaints handling to come.
create table complaints (
  id bigint generated always as identity primary key,
  case_id bigint references cases(id),
  office_id text not null references offices(id),
  service_slug text,
  user_id bigint references users(id),
  category text not null check (category ~ '^[a-z0-9_]{1,40}$'),
  body text not null check (char_length(body) between 1 and 4000),
  attachment_key text check (attachment_key ~ '^[0-9a-f]{64}$'),
  attachment_name text,
  attachment_type text check (attachment_type in ('application/pdf', 'image/jpeg', 'image/png')),
  attachment_bytes integer check (attachment_bytes > 0),
  status text not null default 'diterima',
  created_at timestamptz not null,
  check ((attachment_key is null) = (attachment_name is null) and (attachment_key is null) = (attachment_type is null))
);
create index complaints_office on complaints (office_id, created_at desc);
create index complaints_case on complaints (case_id);
