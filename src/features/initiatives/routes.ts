import { Router } from 'express';
import createError from 'http-errors';
import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import {
  INITIATIVES,
  commitmentKey,
  findInitiative,
  type InitiativeDefinition,
} from '../../reference/initiatives';
import { onlyLanguageParameter, sendCachedPage } from '../directory/cachedPage';
import { formatDate, formatNumber } from '../directory/labels';
import { filteredDirectoryUrl } from '../directory/query';
import type { DirectoryDependencies } from '../directory/routes';
import type { DirectorySnapshot } from '../directory/snapshot';

function initiativeViewModel(
  initiative: InitiativeDefinition,
  snapshot: DirectorySnapshot,
  lang: Language,
  t: TFunction,
) {
  const slug = initiative.slug as 'tech-accord' | 'paris-call';
  const signatories = snapshot.countsByInitiative[slug];
  return {
    slug,
    name: initiative.name[lang],
    description: initiative.description[lang],
    website: initiative.website,
    launched: formatDate(initiative.launchedAt, lang),
    signatories: t('directory:initiatives.signatories', {
      count: signatories,
      formatted: formatNumber(signatories, lang),
    }),
    directoryUrl: filteredDirectoryUrl({ initiative: slug }),
    commitments: initiative.commitments.map((commitment) => {
      const key = commitmentKey(slug, commitment.code);
      const adopted = snapshot.countsByCommitment.get(key) ?? 0;
      return {
        code: commitment.code,
        title: commitment.title[lang],
        text: commitment.text[lang],
        adopted: t('directory:initiatives.adoptedBy', {
          count: adopted,
          formatted: formatNumber(adopted, lang),
        }),
        url: adopted > 0 ? filteredDirectoryUrl({ commitment: key }) : null,
      };
    }),
  };
}

export function initiativeRoutes({ readModel, cache, baseUrl }: DirectoryDependencies): Router {
  const router = Router();

  router.get('/initiatives', async (req, res) => {
    const snapshot = await readModel.current();
    const key = onlyLanguageParameter(req.query) ? 'initiatives' : null;
    const context = { cache, version: snapshot.token, changedAt: snapshot.changedAt, key };
    await sendCachedPage(req, res, context, () => ({
      view: 'initiatives/index',
      locals: {
        title: req.t('directory:initiatives.title'),
        canonicalUrl: `${baseUrl ?? ''}/initiatives`,
        initiatives: INITIATIVES.map((initiative) =>
          initiativeViewModel(initiative, snapshot, req.language, req.t),
        ),
      },
    }));
  });

  router.get('/initiatives/:slug', async (req, res) => {
    const initiative = findInitiative(req.params.slug);
    if (!initiative) throw createError(404);
    const snapshot = await readModel.current();
    const key = onlyLanguageParameter(req.query) ? `initiative|${initiative.slug}` : null;
    const context = { cache, version: snapshot.token, changedAt: snapshot.changedAt, key };
    await sendCachedPage(req, res, context, () => {
      const view = initiativeViewModel(initiative, snapshot, req.language, req.t);
      return {
        view: 'initiatives/show',
        locals: {
          ...view,
          title: view.name,
          canonicalUrl: `${baseUrl ?? ''}/initiatives/${initiative.slug}`,
          alternateFeeds: [{ href: `/initiatives/${initiative.slug}/feed.atom`, title: view.name }],
        },
      };
    });
  });

  return router;
}
