import type { Kysely } from 'kysely';
import type { CreateUserBody, Page, UpdateUserBody, User } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit, type AuditActor } from '../audit/audit.ts';
import { hashPassword } from '../auth/password.ts';
import { sessionRepository } from '../auth/session.repository.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { today } from '../orgs/dates.ts';
import { orgRepository } from '../orgs/org.repository.ts';
import { Scope, scopeOf } from '../scope.ts';
import { userRepository, type UserWithUnit } from './user.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Row to API shape. */
export function presentUser(u: UserWithUnit): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    orgUnitId: u.orgUnitId,
    orgUnitName: u.orgUnitName,
    active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? iso(u.lockedUntil) : null,
    lastLoginAt: iso(u.lastLoginAt),
    createdAt: u.createdAt.toISOString(),
  };
}

export const userService = {
  async list(
    db: Kysely<Database>,
    actor: Actor,
    q: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<User>> {
    const list = await userRepository.list(db, await scopeOf(db, actor), q, { page, pageSize });
    return { ...list, items: list.items.map(presentUser) };
  },

  /** Creates an account anchored at a unit of the actor's subtree (null actor: the command line). */
  async create(
    db: Kysely<Database>,
    actor: Actor | null,
    body: CreateUserBody,
    auditActor?: AuditActor,
  ): Promise<User> {
    // The command line (no actor) creates accounts anywhere, the first administrator among them.
    const scope = actor ? await scopeOf(db, actor) : Scope.everywhere;
    return db.transaction().execute(async (trx) => {
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit)
        throw new AppError('VALIDATION', '所属组织不存在或不在您的管辖范围内', [
          { field: 'orgUnitId', message: '所属组织不存在或不在您的管辖范围内' },
        ]);
      if (await userRepository.findByUsername(trx, body.username)) {
        throw conflict(`用户名「${body.username}」已被使用`, [
          { field: 'username', message: '用户名已被使用' },
        ]);
      }
      const id = await userRepository.insert(trx, {
        username: body.username,
        displayName: body.displayName,
        passwordHash: await hashPassword(body.password),
        role: body.role,
        orgUnitId: body.orgUnitId,
      });
      // The account just created, read back for its answer: it lies in the unit checked above.
      const created = (await userRepository.findInScope(trx, id, Scope.everywhere))!;
      const after = presentUser(created);
      await audit(trx, actor ?? auditActor ?? null, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        scopePath: unit.path,
        after,
      });
      return after;
    });
  },

  async update(db: Kysely<Database>, actor: Actor, id: number, body: UpdateUserBody): Promise<User> {
    const scope = await scopeOf(db, actor);
    return db.transaction().execute(async (trx) => {
      const existing = await userRepository.findInScope(trx, id, scope);
      if (!existing) throw notFound('用户');
      if (id === actor.userId && (body.active === false || (body.role && body.role !== actor.role))) {
        throw new AppError('FORBIDDEN', '不能停用自己的账号或更改自己的角色');
      }
      await userRepository.update(trx, id, {
        ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
        ...(body.unlock ? { locked_until: null, failed_logins: 0 } : {}),
      });
      if (body.password !== undefined || body.active === false || body.role !== undefined) {
        await sessionRepository.deleteForUser(trx, id);
      }
      const before = presentUser(existing);
      const after = presentUser((await userRepository.findInScope(trx, id, scope))!);
      await audit(trx, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        scopePath: existing.orgUnitPath,
        before,
        after: { ...after, passwordChanged: body.password !== undefined },
      });
      return after;
    });
  },
};
