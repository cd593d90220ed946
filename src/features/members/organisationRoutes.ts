import { Router, type Request, type Response } from 'express';
import { actorFrom } from '../../audit/actor';
import { SECTORS } from '../../reference/sectors';
import type { Services } from '../../services';
import { parseOrganisationForm, type FieldErrors } from './forms';
import { organisationGuard } from './guards';
import { loadedOrganisation } from './loadOrganisation';

interface DetailsValues {
  description: string;
  website: string;
  domains: string;
  sector: string;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

function renderDetails(req: Request, res: Response, status: number, values: DetailsValues, errors: FieldErrors = {}) {
  const organisation = loadedOrganisation(res);
  res.status(status).render('members/details', {
    title: req.t('members:details.title', { name: organisation.name }),
    organisation,
    values,
    errors,
    sectors: SECTORS.map((code) => ({ value: code, label: req.t(`directory:sector.${code}`) })),
  });
}

/** The organisation's overview and its public fields (description, website, mail domains, sector). */
export function organisationRoutes({ members }: Pick<Services, 'members'>): Router {
  const router = Router();
  const base = '/account/organisations/:slug';

  router.get(base, ...organisationGuard(), (_req, res) => {
    const organisation = loadedOrganisation(res);
    res.render('members/organisation', { title: organisation.name, organisation });
  });

  router.get(`${base}/details`, ...organisationGuard(), (req, res) => {
    const organisation = loadedOrganisation(res);
    renderDetails(req, res, 200, {
      description: organisation.description,
      website: organisation.website ?? '',
      domains: organisation.domains.join('\n'),
      sector: organisation.sector ?? '',
    });
  });

  router.post(`${base}/details`, ...organisationGuard(), async (req, res) => {
    const organisation = loadedOrganisation(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseOrganisationForm(body);
    if (!parsed.ok) {
      const values = { description: asText(body['description']), website: asText(body['website']), domains: asText(body['domains']), sector: asText(body['sector']) };
      return renderDetails(req, res, 400, values, parsed.errors);
    }
    const changed = await members.updatePublicFields(actorFrom(req), organisation._id, parsed.data);
    req.flash(changed ? 'success' : 'info', req.t(changed ? 'members:details.saved' : 'members:noChange'));
    res.redirect(303, `/account/organisations/${organisation.slug}`);
  });

  return router;
}
