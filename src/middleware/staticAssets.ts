import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

const oneYearSeconds = 31_536_000;

/** Content hash of every file under public/, read once when the app is built. */
export function fingerprintAssets(publicDir: string): Map<string, string> {
  const fingerprints = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const hash = createHash('sha256').update(fs.readFileSync(full)).digest('hex').slice(0, 10);
        fingerprints.set('/' + path.relative(publicDir, full).split(path.sep).join('/'), hash);
      }
    }
  };
  if (fs.existsSync(publicDir)) walk(publicDir);
  return fingerprints;
}

/** `/css/site.css` → `/css/site.css?v=<hash>`, so a changed file gets a new URL and old ones cache forever. */
export function createAssetUrl(fingerprints: Map<string, string>): (publicPath: string) => string {
  return (publicPath) => {
    const hash = fingerprints.get(publicPath);
    if (!hash) throw new Error(`Unknown asset ${publicPath}: is it in public/?`);
    return `${publicPath}?v=${hash}`;
  };
}

/**
 * A plain handler rather than a Router: a Router that answers nothing hands the request on in the next turn
 * of the event loop, which every page request would pay.
 */
export function setUpStaticAssets(publicDir: string, fingerprints: Map<string, string>): RequestHandler {
  const serveFile = express.static(publicDir, {
    index: false,
    setHeaders: (res, filePath) => {
      const publicPath = '/' + path.relative(publicDir, filePath).split(path.sep).join('/');
      const requested = new URL(res.req.url, 'http://x').searchParams.get('v');
      const fingerprinted = requested !== null && requested === fingerprints.get(publicPath);
      res.setHeader(
        'Cache-Control',
        fingerprinted ? `public, max-age=${oneYearSeconds}, immutable` : 'public, max-age=3600',
      );
    },
  });
  // Only files that were in public/ at start reach the file system: page requests skip the stat call.
  return (req, res, next) => (fingerprints.has(req.path) ? serveFile(req, res, next) : next());
}
