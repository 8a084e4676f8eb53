import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../infra/db/types.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
