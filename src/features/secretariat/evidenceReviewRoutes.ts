import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { codeLabel, formatDate } from '../directory/labels';
import type { FeatureContext } from '..';

const NOTE_MAX = 1000;
const reviewForm = z
  .object({
    decision: z.enum(['accepted', 'rejected']),
    note: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().trim().max(NOTE_MAX)),
  })
  .refine((form) => form.decision === 'accepted' || form.note !== '', { path: ['note'] });

interface FormError {
  evidenceId: string;
  note: string;
  message: string;
}

/** Manual evidence waiting for the secretariat's decision, and evidence failing or stale, on one page. */
export function evidenceReviewRoutes(context: FeatureContext): Router {
  const router = Router();
  const { evidenceReview } = context.services;

  async function renderQueue(req: Request, res: Response, status = 200, formError: FormError | null = null) {
    const { pending, failing } = await evidenceReview.queue();
    const row = (entry: (typeof pending)[number]) => ({
      id: String(entry._id),
      organisation: entry.organisation,
      kind: codeLabel('evidenceKind', entry.kind, req.t),
      subject: entry.subject,
      subjectIsLink: /^https?:\/\//i.test(entry.subject),
      status: codeLabel('evidenceStatus', entry.status, req.t),
      level: entry.latestResult?.level ?? null,
      added: formatDate((entry as { createdAt?: Date }).createdAt ?? null, req.language),
      failingSince: formatDate(entry.failingSince ?? null, req.language),
    });
    res.status(status).render('secretariat/evidence', {
      title: req.t('verification:review.title'),
      pending: pending.map(row),
      failing: failing.map(row),
      formError,
    });
  }

  router.get('/evidence', (req, res) => renderQueue(req, res));

  router.post('/evidence/:evidenceId/review', async (req, res) => {
    const evidenceId = String(req.params['evidenceId'] ?? '');
    const parsed = reviewForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const note = typeof body['note'] === 'string' ? body['note'].slice(0, NOTE_MAX + 100) : '';
      const tooLong = note.trim().length > NOTE_MAX;
      const message = req.t(tooLong ? 'verification:review.noteTooLong' : 'verification:review.noteRequired');
      return renderQueue(req, res, 400, { evidenceId, note, message });
    }
    const outcome = await evidenceReview.review(actorFrom(req), evidenceId, parsed.data.decision, parsed.data.note);
    const messages = {
      reviewed: ['success', `verification:review.${parsed.data.decision}`],
      unchanged: ['info', 'verification:review.unchanged'],
      'not-found': ['info', 'verification:review.notFound'],
      'not-manual': ['info', 'verification:review.notManual'],
    } as const;
    const [type, key] = messages[outcome];
    req.flash(type, req.t(key));
    res.redirect(303, '/secretariat/evidence');
  });

  return router;
}
