import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditAction } from '@gonghui/contracts';
import { listPage, type PageRequest } from '../lists/list-page.ts';
import { inScope, type Scope } from '../scope.ts';

export interface AuditRecord {
  userId: number | null;
  username: string | null;
  actorOrgUnitId: number | null;
  /** Path of the org unit the change concerns: decides which admins see the entry. */
  scopePath: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  clientAddress: string | null;
  /** The entry of the bulk operation (an import, its undo) this one is part of. */
  parentId?: number | null;
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  username?: string;
  from?: string;
  to?: string;
  /** Leaves out sign-ins and sign-outs (the workbench's feed, unless asked). */
  withoutLogins?: boolean;
}

/** The actions of signing in and out, which a feed of what changed leaves out by default. */
export const LOGIN_ACTIONS = ['auth.login', 'auth.login_failed', 'auth.logout'] as const;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const row = (r: AuditRecord) => ({
  user_id: r.userId,
  username: r.username,
  actor_org_unit_id: r.actorOrgUnitId,
  scope_path: r.scopePath,
  action: r.action,
  entity_type: r.entityType,
  entity_id: r.entityId === null ? null : String(r.entityId),
  before: json(r.before),
  after: json(r.after),
  client_address: r.clientAddress,
  ...(r.parentId ? { parent_id: r.parentId } : {}),
});

export const auditRepository = {
  async insert(db: Kysely<Database> | Transaction<Database>, r: AuditRecord) {
    await db.insertInto('audit_log').values(row(r)).execute();
  },

  /** Many records in a few statements, for bulk writes such as imports. */
  async insertMany(db: Kysely<Database> | Transaction<Database>, records: AuditRecord[]) {
    for (let i = 0; i < records.length; i += 1000) {
      await db
        .insertInto('audit_log')
        .values(records.slice(i, i + 1000).map(row))
        .execute();
    }
  },

  /** A page of entries within a scope, newest first, with the total. */
  async list(db: Kysely<Database>, scope: Scope, f: AuditFilter, page: PageRequest) {
    return listPage(db, { rows: entries(db, scope, f), orderBy: NEWEST_FIRST, page });
  },

  /** How many entries of the scope the filter matches (counting no further than `cap` + 1, when given). */
  async count(db: Kysely<Database>, scope: Scope, f: AuditFilter, cap?: number): Promise<number> {
    const matched = filtered(db, scope, f).select('a.id');
    const r = await db
      .selectFrom((cap === undefined ? matched : matched.limit(cap + 1)).as('m'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /**
   * Every entry the filter matches, newest first, `size` at a time. Entries written meanwhile (the
   * export's own among them) are left out, so no page shifts under the next.
   */
  async *batches(db: Kysely<Database>, scope: Scope, f: AuditFilter, size: number) {
    const newest = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const upTo = Number(newest?.id ?? 0);
    for (let offset = 0; ; offset += size) {
      const rows = await entries(db, scope, f)
        .where('a.id', '<=', upTo)
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(size)
        .offset(offset)
        .execute();
      if (rows.length > 0) yield rows;
      if (rows.length < size) return;
    }
  },

  /** The actions the entries of a scope hold, with how many entries hold each. */
  async actionsHeld(db: Kysely<Database>, scope: Scope): Promise<Array<{ action: string; count: number }>> {
    const rows = await db
      .selectFrom('audit_log as a')
      .where(inScope('a.scope_path', scope))
      .select(['a.action', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('a.action')
      .execute();
    return rows.map((r) => ({ action: r.action, count: Number(r.count) }));
  },
};

const NEWEST_FIRST: Array<['a.at' | 'a.id', 'desc']> = [
  ['a.at', 'desc'],
  ['a.id', 'desc'],
];

/** An entry as the log browser and its export read it. */
export type AuditLogRow = Awaited<ReturnType<ReturnType<typeof entries>['execute']>>[number];

function entries(db: Kysely<Database>, scope: Scope, f: AuditFilter) {
  return filtered(db, scope, f)
    .leftJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'a.actor_org_unit_id').on('v.valid_to', 'is', null),
    )
    .select([
      'a.id',
      'a.at',
      'a.username',
      'v.name as orgUnitName',
      'a.action',
      'a.entity_type as entityType',
      'a.entity_id as entityId',
      'a.before',
      'a.after',
      'a.client_address as clientAddress',
    ]);
}

function filtered(db: Kysely<Database>, scope: Scope, f: AuditFilter) {
  return db
    .selectFrom('audit_log as a')
    .where(inScope('a.scope_path', scope))
    .$if(!!f.action, (q) => q.where('a.action', '=', f.action!))
    .$if(!!f.entityType, (q) => q.where('a.entity_type', '=', f.entityType!))
    .$if(!!f.withoutLogins, (q) => q.where('a.action', 'not in', [...LOGIN_ACTIONS]))
    .$if(!!f.username, (q) => q.where('a.username', '=', f.username!))
    .$if(!!f.from, (q) => q.where('a.at', '>=', sql<Date>`${f.from}::date`))
    .$if(!!f.to, (q) => q.where('a.at', '<', sql<Date>`${f.to}::date + 1`));
}
