import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { INITIATIVES } from '../../reference/initiatives';
import { csvDocument, setCsvAttachment } from '../opendata/csvWriter';
import type { FeatureContext } from '..';
import { PetitionOwnerNotFoundError, PetitionSlugTakenError } from './petitionAdminService';
import { parsePetitionForm, petitionValuesFrom, petitionValuesOf, type PetitionFormErrors, type PetitionFormValues } from './petitionForm';
import { countsOf, findPetition, listPetitions, ownerSlugOf } from './petitionReads';

const stateForm = z.object({ state: z.enum(['open', 'closed']) });
const emptyValues = petitionValuesFrom({});

async function loadPetition(req: Request) {
  const petition = await findPetition(String(req.params['slug']));
  if (!petition) throw createError(404);
  return petition;
}

function renderForm(req: Request, res: Response, status: number, view: { values: PetitionFormValues; errors: PetitionFormErrors; slug: string | null; state?: string; total?: number }) {
  res.status(status).render('secretariat/petitions/form', {
    title: view.slug ? req.t('petitions:admin.editTitle', { slug: view.slug }) : req.t('petitions:admin.newTitle'),
    ...view,
    initiatives: INITIATIVES.map((initiative) => ({ value: initiative.slug, label: initiative.name[req.language] })),
  });
}

/** Mapped to the field the message belongs next to. */
function serviceErrors(error: unknown): PetitionFormErrors | null {
  if (error instanceof PetitionOwnerNotFoundError) return { ownerSlug: 'petitions:admin.errors.ownerUnknown' };
  if (error instanceof PetitionSlugTakenError) return { slug: 'petitions:admin.errors.slugTaken' };
  return null;
}

/** The secretariat's petition pages, mounted under /secretariat behind its role gate. */
export function petitionSecretariatRoutes(context: FeatureContext): Router {
  const router = Router();
  const { petitions } = context.services;

  router.get('/petitions', async (req, res) => {
    const list = await listPetitions();
    const rows = await Promise.all(list.map(async (petition) => ({ slug: petition.slug, title: petition.title[req.language], state: petition.state, total: (await countsOf(petition._id)).total })));
    res.render('secretariat/petitions/index', { title: req.t('petitions:admin.title'), petitions: rows });
  });

  router.get('/petitions/new', (req, res) => renderForm(req, res, 200, { values: emptyValues, errors: {}, slug: null }));

  router.post('/petitions/new', async (req, res) => {
    const values = petitionValuesFrom((req.body ?? {}) as Record<string, unknown>);
    const parsed = parsePetitionForm(values, true);
    if (!parsed.ok) return renderForm(req, res, 400, { values, errors: parsed.errors, slug: null });
    try {
      await petitions.create(actorFrom(req), parsed.slug, parsed.details);
    } catch (error) {
      const errors = serviceErrors(error);
      if (errors) return renderForm(req, res, 400, { values, errors, slug: null });
      throw error;
    }
    req.flash('success', req.t('petitions:admin.created'));
    res.redirect(303, `/secretariat/petitions/${parsed.slug}`);
  });

  router.get('/petitions/:slug', async (req, res) => {
    const petition = await loadPetition(req);
    const values = petitionValuesOf(petition, (await ownerSlugOf(petition)) ?? '');
    renderForm(req, res, 200, { values, errors: {}, slug: petition.slug, state: petition.state, total: (await countsOf(petition._id)).total });
  });

  router.post('/petitions/:slug', async (req, res) => {
    const petition = await loadPetition(req);
    const values = { ...petitionValuesFrom((req.body ?? {}) as Record<string, unknown>), slug: petition.slug };
    const parsed = parsePetitionForm(values, false);
    const view = { values, slug: petition.slug, state: petition.state, total: (await countsOf(petition._id)).total };
    if (!parsed.ok) return renderForm(req, res, 400, { ...view, errors: parsed.errors });
    try {
      await petitions.update(actorFrom(req), petition._id, parsed.details);
    } catch (error) {
      const errors = serviceErrors(error);
      if (errors) return renderForm(req, res, 400, { ...view, errors });
      throw error;
    }
    req.flash('success', req.t('petitions:admin.saved'));
    res.redirect(303, `/secretariat/petitions/${petition.slug}`);
  });

  router.post('/petitions/:slug/state', async (req, res) => {
    const petition = await loadPetition(req);
    const parsed = stateForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      req.flash('error', req.t('petitions:admin.stateInvalid'));
      return res.redirect(303, `/secretariat/petitions/${petition.slug}`);
    }
    await petitions.setState(actorFrom(req), petition._id, parsed.data.state);
    req.flash('success', req.t(parsed.data.state === 'open' ? 'petitions:admin.opened' : 'petitions:admin.closed'));
    res.redirect(303, `/secretariat/petitions/${petition.slug}`);
  });

  // For the petition's owner: names, organisations, countries and dates; never an e-mail address.
  router.get('/petitions/:slug/signatures.csv', async (req, res) => {
    const petition = await loadPetition(req);
    const rows = await petitions.exportSignatures(actorFrom(req), petition._id);
    setCsvAttachment(res, `${petition.slug}-signatures-for-owner.csv`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(
      csvDocument(
        ['name', 'organisation', 'country', 'name_public', 'confirmed_at'],
        rows.map((row) => [row.name, row.organisation, row.country, row.showName ? 'yes' : 'no', row.confirmedAt.toISOString()]),
      ),
    );
  });

  return router;
}
