import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs the handlers one after another as a single layer of the app's router. Each router layer costs every
 * request a match, a parameter pass and a few closures; the app-wide middleware need none of that, since
 * they all apply to every path. Errors, thrown or rejected, go to `next` as Express would send them.
 */
export function inSequence(handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined) {
        next(error);
        return;
      }
      const handler = handlers[index++];
      if (!handler) {
        next();
        return;
      }
      try {
        const result: unknown = handler(req, res, step);
        if (result instanceof Promise)
          result.catch((reason: unknown) => next(reason ?? new Error('rejected')));
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
