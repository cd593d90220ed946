import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { Readable } from 'node:stream';
import type { Config } from '../../config';
import type { DirectoryDependencies } from '../directory';
import { parseDirectoryQuery, queryString } from '../directory/query';
import { allMatching } from '../directory/search';
import type { DirectorySnapshot } from '../directory/snapshot';
import { setCsvAttachment } from './csvWriter';
import { csvDownload, jsonDownload } from './downloadStreams';
import { setOpenDataHeaders } from './openDataHeaders';
import { InvalidParametersError, problemHandler } from './problem';

interface Selection {
  snapshot: DirectorySnapshot;
  positions: readonly number[];
  /** The query without its page: a download holds every page. */
  canonicalQuery: string;
}

/** The same parser as the directory page; a parameter the page would ignore is refused here, not dropped. */
async function select(req: Request, directory: DirectoryDependencies): Promise<Selection> {
  const { query, ignored } = parseDirectoryQuery(req.query as Record<string, unknown>);
  if (ignored.length > 0)
    throw new InvalidParametersError(
      ignored.map((name) => ({ name, reason: 'Not a directory parameter, repeated, or not a valid value.' })),
    );
  const { snapshot, positions } = allMatching(await directory.readModel.current(), query);
  return {
    snapshot,
    positions,
    canonicalQuery: queryString({ ...query, page: 1, size: 20 }),
  };
}

async function send(req: Request, res: Response, body: Readable): Promise<void> {
  try {
    await pipeline(body, res);
  } catch (error) {
    // The client went away, or a row failed after the headers left: nothing more can be said to it.
    req.log?.warn({ err: error, requestId: req.id }, 'download interrupted');
  }
}

function fileName(extension: string, generatedAt: Date): string {
  return `signatories-${generatedAt.toISOString().slice(0, 10)}.${extension}`;
}

/** `/signatories.csv` and `/signatories.json`: the whole result of any directory query. */
export function downloadRoutes(directory: DirectoryDependencies, config: Pick<Config, 'openData'>): Router {
  const router = Router();
  const { licence } = config.openData;
  const context = { baseUrl: directory.baseUrl };

  router.get('/signatories.csv', async (req, res) => {
    const { snapshot, positions } = await select(req, directory);
    const generatedAt = new Date();
    setOpenDataHeaders(res, licence, generatedAt);
    setCsvAttachment(res, fileName('csv', generatedAt));
    res.setHeader('X-Total-Count', String(positions.length));
    await send(req, res, csvDownload(snapshot, positions, context));
  });

  router.get('/signatories.json', async (req, res) => {
    const { snapshot, positions, canonicalQuery } = await select(req, directory);
    const generatedAt = new Date();
    setOpenDataHeaders(res, licence, generatedAt);
    res.type('application/json; charset=utf-8');
    res.attachment(fileName('json', generatedAt));
    res.setHeader('X-Total-Count', String(positions.length));
    const head = {
      licence: { name: licence.name, url: licence.url },
      generatedAt: generatedAt.toISOString(),
      query: canonicalQuery,
      total: positions.length,
    };
    await send(req, res, jsonDownload(snapshot, positions, head, context));
  });

  router.use(['/signatories.csv', '/signatories.json'], problemHandler());
  return router;
}
