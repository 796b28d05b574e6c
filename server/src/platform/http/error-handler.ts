import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode, FieldIssue } from '@gonghui/contracts';
import { AppError, httpStatusOf } from './errors.ts';

const where: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** Maps a Fastify framework error (bad JSON, wrong media type, too large …) to our codes. */
function frameworkError(err: FastifyError): { code: ErrorCode; message: string } | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'BAD_REQUEST', message: '请求内容为空，应为 JSON' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型，请使用 application/json' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' };
    default:
      break;
  }
  if (err.statusCode === 429) return { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { code: 'BAD_REQUEST', message: '请求格式有误' };
  }
  return null;
}

/** Postgres errors that can only come from input we let through: answer them as the caller's mistake. */
function databaseError(err: { code?: unknown }): { code: ErrorCode; message: string } | null {
  switch (err.code) {
    case '23505':
      return { code: 'CONFLICT', message: '记录已存在，不能重复' };
    case '23503':
      return { code: 'CONFLICT', message: '关联的记录不存在或仍被引用' };
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return { code: 'VALIDATION', message: '输入的值超出允许范围或格式有误' };
    default:
      return null;
  }
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(httpStatusOf(err.code)).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: FieldIssue[] = err.validation.map((v) => {
        const path = v.instancePath.slice(1).replaceAll('/', '.');
        return {
          field: path || where[err.validationContext ?? 'body'] || '',
          message: v.message ?? '格式有误',
        };
      });
      const first = issues[0];
      const message = first
        ? `${where[err.validationContext ?? 'body'] ?? '输入'}有误：${issues.map((i) => (i.field ? `${i.field} ${i.message}` : i.message)).join('；')}`
        : '输入有误';
      return reply.status(400).send(body('VALIDATION', message, issues));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: { message: err.message } }, 'response does not match its schema');
      return reply.status(500).send(body('INTERNAL', '服务器内部错误，请联系管理员'));
    }
    const mapped = frameworkError(err) ?? databaseError(err);
    if (mapped) return reply.status(httpStatusOf(mapped.code)).send(body(mapped.code, mapped.message));
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', '服务器内部错误，请联系管理员'));
  });
}

export { body as errorBodyOf };
