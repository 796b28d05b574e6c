import crypto from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Statements kept prepared per connection at most: lists of ids of every length make new texts. */
const MAX_PREPARED_PER_CONNECTION = 500;
const MAX_PREPARED_TEXT = 16_000;
const READ = /^\s*(select|with)\b/i;

const preparedOf = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * A PostgreSQL pool whose connections run each read as a named prepared statement. A page asks the same
 * few statements over and over with other values: PostgreSQL then parses each one once per connection, and
 * from the sixth run on may keep one plan for it when that plan costs no more than planning each time.
 * Writes and very long texts run as before.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let prepared = preparedOf.get(client);
      if (!prepared) preparedOf.set(client, (prepared = new Set()));
      const known = prepared;
      const query = (text: unknown, values?: ReadonlyArray<unknown>) => {
        if (typeof text !== 'string') return client.query(text as pg.Submittable);
        if (!READ.test(text) || text.length > MAX_PREPARED_TEXT)
          return client.query(text, values as unknown[]);
        const name = `k${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
        if (!known.has(name)) {
          if (known.size >= MAX_PREPARED_PER_CONNECTION) return client.query(text, values as unknown[]);
          known.add(name);
        }
        return client.query({ name, text, values: values as unknown[] });
      };
      return {
        query: query as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}
