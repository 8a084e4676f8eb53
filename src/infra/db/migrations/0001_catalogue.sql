-- Offices, their units, positions and holidays; service definitions with their versions;
-- users and the positions they hold.
create table offices (
  id text primary key,
  name text not null,
  short_name text not null,
  time_zone text not null,
  document jsonb not null,
  content_hash text not null,
  updated_at timestamptz not null default now()
);

create table units (
  office_id text not null references offices(id),
  id text not null,
  name text not null,
  external boolean not null default false,
  primary key (office_id, id)
);

create table positions (
  office_id text not null,
  id text not null,
  name text not null,
  unit_id text not null,
  primary key (office_id, id),
  foreign key (office_id, unit_id) references units(office_id, id)
);

-- Shared calendars (national holidays and cuti bersama by joint ministerial decree).
create table calendar_days (
  calendar_id text not null,
  day date not null,
  name text not null,
  kind text not null check (kind in ('holiday', 'collective_leave')),
  decree text not null,
  primary key (calendar_id, day, kind)
);

create table office_holidays (
  office_id text not null references offices(id),
  day date not null,
  name text not null,
  primary key (office_id, day)
);

create table services (
  office_id text not null references offices(id),
  slug text not null,
  name text not null,
  current_version integer not null,
  primary key (office_id, slug)
);

-- A definition version is immutable: cases are pinned to one, so editing an SOP never
-- changes a case in flight. Importing unchanged content is a no-op (same hash).
create table service_versions (
  office_id text not null,
  slug text not null,
  version integer not null check (version > 0),
  content_hash text not null,
  definition jsonb not null,
  imported_at timestamptz not null default now(),
  primary key (office_id, slug, version),
  unique (office_id, slug, content_hash),
  foreign key (office_id, slug) references services(office_id, slug)
);

create table users (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('staff', 'applicant')),
  office_id text references offices(id),
  username text not null unique,
  display_name text not null,
  email text,
  password_hash text,
  created_at timestamptz not null default now(),
  check (kind = 'applicant' or office_id is not null)
);

create table user_positions (
  user_id bigint not null references users(id),
  office_id text not null,
  position_id text not null,
  primary key (user_id, office_id, position_id),
  foreign key (office_id, position_id) references positions(office_id, id)
);
create index user_positions_position on user_positions (office_id, position_id);
