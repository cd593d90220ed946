import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { actorFrom } from '../../audit/actor';
import { Organisation } from '../../models/organisation';
import { sidesOf, type RelationshipRecord, type StoredParty } from '../../models/relationship';
import { RELATIONSHIP_KINDS } from '../../reference/relationships';
import type { FeatureContext } from '..';
import {
  emptyRelationshipForm,
  enteredValues,
  parseRelationshipForm,
  type FormErrors,
  type RelationshipFormValues,
} from './relationshipForm';
import { RelationshipPartyError, type RelationshipInput, type RelationshipService } from './relationshipService';

const BASE = '/relationships';

/** A stored relationship as the form shows it: registry sides by their current slug. */
async function formValuesOf(relationship: RelationshipRecord): Promise<RelationshipFormValues> {
  const sides = sidesOf(relationship);
  const ids = [sides.from.organisation, sides.to.organisation].filter((id) => id != null);
  const organisations = await Organisation.find({ _id: { $in: ids } }, { slug: 1 }).lean();
  const slugOf = (id: unknown) => organisations.find((o) => String(o._id) === String(id))?.slug ?? '';
  const side = (party: StoredParty) =>
    party.organisation
      ? { organisation: slugOf(party.organisation), name: '', url: '' }
      : { organisation: '', name: party.name, url: party.url ?? '' };
  const from = side(sides.from);
  const to = side(sides.to);
  const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 10) ?? '';
  return {
    fromOrganisation: from.organisation,
    fromName: from.name,
    fromUrl: from.url,
    kind: relationship.kind,
    toOrganisation: to.organisation,
    toName: to.name,
    toUrl: to.url,
    since: day(relationship.since),
    until: day(relationship.until),
    sourceUrl: relationship.sourceUrl,
  };
}

function renderForm(req: Request, res: Response, view: { id: string | null; values: RelationshipFormValues; errors?: FormErrors; status?: number }) {
  res.status(view.status ?? 200).render('secretariat/relationships/form', {
    title: req.t(view.id ? 'relationships:form.editTitle' : 'relationships:form.newTitle'),
    id: view.id,
    values: view.values,
    errors: view.errors ?? {},
    kinds: RELATIONSHIP_KINDS.map((kind) => ({ value: kind, label: req.t(`relationships:kind.${kind}`) })),
  });
}

/** Runs the write; a side the registry does not know becomes an error next to that side's field. */
async function save(write: () => Promise<unknown>): Promise<FormErrors | null> {
  try {
    await write();
    return null;
  } catch (error) {
    if (!(error instanceof RelationshipPartyError)) throw error;
    return { [`${error.side}Organisation`]: `errors.party.${error.reason}` };
  }
}

/** The secretariat's pages to record, correct and delete relationships between organisations. */
export function relationshipAdminRoutes(context: FeatureContext): Router {
  const router = Router();
  const relationships: RelationshipService = context.services.relationships;

  router.get(BASE, async (req, res) => {
    res.render('secretariat/relationships/index', {
      title: req.t('relationships:admin.title'),
      relationships: await relationships.list(),
    });
  });

  router.get(`${BASE}/new`, (req, res) => renderForm(req, res, { id: null, values: emptyRelationshipForm() }));

  router.post(BASE, async (req, res) => {
    const values = enteredValues(req.body);
    const { input, errors } = parseRelationshipForm(values);
    const failed = input ? await save(() => relationships.create(actorFrom(req), input)) : errors;
    if (failed) return renderForm(req, res, { id: null, values, errors: failed, status: 400 });
    req.flash('success', req.t('relationships:admin.created'));
    res.redirect(303, `/secretariat${BASE}`);
  });

  router.get(`${BASE}/:id`, async (req, res) => {
    const relationship = await relationships.find(req.params.id);
    if (!relationship) throw createError(404);
    renderForm(req, res, { id: String(relationship._id), values: await formValuesOf(relationship) });
  });

  router.post(`${BASE}/:id`, async (req, res) => {
    const id = req.params.id;
    if (!(await relationships.find(id))) throw createError(404);
    const values = enteredValues(req.body);
    const { input, errors } = parseRelationshipForm(values);
    const failed = input ? await save(() => relationships.update(actorFrom(req), id, input as RelationshipInput)) : errors;
    if (failed) return renderForm(req, res, { id, values, errors: failed, status: 400 });
    req.flash('success', req.t('relationships:admin.updated'));
    res.redirect(303, `/secretariat${BASE}`);
  });

  router.post(`${BASE}/:id/delete`, async (req, res) => {
    if (!(await relationships.remove(actorFrom(req), req.params.id))) throw createError(404);
    req.flash('success', req.t('relationships:admin.removed'));
    res.redirect(303, `/secretariat${BASE}`);
  });

  return router;
}
