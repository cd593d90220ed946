import express, { Router } from 'express';

/** Form posts and small JSON bodies only; anything larger is refused with 413 before a route sees it. */
export function setUpBodyParsing(): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }));
  router.use(express.json({ limit: '100kb' }));
  return router;
}
