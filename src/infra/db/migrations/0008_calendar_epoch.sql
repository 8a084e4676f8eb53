-- A number that changes whenever anything a working calendar is built from changes (an office's
-- document, a shared calendar's days, an office's own holidays). The service clock keeps built
-- calendars in memory and checks this one value instead of fingerprinting the days on every
-- move. Statement-level triggers: imports change many rows at once.
create table calendar_epoch (
  only_row boolean primary key default true check (only_row),
  epoch bigint not null
);
insert into calendar_epoch (epoch) values (1);

create function bump_calendar_epoch() returns trigger language plpgsql as $$
begin
  update calendar_epoch set epoch = epoch + 1;
  return null;
end $$;

create trigger offices_calendar_epoch after insert or update or delete on offices
  for each statement execute function bump_calendar_epoch();
create trigger calendar_days_calendar_epoch after insert or update or delete on calendar_days
  for each statement execute function bump_calendar_epoch();
create trigger office_holidays_calendar_epoch after insert or update or delete on office_holidays
  for each statement execute function bump_calendar_epoch();
create trigger offices_calendar_epoch_truncate after truncate on offices
  for each statement execute function bump_calendar_epoch();
create trigger calendar_days_calendar_epoch_truncate after truncate on calendar_days
  for each statement execute function bump_calendar_epoch();
create trigger office_holidays_calendar_epoch_truncate after truncate on office_holidays
  for each statement execute function bump_calendar_epoch();
