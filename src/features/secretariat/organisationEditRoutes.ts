import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { actorFrom } from '../../audit/actor';
import type { FeatureContext } from '..';
import { applicationFormOptions } from '../applications/formOptions';
import {
  formValuesOf,
  organisationFormValues,
  parseOrganisationForm,
  type OrganisationFieldErrors,
  type OrganisationFormValues,
} from '../organisations/organisationForm';
import type { OrganisationService } from '../organisations/organisationService';

async function loadOrganisation(organisations: OrganisationService, req: Request) {
  const organisation = await organisations.findBySlug(String(req.params['slug']));
  if (!organisation) throw createError(404);
  return organisation;
}

function renderForm(
  req: Request,
  res: Response,
  organisation: { slug: string; name: string },
  values: OrganisationFormValues,
  errors: OrganisationFieldErrors = {},
  notice?: string,
) {
  res.status(Object.keys(errors).length > 0 || notice ? 400 : 200).render('secretariat/organisations/edit', {
    title: req.t('organisations:edit.title', { name: organisation.name }),
    organisation,
    values,
    errors: Object.fromEntries(
      Object.entries(errors).map(([field, key]) => [field, req.t(`organisations:errors.${key}`)]),
    ),
    notice,
    options: applicationFormOptions(req.language, req.t),
  });
}

/** Edit any organisation's public fields; errors shown next to each field with the input kept. */
export function organisationEditRoutes(context: FeatureContext): Router {
  const router = Router();
  const { organisations } = context.services;

  router.get('/organisations/:slug/edit', async (req, res) => {
    const organisation = await loadOrganisation(organisations, req);
    renderForm(req, res, organisation, formValuesOf(organisation));
  });

  router.post('/organisations/:slug/edit', async (req, res) => {
    const organisation = await loadOrganisation(organisations, req);
    const values = organisationFormValues(req.body);
    const parsed = parseOrganisationForm(values);
    if (!parsed.ok) return renderForm(req, res, organisation, values, parsed.errors);
    const outcome = await organisations.edit(actorFrom(req), organisation._id, parsed.fields);
    if (outcome === 'gone') throw createError(404);
    if (outcome === 'same-identity')
      return renderForm(req, res, organisation, values, { name: 'sameIdentity' });
    req.flash(
      'success',
      req.t(outcome === 'saved' ? 'organisations:edit.saved' : 'organisations:edit.unchanged'),
    );
    res.redirect(303, `/secretariat/organisations/${encodeURIComponent(organisation.slug)}`);
  });

  return router;
}
