/**
 * The web app's HTTP client for /api/v1. It keeps the session's CSRF token in memory (never in
 * storage), sends it as x-csrf-token on every write, and turns error bodies into ApiError.
 */
import type { ErrorCode } from '../../../common/errors';

let csrfToken: string | null = null;

/** Stores the CSRF token returned by sign-in or by GET /auth/me after a page reload. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** One invalid field named by a validation_failed error, with its path such as body.title. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** An error response of the API: its stable code, HTTP status and any invalid fields. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly issues: FieldIssue[];
  readonly requestId: string | null;

  constructor(
    status: number,
    code: ErrorCode | 'network',
    message: string,
    issues: FieldIssue[] = [],
    requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.requestId = requestId;
  }
}

interface ErrorBody {
  error?: { code?: ErrorCode; message?: string; requestId?: string; details?: unknown };
}

function fieldIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (item): item is FieldIssue =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as FieldIssue).field === 'string' &&
      typeof (item as FieldIssue).message === 'string',
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy or the browser returned something other than the API's JSON error body.
  }
  const error = body.error;
  return new ApiError(
    response.status,
    error?.code ?? 'internal',
    error?.message ?? `HTTP ${response.status}`,
    fieldIssues(error?.details),
    error?.requestId ?? null,
  );
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Sends one request to the API and returns its JSON body (undefined for 204). A FormData body is
 * sent as multipart/form-data; any other body as JSON.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
};
