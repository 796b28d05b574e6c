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
}

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
    return listPage(db, {
      rows: filtered(db, scope, f)
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
        ]),
      orderBy: [
        ['a.at', 'desc'],
        ['a.id', 'desc'],
      ],
      page,
    });
  },
};

function filtered(db: Kysely<Database>, scope: Scope, f: AuditFilter) {
  return db
    .selectFrom('audit_log as a')
    .where(inScope('a.scope_path', scope))
    .$if(!!f.action, (q) => q.where('a.action', '=', f.action!))
    .$if(!!f.entityType, (q) => q.where('a.entity_type', '=', f.entityType!))
    .$if(!!f.username, (q) => q.where('a.username', '=', f.username!))
    .$if(!!f.from, (q) => q.where('a.at', '>=', sql<Date>`${f.from}::date`))
    .$if(!!f.to, (q) => q.where('a.at', '<', sql<Date>`${f.to}::date + 1`));
}
