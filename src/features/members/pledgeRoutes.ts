import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { actorFrom } from '../../audit/actor';
import { Pledge } from '../../models/pledge';
import { isInitiativeSlug, type InitiativeDefinition, type InitiativeSlug } from '../../reference/initiatives';
import type { Services } from '../../services';
import { parsePledgeForm, STATEMENT_MAX, type FieldErrors } from './forms';
import { organisationGuard } from './guards';
import { loadedOrganisation } from './loadOrganisation';

/** The initiative named in the address, if the organisation is a member of it. */
function initiativeOf(req: Request, res: Response): InitiativeDefinition {
  const slug = String(req.params['initiative'] ?? '');
  const initiative = loadedOrganisation(res).initiatives.find((candidate) => candidate.slug === slug);
  if (!initiative || !isInitiativeSlug(slug)) throw createError(404);
  return initiative;
}

function renderPledge(
  req: Request,
  res: Response,
  status: number,
  initiative: InitiativeDefinition,
  values: { commitments: string[]; statement: string; version: number | null },
  errors: FieldErrors = {},
) {
  const organisation = loadedOrganisation(res);
  const name = initiative.name[req.language];
  res.status(status).render('members/pledge', {
    title: req.t('members:pledge.title', { initiative: name, name: organisation.name }),
    organisation,
    initiative: { slug: initiative.slug, name },
    commitments: initiative.commitments.map((commitment) => ({
      code: commitment.code,
      title: commitment.title[req.language],
      text: commitment.text[req.language],
      checked: values.commitments.includes(commitment.code),
    })),
    values,
    statementMax: STATEMENT_MAX,
    errors,
  });
}

/** Each initiative's pledge: the commitments adopted and the public statement; a changing save is a new version. */
export function pledgeRoutes({ pledges }: Pick<Services, 'pledges'>): Router {
  const router = Router();
  const path = '/account/organisations/:slug/pledges/:initiative';

  router.get(path, ...organisationGuard(), async (req, res) => {
    const initiative = initiativeOf(req, res);
    const current = await Pledge.currentFor(loadedOrganisation(res)._id, initiative.slug as InitiativeSlug).lean();
    renderPledge(req, res, 200, initiative, {
      commitments: current?.commitments ?? [],
      statement: current?.statement ?? '',
      version: current?.version ?? null,
    });
  });

  router.post(path, ...organisationGuard(), async (req, res) => {
    const initiative = initiativeOf(req, res);
    const organisation = loadedOrganisation(res);
    const codes = initiative.commitments.map((commitment) => commitment.code);
    const parsed = parsePledgeForm(req.body, codes);
    if (!parsed.ok) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const ticked = ([] as unknown[]).concat(body['commitments'] ?? []).filter((code): code is string => typeof code === 'string');
      const statement = typeof body['statement'] === 'string' ? body['statement'] : '';
      return renderPledge(req, res, 400, initiative, { commitments: ticked, statement, version: null }, parsed.errors);
    }
    const saved = await pledges.savePledge(actorFrom(req), {
      organisation: organisation._id,
      initiative: initiative.slug as InitiativeSlug,
      commitments: parsed.data.commitments,
      statement: parsed.data.statement,
    });
    const message = saved.changed ? req.t('members:pledge.saved', { version: saved.version }) : req.t('members:noChange');
    req.flash(saved.changed ? 'success' : 'info', message);
    res.redirect(303, `/account/organisations/${organisation.slug}/pledges/${initiative.slug}`);
  });

  return router;
}
