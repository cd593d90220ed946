import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { ImportFileError } from '../../import';
import { verifyCsrfToken } from '../../middleware/csrf';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import type { FeatureContext } from '..';
import { createCsvUploadReader } from '../imports/csvUpload';

/** The upload's full path: the app-wide CSRF check leaves its multipart form to the route (see setUpCsrf). */
export const IMPORT_UPLOAD_PATH = '/secretariat/import';

const initiativeField = z.union([z.literal('').transform(() => null), z.enum(INITIATIVE_SLUGS)]);

interface FormState {
  initiative: string;
  errors: { file?: string; fileDetail?: string; initiative?: string };
}

const checkCsrf = (req: Request, res: Response) =>
  new Promise<void>((resolve, reject) => verifyCsrfToken(req, res, (error?: unknown) => (error ? reject(error) : resolve())));

/** Upload a CSV, read its dry-run report, apply it; each run's progress on its own page (no JavaScript needed). */
export function importRoutes(context: FeatureContext): Router {
  const router = Router();
  const { imports, config } = context.services;
  const maxBytes = config.imports.maxUploadBytes;
  const maxSize = (req: Request) =>
    maxBytes >= 1024 * 1024
      ? req.t('imports:units.megabytes', { value: Math.round((maxBytes / 1024 / 1024) * 10) / 10 })
      : req.t('imports:units.kilobytes', { value: Math.ceil(maxBytes / 1024) });
  const readUpload = createCsvUploadReader(maxBytes);

  async function renderIndex(req: Request, res: Response, status: number, form: FormState) {
    res.status(status).render('secretariat/import/index', {
      title: req.t('imports:title'),
      form,
      maxSize: maxSize(req),
      initiatives: INITIATIVE_SLUGS,
      runs: await imports.recent(),
    });
  }

  router.get('/import', (req, res) => renderIndex(req, res, 200, { initiative: '', errors: {} }));

  router.post('/import', async (req, res) => {
    const upload = await readUpload(req, res);
    await checkCsrf(req, res);
    const initiativeValue = typeof upload.fields['initiative'] === 'string' ? upload.fields['initiative'] : '';
    const initiative = initiativeField.safeParse(initiativeValue);
    const form: FormState = { initiative: initiativeValue, errors: {} };
    if (!initiative.success) form.errors.initiative = req.t('imports:errors.initiative');
    if (upload.problem) form.errors.file = req.t(`imports:errors.${upload.problem}`, { max: maxSize(req) });
    if (!initiative.success || upload.problem || !upload.file) {
      return renderIndex(req, res, upload.problem === 'too-large' ? 413 : 400, form);
    }
    try {
      const id = await imports.upload(actorFrom(req), {
        fileName: upload.file.originalname.slice(0, 255),
        content: upload.file.buffer,
        initiative: initiative.data,
      });
      res.redirect(303, `/secretariat/import/${id}`);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      form.errors.file = req.t('imports:errors.unrecognised');
      form.errors.fileDetail = error.message;
      return renderIndex(req, res, 400, form);
    }
  });

  router.get('/import/:id', async (req, res) => {
    const run = await imports.load(String(req.params['id']));
    if (!run) throw createError(404);
    res.render('secretariat/import/show', { title: req.t('imports:run.title', { file: run.fileName }), run });
  });

  router.post('/import/:id/apply', async (req, res) => {
    const id = String(req.params['id']);
    const run = await imports.load(id);
    if (!run) throw createError(404);
    const started = await imports.apply(actorFrom(req), id);
    req.flash(started ? 'success' : 'error', req.t(started ? 'imports:run.started' : 'imports:run.notWaiting'));
    res.redirect(303, `/secretariat/import/${id}`);
  });

  return router;
}
