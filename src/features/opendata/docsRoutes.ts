import { Router } from 'express';
import type { Licence } from './openDataHeaders';
import { CSV_COLUMNS } from './csvColumns';
import { endpointExamples } from './docsExamples';

const PROBLEM_STATUSES = [400, 404, 405, 429, 500, 503] as const;

/** `/api`: the read API, the downloads and their columns, and the problem types, in both languages. */
export function docsRoutes(licence: Licence): Router {
  const router = Router();
  const endpoints = endpointExamples();
  router.get('/api', (req, res) => {
    res.render('opendata/api', {
      title: req.t('opendata:docs.title'),
      endpoints,
      columns: CSV_COLUMNS.map((column) => ({ name: column.name, describedBy: column.describedBy })),
      problems: PROBLEM_STATUSES,
      licence,
    });
  });
  return router;
}
