// Kysely builds and compiles a query anew on every call. The statements that every act runs (the
// actor, the case, the parts of a transition's write) never change their text, only their values,
// so they are compiled once, with a marker where each value goes, and later calls only put the
// values in. On PostgreSQL they run as prepared statements.
//
// Every argument must reach the query as a value: while compiling, each stands in as a marker
// string, so `build` may not look into it (branch on it, take a field of it); and each must be a
// string, number, boolean, Date or null (checked on every call).
import type { CompiledQuery, Kysely } from 'kysely';
import { preparedOnPostgres } from './database.ts';
import type { DB } from './types.ts';

export function compiledOnce<A extends unknown[], O>(
  build: (db: Kysely<DB>, ...args: A) => { compile(): CompiledQuery<O> },
): (db: Kysely<DB>, ...args: A) => CompiledQuery<O> {
  let template: CompiledQuery<O> | undefined;
  let slots: number[] = [];
  return (db, ...args) => {
    if (!template) {
      const markers = args.map((_, i) => `\u0000value ${i}\u0000`) as unknown[] as A;
      const compiled = build(db, ...markers).compile();
      slots = compiled.parameters.map((p) => {
        const slot = markers.indexOf(p as string);
        // A value the query makes up itself would be frozen into the template: refuse it.
        if (slot < 0) throw new Error(`compiledOnce: parameter ${String(p)} is not one of the arguments`);
        return slot;
      });
      template = compiled;
      preparedOnPostgres(compiled.sql);
    }
    for (const arg of args) {
      // Built anew, Kysely would leave out a column whose value is undefined and write an array
      // as a list; the compiled text has one parameter in its place, so refuse both.
      if (arg === undefined || (typeof arg === 'object' && arg !== null && !(arg instanceof Date))) {
        throw new Error(`compiledOnce: an argument must be a plain value, a Date or null, not ${arg === undefined ? 'undefined' : 'an object'}`);
      }
    }
    return { ...template, parameters: slots.map((slot) => args[slot]) };
  };
}
