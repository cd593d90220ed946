import type { RequestHandler, Response } from 'express';
import { pingDatabase } from '../../db/ping';

const alive = JSON.stringify({ status: 'ok' });

function sendJson(res: Response, status: number, body: string): void {
  res.status(status).set('Cache-Control', 'no-store').type('json').send(body);
}

async function answerReadiness(res: Response): Promise<void> {
  try {
    await pingDatabase();
    sendJson(res, 200, JSON.stringify({ status: 'ready', database: 'up' }));
  } catch {
    sendJson(res, 503, JSON.stringify({ status: 'unavailable', database: 'down' }));
  }
}

/**
 * JSON probes for load balancers and orchestrators. Mounted right after the security headers, so a probe
 * touches no cookie, session or router; a plain handler rather than a Router, since probes come often.
 */
export function healthRoutes(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/healthz') return sendJson(res, 200, alive);
    if (req.path === '/readyz') return void answerReadiness(res).catch(next);
    next();
  };
}
