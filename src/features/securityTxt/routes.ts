import { Router } from 'express';
import type { Config } from '../../config';
import { SECURITY_TXT_PATH, securityTxtFile } from './securityTxtFile';

/** `/.well-known/security.txt`, and `/security.txt` sent there (the old location RFC 9116 allows). */
export function securityTxtRoutes(config: Config): Router {
  const router = Router();
  const body = securityTxtFile(config);
  router.get(SECURITY_TXT_PATH, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(body);
  });
  router.get('/security.txt', (_req, res) => res.redirect(301, SECURITY_TXT_PATH));
  return router;
}
