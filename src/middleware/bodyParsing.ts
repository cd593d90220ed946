import express, { type RequestHandler } from 'express';

/** Form posts and small JSON bodies only; anything larger is refused with 413 before a route sees it. */
export function setUpBodyParsing(): RequestHandler {
  const forms = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 });
  const json = express.json({ limit: '100kb' });
  return (req, res, next) => {
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      return next();
    }
    forms(req, res, (error?: unknown) => (error ? next(error) : json(req, res, next)));
  };
}
