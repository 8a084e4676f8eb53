-- A staff member who has registered an authenticator app is asked for its code when signing
-- in: the session exists but opens nothing until the code is given (second_factor_at set).
alter table sessions add column second_factor_pending boolean not null default false;
