import type { PGlite, ParserOptions } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * PGlite is one connection. Kysely's Postgres driver asks a pool for a client per query or per
 * transaction; this pool hands the single connection to one borrower at a time and queues the rest,
 * so concurrent requests never run inside each other's transactions.
 */
export class PGlitePool implements PostgresPool {
  readonly #db: PGlite;
  readonly #parsers: ParserOptions;
  #busy = false;
  readonly #waiting: Array<() => void> = [];

  /** Parsers are passed with each query: PGlite does not keep constructor parsers after it starts. */
  constructor(db: PGlite, parsers: ParserOptions) {
    this.#db = db;
    this.#parsers = parsers;
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.#busy) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#busy = true;
    let released = false;
    const client = {
      query: async <R>(sqlText: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
        const result = await this.#db.query<R>(sqlText, parameters as unknown[], { parsers: this.#parsers });
        return {
          command: commandOf(sqlText),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release: () => {
        if (released) return;
        released = true;
        const next = this.#waiting.shift();
        if (next) next();
        else this.#busy = false;
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#db.close();
  }
}

function commandOf(sqlText: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sqlText)?.[1]?.toUpperCase();
  switch (word) {
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
      return word;
    default:
      return 'SELECT';
  }
}
