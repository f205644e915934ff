/**
 * The one error type the domain throws. `code` is stable (clients and tests rely on it),
 * `message` is for people, `status` is the HTTP status the API answers with.
 * The HTTP layer turns it into RFC 9457 problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) =>
  new AppError(`${what}.not_found`, `No ${what.replace(/_/g, ' ')} ${id}.`, 404);

export const forbidden = (code: string, message: string) => new AppError(code, message, 403);
