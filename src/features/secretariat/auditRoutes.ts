import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AUDIT_ACTION_NAMES } from '../../audit/actions';
import { authorise } from '../../middleware/authorise';
import { policies } from '../../policies/policies';
import type { FeatureContext } from '..';
import { enteredFilter, parseAuditFilter, type AuditFilterField } from '../auditLog/auditFilter';
import { auditCsv } from '../auditLog/auditCsv';
import { auditCursor, auditPage } from '../auditLog/auditLogQuery';
import { setCsvAttachment } from '../opendata/csvWriter';
import { pageNumber, pageUrlOf } from './pageNumber';

const pageQuery = z.object({ page: pageNumber });

function renderLog(req: Request, res: Response, status: number, errors: Partial<Record<AuditFilterField, string>>, found?: Awaited<ReturnType<typeof auditPage>>) {
  const form = enteredFilter(req.query as Record<string, unknown>);
  const params = Object.fromEntries(Object.entries(form).filter(([, value]) => value !== ''));
  res.status(status).render('secretariat/audit/index', {
    title: req.t('auditLog:title'),
    form,
    errors: Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, req.t(`auditLog:${key}`)])),
    actions: AUDIT_ACTION_NAMES,
    found,
    csvUrl: `/secretariat/audit.csv${Object.keys(params).length > 0 ? `?${new URLSearchParams(params).toString()}` : ''}`,
    pageUrl: pageUrlOf('/secretariat/audit', params),
  });
}

/** Every change by anyone, newest first, filtered and paged; the same filter downloads as CSV. */
export function auditRoutes(context: FeatureContext): Router {
  const router = Router();
  const canReadAuditLog = authorise((actor) => policies.canReadAuditLog(actor));

  router.get('/audit', canReadAuditLog, async (req, res) => {
    const parsed = parseAuditFilter(req.query as Record<string, unknown>);
    if (!parsed.ok) return renderLog(req, res, 400, parsed.errors);
    const { page } = pageQuery.parse(req.query);
    renderLog(req, res, 200, {}, await auditPage(parsed.filter, page));
  });

  router.get('/audit.csv', canReadAuditLog, async (req, res) => {
    const parsed = parseAuditFilter(req.query as Record<string, unknown>);
    if (!parsed.ok) return renderLog(req, res, 400, parsed.errors);
    const cursor = await auditCursor(parsed.filter);
    setCsvAttachment(res, `audit-log-${context.services.clock.now().toISOString().slice(0, 10)}.csv`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(auditCsv(cursor), res);
    } catch (error) {
      // The client went away, or a row failed after the headers left: nothing more can be said to it.
      req.log?.warn({ err: error, requestId: req.id }, 'audit log download interrupted');
      await cursor.close().catch(() => undefined);
    }
  });

  return router;
}
