-- Every change to a case (its row, its tasks, its pauses, its audit chain) is made by a writer
-- that holds the case's row and advances its version. An action may then read the case without
-- locking it and write its transition in one statement that only lands if the version is still
-- the one it read (ADR 9).
alter table cases add column version integer not null default 0;

-- Raised by a transition's write when the case changed after it was read: the statement, and so
-- every write in it, is undone, and the action is tried again from a fresh read.
create function assert_case_unchanged(matched bigint) returns bigint language plpgsql as $$
begin
  if matched <> 1 then
    raise exception 'the case changed since it was read' using errcode = 'SP409';
  end if;
  return matched;
end
$$;
