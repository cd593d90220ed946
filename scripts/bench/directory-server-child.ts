/**
 * The server as `npm run serve` runs it (startServer, compiled to dist/, the environment it is given: in
 * the benchmark NODE_ENV=production, the default log level, the embedded engine on a data directory),
 * plus one extra router serving STATIC_HTML_FILE at /bench/static through the whole middleware chain,
 * which separates the cost of the chain from that of the pages.
 * Usage (through fork, compiled): directory-server-child.js STATIC_HTML_FILE
 */
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { Organisation } from '../../src/models/organisation';
import { startServer } from '../../src/startServer';
import { runHttpChild } from './http-server-child';

/** The file is written once the page it copies has been fetched, so it is read on first use. */
function staticPageRouter(file: string): Router {
  let html: string | undefined;
  const router = Router();
  router.get('/bench/static', (_req, res) => {
    html ??= readFileSync(file, 'utf8');
    res.type('html').send(html);
  });
  return router;
}

const mebibytes = (bytes: number): number => Math.round(bytes / 1_048_576);

runHttpChild(async () => {
  const started = performance.now();
  const server = await startServer({
    env: process.env,
    extraRouters: [staticPageRouter(process.argv[2] ?? '')],
  });
  const startSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  const synthetic = await Organisation.countDocuments({ origin: { $eq: 'synthetic' } });
  const sample = await Organisation.findOne({ origin: { $eq: 'synthetic' } })
    .skip(Math.floor(synthetic / 2))
    .select('slug')
    .lean();
  if (!sample) throw new Error('the data directory holds no synthetic organisation');
  const { beforeDatabase, databaseOpen, listening } = server.memory;
  return {
    port: server.port,
    facts: {
      startSeconds,
      sampleSlug: sample.slug,
      rssBeforeDatabaseMiB: mebibytes(beforeDatabase.rss),
      rssDatabaseOpenMiB: mebibytes(databaseOpen.rss),
      rssListeningMiB: mebibytes(listening.rss),
      heapBeforeDatabaseMiB: mebibytes(beforeDatabase.heapUsed),
      heapDatabaseOpenMiB: mebibytes(databaseOpen.heapUsed),
      heapListeningMiB: mebibytes(listening.heapUsed),
    },
    close: () => server.stop(),
  };
});
