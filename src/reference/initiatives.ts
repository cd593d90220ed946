import type { Category } from './categories';
import { parisCall } from './parisCall';

export interface LocalisedText {
  en: string;
  fr: string;
}

export interface CommitmentDefinition {
  code: string;
  title: LocalisedText;
  text: LocalisedText;
}

export interface InitiativeDefinition {
  slug: string;
  name: LocalisedText;
  description: LocalisedText;
  website: string;
  launchedAt: Date;
  /** Set when only one kind of organisation may sign (the Tech Accord is signed by companies). */
  signatoryCategory: Category | null;
  commitments: CommitmentDefinition[];
}

const techAccord: InitiativeDefinition = {
  slug: 'tech-accord',
  name: { en: 'Cybersecurity Tech Accord', fr: 'Cybersecurity Tech Accord' },
  description: {
    en: 'A public commitment by technology companies to protect and empower civilians online and to improve the security, stability and resilience of cyberspace.',
    fr: 'Un engagement public d’entreprises technologiques à protéger et à donner des moyens d’agir aux citoyens en ligne, et à améliorer la sécurité, la stabilité et la résilience du cyberespace.',
  },
  website: 'https://cybertechaccord.org',
  launchedAt: new Date('2018-04-17T00:00:00Z'),
  signatoryCategory: 'private-sector',
  commitments: [
    {
      code: 'stronger-defence',
      title: { en: 'Stronger defence', fr: 'Une défense renforcée' },
      text: {
        en: 'We will protect all of our users and customers everywhere.',
        fr: 'Nous protégerons tous nos utilisateurs et clients, partout.',
      },
    },
    {
      code: 'no-offence',
      title: { en: 'No offence', fr: 'Pas d’attaque' },
      text: {
        en: 'We will oppose cyberattacks on innocent citizens and enterprises from anywhere.',
        fr: 'Nous nous opposerons aux cyberattaques contre des citoyens et des entreprises innocents, d’où qu’elles viennent.',
      },
    },
    {
      code: 'capacity-building',
      title: { en: 'Capacity building', fr: 'Renforcement des capacités' },
      text: {
        en: 'We will help empower users, customers and developers to strengthen cybersecurity protection.',
        fr: 'Nous aiderons les utilisateurs, les clients et les développeurs à renforcer leur protection en matière de cybersécurité.',
      },
    },
    {
      code: 'collective-action',
      title: { en: 'Collective action', fr: 'Action collective' },
      text: {
        en: 'We will partner with each other and with likeminded groups to enhance cybersecurity.',
        fr: 'Nous établirons des partenariats entre nous et avec des groupes partageant les mêmes objectifs pour renforcer la cybersécurité.',
      },
    },
  ],
};

export const INITIATIVES: readonly InitiativeDefinition[] = [techAccord, parisCall];
export const INITIATIVE_SLUGS = ['tech-accord', 'paris-call'] as const;
export type InitiativeSlug = (typeof INITIATIVE_SLUGS)[number];

export function isInitiativeSlug(value: string): value is InitiativeSlug {
  return (INITIATIVE_SLUGS as readonly string[]).includes(value);
}

export function findInitiative(slug: string): InitiativeDefinition | undefined {
  return INITIATIVES.find((initiative) => initiative.slug === slug);
}

/** Commitment keys are unique across initiatives, e.g. `tech-accord:no-offence`. */
export function commitmentKey(initiative: string, code: string): string {
  return `${initiative}:${code}`;
}
