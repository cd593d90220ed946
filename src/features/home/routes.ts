import { Router } from 'express';
import { INITIATIVES } from '../../reference/initiatives';
import { onlyLanguageParameter, sendCachedPage } from '../directory/cachedPage';
import { countryName, flagOf, formatDate, formatNumber } from '../directory/labels';
import { filteredDirectoryUrl } from '../directory/query';
import type { DirectoryDependencies } from '../directory/routes';
import { newestMembers } from '../directory/search';

const NEWEST_SHOWN = 6;

/** The home page with live figures from the directory's read model. */
export function homeRoutes({ readModel, cache, baseUrl }: DirectoryDependencies): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const snapshot = await readModel.current();
    const { language: lang, t } = req;
    const key = onlyLanguageParameter(req.query) ? 'home' : null;
    const context = { cache, version: snapshot.token, changedAt: snapshot.changedAt, key };
    await sendCachedPage(req, res, context, () => ({
      view: 'home/index',
      locals: {
        title: t('home.title'),
        canonicalUrl: `${baseUrl ?? ''}/`,
        totals: {
          signatories: formatNumber(snapshot.entries.length, lang),
          countries: formatNumber(snapshot.countryCount, lang),
        },
        initiatives: INITIATIVES.map((initiative) => {
          const slug = initiative.slug as 'tech-accord' | 'paris-call';
          const count = snapshot.countsByInitiative[slug];
          return {
            slug,
            name: initiative.name[lang],
            count: t('directory:home.signatories', { count, formatted: formatNumber(count, lang) }),
            directoryUrl: filteredDirectoryUrl({ initiative: slug }),
          };
        }),
        newest: newestMembers(snapshot, NEWEST_SHOWN).map((entry) => ({
          name: entry.name,
          url: `/signatories/${entry.slug}`,
          flag: flagOf(entry.country),
          country: countryName(entry.country, lang, t),
          joined: formatDate(entry.firstJoinedAt, lang),
        })),
      },
    }));
  });
  return router;
}
