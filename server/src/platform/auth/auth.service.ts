import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LoginBody, Me } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import { audit, auditScopeOfUnit } from '../audit/audit.ts';
import { AppError } from '../http/errors.ts';
import { hashSessionToken } from '../http/access.ts';
import { orgRepository } from '../orgs/org.repository.ts';
import type { Actor } from './actor.ts';
import { browserOf } from './browser.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { rolePermissions } from './permissions.ts';
import { sessionRepository } from './session.repository.ts';
import { userRepository } from '../users/user.repository.ts';

export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

// Compared against when the username is unknown, so both paths take the same time.
let dummyHash: Promise<string> | null = null;

const wrongCredentials = () => new AppError('UNAUTHENTICATED', '用户名或密码错误');

export const authService = {
  /** Checks the password, applies the lockout rule, and opens a session; returns its cookie token. */
  async login(
    db: Kysely<Database>,
    body: LoginBody,
    clientAddress: string | null,
    userAgent: string | null = null,
  ) {
    const browser = browserOf(userAgent);
    const now = new Date();
    const user = await userRepository.findByUsername(db, body.username);
    if (!user) {
      dummyHash ??= hashPassword(crypto.randomBytes(12).toString('hex'));
      await verifyPassword(body.password, await dummyHash);
      throw wrongCredentials();
    }
    const actorLike = {
      userId: user.id,
      username: user.username,
      orgUnitId: user.org_unit_id,
      clientAddress,
    };
    const scopePath = await auditScopeOfUnit(db, user.org_unit_id);
    if (user.locked_until && user.locked_until > now) {
      const until = new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
      }).format(user.locked_until);
      throw new AppError(
        'LOCKED',
        `密码连续错误次数过多，账号已临时锁定，请于 ${until} 后再试，或请管理员解锁`,
      );
    }
    if (!(await verifyPassword(body.password, user.password_hash))) {
      const failures = user.failed_logins + 1;
      const lock = failures >= MAX_FAILED_LOGINS;
      await userRepository.update(db, user.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null,
      });
      await audit(db, actorLike, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        scopePath,
        after: { failures, locked: lock, ...(browser ? { browser } : {}) },
      });
      if (lock)
        throw new AppError(
          'LOCKED',
          `密码连续错误 ${MAX_FAILED_LOGINS} 次，账号已锁定 ${LOCKOUT_MINUTES} 分钟`,
        );
      throw wrongCredentials();
    }
    if (!user.active) throw new AppError('UNAUTHENTICATED', '该账号已停用，请联系管理员');
    await userRepository.update(db, user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const sessionId = hashSessionToken(token);
    await sessionRepository.create(db, {
      id: sessionId,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
      clientAddress,
    });
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      orgUnitId: user.org_unit_id,
      sessionId,
      csrfToken,
      clientAddress,
    };
    await audit(db, actor, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      scopePath,
      ...(browser ? { after: { browser } } : {}),
    });
    await sessionRepository.deleteExpired(db, now);
    return { token, me: await this.me(db, actor) };
  },

  async logout(db: Kysely<Database>, actor: Actor) {
    await sessionRepository.delete(db, actor.sessionId);
    const scopePath = await auditScopeOfUnit(db, actor.orgUnitId);
    await audit(db, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId, scopePath });
  },

  async me(db: Kysely<Database>, actor: Actor): Promise<Me> {
    const unit = await orgRepository.currentVersion(db, actor.orgUnitId);
    return {
      user: {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        orgUnit: { id: actor.orgUnitId, name: unit?.name ?? '', path: unit?.path ?? '' },
      },
      permissions: [...rolePermissions(actor.role)],
      csrfToken: actor.csrfToken,
    };
  },
};
