-- Browser sessions (portal and desk) and failed logins (for rate limiting by account).
create table sessions (
  id_hash text primary key,
  user_id bigint not null references users(id),
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  second_factor_at timestamptz
);
create index sessions_user on sessions (user_id);

create table login_failures (
  username text not null,
  at timestamptz not null
);
create index login_failures_user_at on login_failures (username, at);

alter table users add column totp_secret text;
alter table users add column email_verified_at timestamptz;
