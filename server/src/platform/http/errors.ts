import type { ErrorCode, FieldIssue } from '@gonghui/contracts';

/** A failure the caller can understand: a code, a Chinese message, and details such as field issues. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const invalid = (issues: FieldIssue[]) =>
  new AppError('VALIDATION', issues.map((i) => i.message).join('；'), issues);

function assertUnreachable(x: never): never {
  throw new Error(`unhandled error code ${String(x)}`);
}

/** HTTP status of each error code; exhaustive so a new code cannot be forgotten. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'BAD_REQUEST':
    case 'VALIDATION':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'CSRF':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'LOCKED':
      return 423;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}
