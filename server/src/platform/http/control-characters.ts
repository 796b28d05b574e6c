import type { FastifyInstance } from 'fastify';
import { invalid } from './errors.ts';

// C0 control characters other than tab, LF and CR. PostgreSQL refuses U+0000 in text, and none of them
// belongs in anything a person types.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const partName = { query: '查询参数', params: '路径参数', body: '请求内容' } as const;

/** Where the first text holding a control character lies inside a parsed value (a dotted path), or null. */
export function controlCharacterAt(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? at : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = controlCharacterAt(item, at ? `${at}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const field = at ? `${at}.${key}` : key;
      if (CONTROL.test(key)) return field;
      const found = controlCharacterAt(item, field);
      if (found !== null) return found;
    }
  }
  return null;
}

// Uploaded files arrive as streams or buffers: only parsed JSON, query and path values are looked into.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return false;
  // Parsed query strings are objects of a prototype-less class; JSON bodies are plain objects.
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * Refuses, before any route runs (and so before a download sends its headers), a request whose query,
 * path or JSON body holds a control character: a 400 naming the field, never a database error.
 */
export function refuseControlCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const field = controlCharacterAt(req[part]);
      if (field !== null) {
        const name = field || partName[part];
        throw invalid([
          { field: name, message: `${partName[part]} ${name} 含有不允许的控制字符（如 U+0000）` },
        ]);
      }
    }
  });
}
