import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { languages, rememberLanguage } from '../../middleware/i18n';

const preferenceForm = z.object({
  lang: z.enum(languages),
  returnTo: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/)
    .max(2000)
    .optional(),
});

/** A no-JavaScript language preference form; the header links (`?lang=`) do the same for one click. */
export function languageRoutes(config: Pick<Config, 'isProduction'>): Router {
  const router = Router();
  router.get('/language', (req, res) => {
    res.render('language/edit', {
      title: req.t('language.title'),
      errors: {},
      values: { lang: req.language },
    });
  });
  router.post('/language', (req, res) => {
    const parsed = preferenceForm.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).render('language/edit', {
        title: req.t('language.title'),
        errors: { lang: req.t('language.errors.choose') },
        values: { lang: req.language },
      });
      return;
    }
    rememberLanguage(res, parsed.data.lang, config.isProduction);
    req.flash('success', req.t('language.saved', { lng: parsed.data.lang }));
    res.redirect(303, parsed.data.returnTo ?? '/');
  });
  return router;
}
