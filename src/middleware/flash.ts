import type { RequestHandler } from 'express';
import { hasSessionCookie } from './session';

export interface FlashMessage {
  type: 'success' | 'info' | 'error';
  message: string;
}

/** One-shot messages kept in the session until the next page shows them. */
export function setUpFlash(): RequestHandler {
  return (req, res, next) => {
    req.flash = (type, message) => {
      req.session.flash = [...(req.session.flash ?? []), { type, message }];
    };
    const pending = hasSessionCookie(req) ? req.session?.flash : undefined;
    if (pending && pending.length > 0 && req.method === 'GET' && req.accepts('html')) {
      delete req.session.flash;
      res.locals.flashMessages = pending;
    } else {
      res.locals.flashMessages = [];
    }
    next();
  };
}
