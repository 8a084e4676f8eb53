-- Permit numbers come from a counter row per office, series and year, advanced in the same
-- transaction that signs the permit: no gaps among committed permits, no duplicates.
create table number_counters (
  office_id text not null references offices(id),
  series text not null,
  year integer not null,
  last_value integer not null check (last_value >= 0),
  primary key (office_id, series, year)
);

create table permits (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases(id),
  office_id text not null references offices(id),
  series text not null,
  year integer not null,
  seq integer not null check (seq > 0),
  number text not null,
  verification_code text not null unique,
  status text not null check (status in ('issued', 'superseded', 'revoked')),
  issued_at timestamptz not null,
  valid_from date not null,
  valid_until date,
  holder_name text not null,
  signed_by bigint references users(id),
  signatory_position text not null,
  acting_for text,
  registered_at timestamptz,
  registered_by bigint references users(id),
  handed_over_at timestamptz,
  supersedes bigint references permits(id),
  document_hash text,
  unique (office_id, series, year, seq),
  unique (office_id, number)
);
create index permits_case on permits (case_id);
create unique index permits_one_issued_per_case on permits (case_id) where status = 'issued';
