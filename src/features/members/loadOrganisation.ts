import type { RequestHandler, Response } from 'express';
import createError from 'http-errors';
import type { Types } from 'mongoose';
import { Organisation } from '../../models/organisation';
import { findInitiative, type InitiativeDefinition, type InitiativeSlug } from '../../reference/initiatives';
import type { Sector } from '../../reference/sectors';
import { SLUG_PATTERN } from '../directory/profile';

/** The organisation a member page is about, as the loader leaves it for the policy and the route. */
export interface MemberOrganisation {
  _id: Types.ObjectId;
  id: string;
  slug: string;
  name: string;
  description: string;
  website: string | null;
  domains: string[];
  sector: Sector | null;
  initiatives: InitiativeDefinition[];
}

const LOCALS_KEY = 'memberOrganisation';

/** Load, then authorise: puts the organisation named by `:slug` in `res.locals`, or answers 404. */
export function loadOrganisation(): RequestHandler<{ slug: string }> {
  return async (req, res, next) => {
    const { slug } = req.params;
    if (!SLUG_PATTERN.test(slug)) return next(createError(404));
    const found = await Organisation.findBySlug(slug).lean();
    if (!found) return next(createError(404));
    const slugs = [...new Set(found.memberships.map((membership) => membership.initiative))] as InitiativeSlug[];
    const organisation: MemberOrganisation = {
      _id: found._id,
      id: String(found._id),
      slug: found.slug,
      name: found.name,
      description: found.description,
      website: found.website ?? null,
      domains: found.domains,
      sector: found.sector ?? null,
      initiatives: slugs.map(findInitiative).filter((initiative): initiative is InitiativeDefinition => Boolean(initiative)),
    };
    res.locals[LOCALS_KEY] = organisation;
    next();
  };
}

export function loadedOrganisation(res: Response): MemberOrganisation {
  const organisation = res.locals[LOCALS_KEY] as MemberOrganisation | undefined;
  if (!organisation) throw new Error('loadOrganisation must run before this route');
  return organisation;
}
