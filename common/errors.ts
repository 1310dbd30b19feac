/**
 * The one table of error codes. The API maps each code to an HTTP status; the web app translates
 * the code for the screen, so the server never sends a sentence meant for a person.
 */
export const errorStatus = {
  validation_failed: 400,
  invalid_state: 409,
  unauthenticated: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  account_locked: 423,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rating_closed: 409,
  survey_closed: 409,
  campaign_closed: 409,
  temporal_unavailable: 503,
  database_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One invalid field: its path in the input and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * An error the application expects and reports to its caller: the code picks the HTTP status, the
 * message is for developers and logs, and details carry field issues or ids.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
