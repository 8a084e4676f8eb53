-- Files an application carries (requirements uploaded by the applicant or scanned at the
-- counter, letters, the technical recommendation, permits), stored by content hash, and the
-- officials' verdict per requirement.
create table case_documents (
  id bigint generated always as identity primary key,
  case_id bigint references cases(id),
  draft_id bigint,
  requirement_id text,
  kind text not null check (kind in ('requirement', 'technical_recommendation', 'cover_letter', 'permit', 'receipt', 'archive', 'other')),
  storage_key text not null check (storage_key ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null check (size_bytes > 0),
  uploaded_by bigint references users(id),
  uploaded_at timestamptz not null,
  superseded_at timestamptz
);
create index case_documents_case on case_documents (case_id) where superseded_at is null;
create index case_documents_draft on case_documents (draft_id) where superseded_at is null;

create table requirement_verdicts (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases(id),
  requirement_id text not null,
  verdict text not null check (verdict in ('sesuai', 'tidak_ada', 'perlu_perbaikan')),
  note text,
  step_no integer not null,
  decided_by bigint not null references users(id),
  decided_at timestamptz not null
);
create index requirement_verdicts_case on requirement_verdicts (case_id, requirement_id, decided_at desc);
