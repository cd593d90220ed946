import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import type { PetitionRecord } from '../../models/petition';
import { countriesIn } from '../applications/formOptions';
import { countryName, formatDate, formatNumber } from '../directory/labels';
import { shadedWorldMap } from '../statistics/worldMap';
import { countsOf, publicSigners } from './petitionReads';
import type { SignatureErrors, SignatureFormValues } from './signatureForm';

/** A field people never see; software that fills every field fills it too. */
export const HONEYPOT_FIELD = 'nickname';

type StoredPetition = PetitionRecord & { _id: import('mongoose').Types.ObjectId };

/** Paragraphs of a petition's text: blank lines separate them. */
export const paragraphsOf = (text: string): string[] =>
  text.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '');

/** Everything the petition's page shows: its text in the page's language, its counts, the form. */
export async function petitionPageView(
  petition: StoredPetition,
  form: { values: SignatureFormValues; errors: SignatureErrors },
  lang: Language,
  t: TFunction,
  ownerSlug: string | null,
) {
  const [counts, signers] = await Promise.all([countsOf(petition._id), publicSigners(petition._id)]);
  return {
    title: petition.title[lang],
    petition: {
      slug: petition.slug,
      title: petition.title[lang],
      paragraphs: paragraphsOf(petition.text[lang]),
      open: petition.state === 'open',
      owner: petition.owner.name,
      ownerSlug,
      initiative: petition.initiative ?? null,
      openedAt: formatDate(petition.openedAt, lang),
      closedAt: formatDate(petition.closedAt ?? null, lang),
    },
    total: counts.total,
    totalText: formatNumber(counts.total, lang),
    countries: counts.byCountry.map(({ country, count }) => ({
      code: country,
      name: countryName(country, lang, t),
      count: formatNumber(count, lang),
    })),
    map: shadedWorldMap(counts.byCountry, lang, t, {
      hrefOf: (code) => `#country-${code}`,
      titleOf: (_code, name, count) => t('petitions:map.countryTitle', { name, count, formatted: formatNumber(count, lang) }),
      noneText: t('petitions:map.none'),
    }),
    signers: signers.map((signer) => ({
      name: signer.name,
      organisation: signer.organisation ?? '',
      country: countryName(signer.country, lang, t),
    })),
    values: form.values,
    errors: form.errors,
    countryOptions: countriesIn(lang, t),
    honeypot: HONEYPOT_FIELD,
  };
}
