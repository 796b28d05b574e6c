import type { Permission, Role } from '@gonghui/contracts';

/** What each role may do. Scope (which subtree) comes from the user's org unit, not from the role. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [
    'org:read',
    'org:write',
    'user:read',
    'user:write',
    'audit:read',
    'employer:read',
    'employer:write',
    'indicator:read',
    'target:write',
    'member:read',
    'member:write',
    'member:reveal',
    'transfer:write',
    'agreement:read',
    'agreement:write',
  ],
  cadre: [
    'org:read',
    'employer:read',
    'employer:write',
    'indicator:read',
    'member:read',
    'member:write',
    'transfer:write',
    'agreement:read',
    'agreement:write',
  ],
  viewer: ['org:read', 'employer:read', 'indicator:read', 'member:read', 'agreement:read'],
};

/** A route's declaration: a permission, any logged-in user, or open to all. */
export type RouteAccess = Permission | 'authenticated' | 'public';

export function roleAllows(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
