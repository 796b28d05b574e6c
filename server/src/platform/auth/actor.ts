import type { Role } from '@gonghui/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';

/** The logged-in user behind a request, as services see it. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  sessionId: string;
  csrfToken: string;
  clientAddress: string | null;
  /** The path of the user's unit on a day, read with the session, so `scopeOf` needs no query for it. */
  unitPathOn?: { day: string; path: string | null };
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}

/**
 * The actor for work done by Gonghui itself (the demo loader, the command line), anchored at a unit.
 * Its audit records carry the name given and no user id.
 */
export function systemActor(orgUnitId: number, name: string): Actor {
  return {
    userId: 0,
    username: name,
    displayName: name,
    role: 'admin',
    orgUnitId,
    sessionId: '',
    csrfToken: '',
    clientAddress: null,
  };
}
