/**
 * The one error type that domain code throws. `code` is stable and machine-readable
 * (e.g. `job-post.closed`), `status` is the HTTP status the API answers with, `fields` names
 * the offending input when there is one. The exception filter turns it into the platform's JSON.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly fields?: FieldProblem[],
    /** Response headers that belong to the answer, e.g. `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, code = 'not-found'): DomainError {
    return new DomainError(code, `${what} not found`, 404);
  }

  static conflict(code: string, message: string): DomainError {
    return new DomainError(code, message, 409);
  }

  static forbidden(message = 'Not allowed', code = 'forbidden'): DomainError {
    return new DomainError(code, message, 403);
  }

  static invalid(field: string, message: string, code = 'validation-failed'): DomainError {
    return new DomainError(code, `${field}: ${message}`, 400, [{ field, message }]);
  }
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldProblem[] };
}
