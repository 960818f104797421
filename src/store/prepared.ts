/**
 * Hot statements as fixed SQL text with `?` placeholders, compiled once per engine and sent as a
 * Kysely CompiledQuery. The query builder costs tens of microseconds per statement (build,
 * freeze, compile), which on a one-entry commit was as much as the database work of a statement;
 * the SQLite connection also prepares each text once (open-store.ts), so a cached text is a
 * cached prepared statement on both engines.
 */
import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { EngineKind } from './migrations/dialect.ts';

/** One statement text per engine: `?` for SQLite, `$1, $2, …` for PostgreSQL. */
export class PreparedText {
  readonly #sqlite: string;
  readonly #postgres: string;
  constructor(text: string) {
    this.#sqlite = text;
    let n = 0;
    this.#postgres = text.replace(/\?/g, () => `$${++n}`);
  }

  /** Runs the statement with `parameters` in placeholder order. */
  run<R>(
    // biome-ignore lint/suspicious/noExplicitAny: any schema; the statement is raw text.
    db: Kysely<any>,
    kind: EngineKind,
    parameters: readonly unknown[],
  ): Promise<QueryResult<R>> {
    return db.executeQuery<R>(
      CompiledQuery.raw(kind === 'sqlite' ? this.#sqlite : this.#postgres, parameters as unknown[]),
    );
  }
}
