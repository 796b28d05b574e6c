import type { Kysely } from 'kysely';
import type { ChangePasswordBody, ChangePasswordResponse, OwnLogin } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import { audit, auditScopeOfUnit } from '../audit/audit.ts';
import { AppError, invalid } from '../http/errors.ts';
import { userRepository } from '../users/user.repository.ts';
import type { Actor } from './actor.ts';
import { hashPassword, verifyPassword } from './password.ts';

/** How many of one's own sign-ins the personal centre lists. */
export const OWN_LOGINS_SHOWN = 20;

/** What a signed-in user does with their own account, whatever their role: the personal centre. */
export const ownAccountService = {
  /**
   * Changes the caller's password after checking the current one; every other session of the account
   * ends (a browser left signed in elsewhere must sign in again), this one stays.
   */
  async changePassword(
    db: Kysely<Database>,
    actor: Actor,
    body: ChangePasswordBody,
  ): Promise<ChangePasswordResponse> {
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'password_hash', 'org_unit_id'])
      .where('id', '=', actor.userId)
      .executeTakeFirst();
    if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (!(await verifyPassword(body.oldPassword, user.password_hash))) {
      throw invalid([{ field: 'oldPassword', message: '原密码不正确' }]);
    }
    const passwordHash = await hashPassword(body.newPassword);
    return db.transaction().execute(async (trx) => {
      await userRepository.update(trx, user.id, { password_hash: passwordHash });
      const ended = await trx
        .deleteFrom('user_session')
        .where('user_id', '=', user.id)
        .where('id', '!=', actor.sessionId)
        .executeTakeFirst();
      const sessionsEnded = Number(ended.numDeletedRows);
      await audit(trx, actor, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: user.id,
        scopePath: await auditScopeOfUnit(trx, user.org_unit_id),
        after: { passwordChanged: true, sessionsEnded },
      });
      return { ok: true as const, sessionsEnded };
    });
  },

  /** The caller's recent sign-ins and failed attempts, newest first, from the audit log. */
  async recentLogins(db: Kysely<Database>, actor: Actor): Promise<OwnLogin[]> {
    const rows = await db
      .selectFrom('audit_log')
      .select(['at', 'action', 'client_address', 'after'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(actor.userId))
      .where('action', 'in', ['auth.login', 'auth.login_failed'])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(OWN_LOGINS_SHOWN)
      .execute();
    return rows.map((r) => {
      const after = (r.after ?? {}) as { browser?: unknown };
      return {
        at: r.at.toISOString(),
        succeeded: r.action === 'auth.login',
        clientAddress: r.client_address,
        browser: typeof after.browser === 'string' ? after.browser : null,
      };
    });
  },
};
