import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { isHttpError } from 'http-errors';
import { isDatabaseUnavailable } from '../../db/availability';
import type { Problem } from './schemas';

export interface InvalidParameter {
  name: string;
  reason: string;
}

/** A 400 whose problem document lists each bad query parameter. */
export class InvalidParametersError extends Error {
  readonly status = 400;
  constructor(readonly invalid: InvalidParameter[]) {
    super(`Invalid query parameters: ${invalid.map((item) => item.name).join(', ')}`);
  }
}

const typeBase = '/api#problem-';

/** Answers an RFC 9457 problem document: a type URI per status, the status' title, never a stack. */
export function sendProblem(req: Request, res: Response, status: number, extra: Partial<Problem> = {}): void {
  const problem: Problem = {
    type: `${typeBase}${status}`,
    title: STATUS_CODES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request'),
    status,
    instance: req.originalUrl.slice(0, 500),
    ...extra,
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The open data's error handler: every failure becomes a problem document, 5xx details only in the log. */
export function problemHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof InvalidParametersError) {
      req.log?.info({ status: 400, requestId: req.id }, 'request refused');
      return sendProblem(req, res, 400, {
        detail: 'One or more query parameters are not valid for this endpoint.',
        invalidParams: error.invalid,
      });
    }
    const status = isDatabaseUnavailable(error)
      ? 503
      : isHttpError(error) && error.status >= 400 && error.status < 600
        ? error.status
        : 500;
    if (status >= 500) req.log?.error({ err: error, requestId: req.id }, 'request failed');
    else req.log?.info({ status, requestId: req.id }, 'request refused');
    if (status === 503) res.setHeader('Retry-After', '30');
    const detail = status < 500 && isHttpError(error) && error.expose ? { detail: error.message } : {};
    sendProblem(req, res, status, detail);
  };
}
