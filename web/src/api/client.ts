import { errorCodes, type ErrorCode, type FieldIssue } from '@gonghui/contracts';

/** An error answered by the API, or a network failure turned into the same shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The per-field messages of a VALIDATION error, or an empty list. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION' || !Array.isArray(this.details)) return [];
    return this.details.filter(isFieldIssue);
  }
}

function isFieldIssue(value: unknown): value is FieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.field === 'string' && typeof candidate.message === 'string';
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The message to show a user for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后重试';
}

/**
 * The path the app is served under ('' at the root, '/gonghui' behind a proxy's sub-path). The server
 * writes it into the page as `<base href>`, so one build serves under any prefix without a rebuild.
 */
export const basePath = readBasePath();

/** The one place the API's prefix is written: every call, download and upload goes through apiUrl. */
export const API_ROOT = `${basePath}/api`;

function readBasePath(): string {
  const href = document.querySelector('base')?.getAttribute('href') ?? '/';
  return new URL(href, window.location.href).pathname.replace(/\/+$/, '');
}

/** A page of the app as an address for the browser (outside the router: reloads, plain links). */
export function pageUrl(path: string): string {
  return `${basePath}${path}`;
}

let csrfToken: string | null = null;
let unauthenticatedHandler: () => void = () => {
  if (window.location.pathname !== pageUrl('/login')) window.location.assign(pageUrl('/login'));
};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (the session ended); the app sends the user to the login page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  unauthenticatedHandler = handler;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON; a Blob (a chosen file) is sent as its raw bytes. */
  body?: unknown;
  signal?: AbortSignal;
  /** Let a 401 through as an error without leaving the page (login form, session probe). */
  allowUnauthenticated?: boolean;
}

/** The address of an API path such as `/employers` (written without the API prefix), with its query. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  const url = `${API_ROOT}${path}`;
  return search ? `${url}?${search}` : url;
}

const errorCodeSet = new Set<string>(errorCodes);

const fallbackMessages: Record<number, string> = {
  400: '请求有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到，或不在您的管辖范围内',
  409: '数据已被修改，请刷新后重试',
  423: '账号已锁定，请稍后再试',
  429: '操作过于频繁，请稍后再试',
};

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  const error =
    typeof payload === 'object' && payload !== null && 'error' in payload
      ? (payload as { error: unknown }).error
      : null;
  if (typeof error === 'object' && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    const knownCode = typeof code === 'string' && errorCodeSet.has(code) ? (code as ErrorCode) : 'INTERNAL';
    const text = typeof message === 'string' && message ? message : defaultMessage(response.status);
    return new ApiError(response.status, knownCode, text, details);
  }
  return new ApiError(response.status, statusCode(response.status), defaultMessage(response.status));
}

function defaultMessage(status: number): string {
  return fallbackMessages[status] ?? `服务器暂时无法处理请求（${status}），请稍后重试`;
}

function statusCode(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 423:
      return 'LOCKED';
    case 429:
      return 'RATE_LIMITED';
    default:
      return 'INTERNAL';
  }
}

/** One call to the JSON API: sends the CSRF token on writes and throws ApiError on failure. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = options.body instanceof Blob;
  if (options.body !== undefined) {
    headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body:
        options.body === undefined ? undefined : raw ? (options.body as Blob) : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.allowUnauthenticated) unauthenticatedHandler();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function apiGet<T>(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T> {
  return apiRequest<T>(path, { query, signal });
}

export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'POST', body: body ?? {} });
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'PATCH', body });
}
