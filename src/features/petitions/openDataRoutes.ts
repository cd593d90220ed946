import { Router, type Request } from 'express';
import createError from 'http-errors';
import type { Licence } from '../opendata/openDataHeaders';
import { setOpenDataHeaders } from '../opendata/openDataHeaders';
import { csvDocument, setCsvAttachment } from '../opendata/csvWriter';
import { countsOf, findPetition, type PetitionCounts } from './petitionReads';

/** The one public shape of a petition's counts, for CSV and JSON alike: no personal data. */
export function presentPetitionCounts(
  petition: { slug: string; title: { en: string; fr: string }; state: string; initiative?: string | null; owner: { name: string } },
  counts: PetitionCounts,
) {
  return {
    petition: petition.slug,
    title: { en: petition.title.en, fr: petition.title.fr },
    state: petition.state,
    initiative: petition.initiative ?? null,
    owner: petition.owner.name,
    total: counts.total,
    byCountry: counts.byCountry.map(({ country, count }) => ({ country, signatures: count })),
  };
}

async function load(req: Request) {
  const petition = await findPetition(String(req.params['slug']));
  if (!petition) throw createError(404);
  return presentPetitionCounts(petition, await countsOf(petition._id));
}

/** Confirmed signatures by country, as open data. */
export function petitionOpenDataRoutes(licence: Licence): Router {
  const router = Router();

  router.get('/petitions/:slug/signatures.csv', async (req, res) => {
    const present = await load(req);
    setOpenDataHeaders(res, licence, new Date());
    setCsvAttachment(res, `${present.petition}-signatures.csv`);
    res.send(csvDocument(['country', 'signatures'], present.byCountry.map((row) => [row.country, String(row.signatures)])));
  });

  router.get('/petitions/:slug/signatures.json', async (req, res) => {
    const present = await load(req);
    const generatedAt = new Date();
    setOpenDataHeaders(res, licence, generatedAt);
    res.json({ ...present, licence: { name: licence.name, url: licence.url }, generatedAt: generatedAt.toISOString() });
  });

  return router;
}
