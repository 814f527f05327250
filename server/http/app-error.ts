import { ERRORS, errorBody, type ErrorBody, type ErrorCode } from '../protocol/errors.ts';

/** An error a person should see: a catalogue code with its HTTP status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, headers: Record<string, string> = {}) {
    super(ERRORS[code].en);
    this.code = code;
    this.status = ERRORS[code].status;
    this.headers = headers;
  }

  body(): ErrorBody {
    return errorBody(this.code);
  }
}
