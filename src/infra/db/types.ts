// Row types of the tables, as Kysely sees them. Domain types live in domain/; mappers sit in
// the queries that read these rows.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface OfficesTable {
  id: string;
  name: string;
  short_name: string;
  time_zone: string;
  document: Json<unknown>;
  content_hash: string;
  updated_at: Timestamp;
}

export interface UnitsTable {
  office_id: string;
  id: string;
  name: string;
  external: boolean;
}

export interface PositionsTable {
  office_id: string;
  id: string;
  name: string;
  unit_id: string;
}

export interface CalendarDaysTable {
  calendar_id: string;
  day: ColumnType<string, string, string>;
  name: string;
  kind: 'holiday' | 'collective_leave';
  decree: string;
}

export interface OfficeHolidaysTable {
  office_id: string;
  day: ColumnType<string, string, string>;
  name: string;
}

export interface ServicesTable {
  office_id: string;
  slug: string;
  name: string;
  current_version: number;
}

export interface ServiceVersionsTable {
  office_id: string;
  slug: string;
  version: number;
  content_hash: string;
  definition: Json<unknown>;
  imported_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  kind: 'staff' | 'applicant';
  office_id: string | null;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  created_at: Timestamp;
}

export interface UserPositionsTable {
  user_id: string;
  office_id: string;
  position_id: string;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface DB {
  offices: OfficesTable;
  units: UnitsTable;
  positions: PositionsTable;
  calendar_days: CalendarDaysTable;
  office_holidays: OfficeHolidaysTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  users: UsersTable;
  user_positions: UserPositionsTable;
  schema_migrations: SchemaMigrationsTable;
}
