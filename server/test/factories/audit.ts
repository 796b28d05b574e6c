import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { BuiltUnit } from '../factories.ts';

/**
 * `count` sign-ins of a made-up account of `unit`, one second apart, going back from now: a long log in one
 * statement, for the tests of what a big log does (paging, export jobs).
 */
export async function buildAuditLog(
  db: Kysely<Database>,
  unit: BuiltUnit,
  count: number,
  username = 'log-filler',
): Promise<void> {
  await sql`
    insert into audit_log (at, username, actor_org_unit_id, scope_path, action, entity_type, client_address)
    select now() - make_interval(secs => n), ${username}, ${unit.id}, ${unit.path}, 'auth.login', 'user',
           '127.0.0.1'
    from generate_series(1, ${count}::int) as n
  `.execute(db);
}
