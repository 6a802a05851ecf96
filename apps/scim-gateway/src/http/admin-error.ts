/** Stable machine-readable codes of admin API errors; clients may switch on them. */
export type AdminErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'method_not_allowed'
  | 'internal_error';

/** Error raised by admin services; the HTTP filter renders it as `{statusCode, code, message}`. */
export class AdminError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }

  static notFound(what: string, id: string): AdminError {
    return new AdminError(404, 'not_found', `${what} "${id}" was not found.`);
  }

  static invalid(message: string): AdminError {
    return new AdminError(400, 'invalid_request', message);
  }

  static conflict(message: string): AdminError {
    return new AdminError(409, 'conflict', message);
  }
}
