import { systemActor } from '../audit/actor';
import type { RecordChange } from '../audit/recordChange';
import { Organisation } from '../models/organisation';
import { Petition } from '../models/petition';

/** Digital Peace Now: opened by Microsoft in September 2018, signed by individuals, asking governments for digital peace. */
export const DIGITAL_PEACE_NOW = {
  slug: 'digital-peace-now',
  ownerName: 'Microsoft',
  ownerSlug: 'microsoft',
  openedAt: new Date('2018-09-27T00:00:00Z'),
  title: { en: 'Digital Peace Now', fr: 'La paix numérique maintenant' },
  text: {
    en: [
      'Cyberattacks no longer stay in cyberspace: they shut hospitals, black out power grids, disrupt elections and empty the savings of ordinary people. Civilians pay the price of attacks launched or tolerated by states.',
      'We, citizens of many countries, call on our governments to commit to digital peace: to refrain from attacking civilians and the infrastructure they depend on in peacetime, to stop stockpiling and exploiting vulnerabilities against them, and to work together, with industry and civil society, so that the rules that protect people offline also protect them online.',
      'Add your name to ask for a world where technology serves peace.',
    ].join('\n\n'),
    fr: [
      'Les cyberattaques ne restent plus dans le cyberespace : elles paralysent des hôpitaux, privent des villes d’électricité, perturbent des élections et vident l’épargne de simples particuliers. Les civils paient le prix d’attaques lancées ou tolérées par des États.',
      'Nous, citoyens de nombreux pays, appelons nos gouvernements à s’engager pour la paix numérique : ne pas attaquer en temps de paix les civils ni les infrastructures dont ils dépendent, cesser d’accumuler et d’exploiter des vulnérabilités contre eux, et travailler ensemble, avec les entreprises et la société civile, pour que les règles qui protègent les personnes hors ligne les protègent aussi en ligne.',
      'Ajoutez votre nom pour demander un monde où la technologie sert la paix.',
    ].join('\n\n'),
  },
} as const;

/** Creates the seed's petitions that do not exist yet; an existing one (perhaps edited) is left alone. */
export async function ensureSeedPetitions(recordChange: RecordChange): Promise<{ created: string[] }> {
  const petition = DIGITAL_PEACE_NOW;
  if (await Petition.exists({ slug: petition.slug })) return { created: [] };
  const owner = await Organisation.findOne({ slug: petition.ownerSlug }, { _id: 1 }).lean();
  const created = await recordChange(systemActor('seed'), 'petition.created', async (tx) => {
    // Checked again inside the change: two servers starting together must not both create it.
    if (await Petition.exists({ slug: petition.slug }).session(tx.session)) return { unchanged: true, result: false };
    const [document] = await Petition.create(
      [
        {
          slug: petition.slug,
          initiative: null,
          owner: { name: petition.ownerName, organisation: owner?._id ?? null },
          title: petition.title,
          text: petition.text,
          state: 'open',
          openedAt: petition.openedAt,
        },
      ],
      { session: tx.session },
    );
    return { subject: { kind: 'petition', id: String(document!._id) }, after: { slug: petition.slug, owner: petition.ownerName }, result: true };
  });
  return { created: created ? [petition.slug] : [] };
}
