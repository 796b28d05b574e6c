import { permissions, roles, type Permission, type Role } from '@gonghui/contracts';
import { modules } from '../../modules/index.ts';

/** The platform's own permissions and the roles holding each; the modules add theirs in their manifests. */
const platformGrants: Partial<Record<Permission, readonly Role[]>> = {
  'org:read': ['admin', 'cadre', 'viewer'],
  'org:write': ['admin'],
  'user:read': ['admin'],
  'user:write': ['admin'],
  'audit:read': ['admin'],
};

let table: Record<Role, readonly Permission[]> | null = null;

/**
 * What each role may do, from the platform's grants and every module's. Scope (which subtree) comes from
 * the user's org unit, not from the role. Built on first use, once every module has loaded.
 */
export function rolePermissions(role: Role): readonly Permission[] {
  table ??= buildTable();
  return table[role];
}

function buildTable(): Record<Role, readonly Permission[]> {
  const out = Object.fromEntries(roles.map((r) => [r, [] as Permission[]])) as Record<Role, Permission[]>;
  for (const grants of [platformGrants, ...modules.map((m) => m.grants)]) {
    for (const [permission, holders] of Object.entries(grants) as Array<[Permission, readonly Role[]]>) {
      for (const role of holders) if (!out[role].includes(permission)) out[role].push(permission);
    }
  }
  for (const r of roles) out[r].sort((a, b) => permissions.indexOf(a) - permissions.indexOf(b));
  return out;
}

/** A route's declaration: a permission, any logged-in user, or open to all. */
export type RouteAccess = Permission | 'authenticated' | 'public';

export function roleAllows(role: Role, permission: Permission): boolean {
  return rolePermissions(role).includes(permission);
}
