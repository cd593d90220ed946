/**
 * The Tech Accord's activities the seed records. Only what public sources state is filled in: where a
 * source gives no date, time, address or co-signer, the field stays empty.
 */
export interface SeedPartner {
  /** Names the organisation may carry in the registry (the Paris Call data), tried in order. */
  registryNames: string[];
  /** The name recorded when the registry has no such organisation. */
  name: string;
}

export interface SeedActivity {
  kind: 'event' | 'statement' | 'partnership';
  title: { en: string; fr: string };
  text: { en: string; fr: string };
  /** A day, `YYYY-MM-DD`, or null when the sources give none. */
  day: string | null;
  link: string | null;
  partners: SeedPartner[];
}

const COLLECTIVE_ACTION = {
  en: 'It is the fourth commitment of the Accord, collective action: to partner with each other and with likeminded groups to enhance cybersecurity.',
  fr: 'C’est le quatrième engagement de l’Accord, l’action collective : s’associer entre signataires et avec des groupes partageant les mêmes objectifs pour renforcer la cybersécurité.',
};

function partnership(partner: SeedPartner, fr: string, extra: { en: string; fr: string } | null, link: string | null): SeedActivity {
  return {
    kind: 'partnership',
    title: { en: `Partnership with the ${partner.name}`, fr: `Partenariat avec ${fr}` },
    text: {
      en: [`The Cybersecurity Tech Accord works with the ${partner.name}, a supporter of the Paris Call.`, COLLECTIVE_ACTION.en, extra?.en].filter(Boolean).join('\n\n'),
      fr: [`Le Cybersecurity Tech Accord travaille avec ${fr}, soutien de l’Appel de Paris.`, COLLECTIVE_ACTION.fr, extra?.fr].filter(Boolean).join('\n\n'),
    },
    day: null,
    link,
    partners: [partner],
  };
}

export const TECH_ACCORD_ACTIVITIES: SeedActivity[] = [
  {
    kind: 'event',
    title: { en: 'Webinar on attacks against critical infrastructure', fr: 'Webinaire sur les attaques contre les infrastructures critiques' },
    text: {
      en: 'A free webinar of the Cybersecurity Tech Accord in its webinar series: a senior malware researcher of the security company ESET presented the most potent recent cyberthreats to critical infrastructure, the energy, water, healthcare and transport services on which whole societies rely.',
      fr: 'Un webinaire gratuit de la série du Cybersecurity Tech Accord : un chercheur principal en logiciels malveillants de l’entreprise de sécurité ESET a présenté les cybermenaces récentes les plus graves contre les infrastructures critiques, les services d’énergie, d’eau, de santé et de transport dont dépendent des sociétés entières.',
    },
    day: '2019-02-04',
    link: 'https://cloudblogs.microsoft.com/microsoftsecure/2019/02/01/defending-critical-infrastructure-is-imperative/',
    partners: [],
  },
  {
    kind: 'statement',
    title: { en: 'Comments to the UN High-level Panel on Digital Cooperation', fr: 'Commentaires au Groupe de haut niveau des Nations unies sur la coopération numérique' },
    text: {
      en: 'The joint comments of the Cybersecurity Tech Accord to the High-level Panel on Digital Cooperation, which the UN Secretary-General set up in July 2018 to propose how governments, industry, civil society and the technical community can work together on the challenges of the digital age. The Panel called for written contributions until 31 January 2019.',
      fr: 'Les commentaires communs du Cybersecurity Tech Accord au Groupe de haut niveau sur la coopération numérique, créé par le Secrétaire général des Nations unies en juillet 2018 pour proposer comment les gouvernements, les entreprises, la société civile et la communauté technique peuvent travailler ensemble face aux défis de l’ère numérique. Le Groupe recevait les contributions écrites jusqu’au 31 janvier 2019.',
    },
    day: null,
    link: null,
    partners: [],
  },
  {
    kind: 'statement',
    title: { en: 'Support for the Paris Call for Trust and Security in Cyberspace', fr: 'Soutien à l’Appel de Paris pour la confiance et la sécurité dans le cyberespace' },
    text: {
      en: 'The Cybersecurity Tech Accord endorsed the Paris Call as an early supporter on the day President Emmanuel Macron announced it, at the opening of the 13th Internet Governance Forum in Paris. Its signatories asked governments, industry, civil society and academia to work together for a stable and peaceful cyberspace.',
      fr: 'Le Cybersecurity Tech Accord a soutenu l’Appel de Paris dès le jour où le président Emmanuel Macron l’a lancé, à l’ouverture du 13e Forum sur la gouvernance de l’Internet à Paris. Ses signataires ont appelé les gouvernements, les entreprises, la société civile et le monde universitaire à travailler ensemble pour un cyberespace stable et pacifique.',
    },
    day: '2018-11-12',
    link: null,
    partners: [],
  },
  partnership({ registryNames: ['Global Cyber Alliance'], name: 'Global Cyber Alliance' }, 'la Global Cyber Alliance', null, null),
  partnership({ registryNames: ['The Internet Society (ISOC)', 'Internet Society'], name: 'Internet Society' }, 'l’Internet Society', null, null),
  partnership(
    { registryNames: ['Global Forum on Cyber Expertise', 'GFCE'], name: 'Global Forum on Cyber Expertise' },
    'le Global Forum on Cyber Expertise (GFCE)',
    {
      en: 'In September 2018 the GFCE reported that the Tech Accord endorses its Global Good Practice on Coordinated Vulnerability Disclosure.',
      fr: 'En septembre 2018, le GFCE a annoncé que le Tech Accord soutient sa bonne pratique mondiale de divulgation coordonnée des vulnérabilités.',
    },
    'https://www.thegfce.com/news/news/2018/09/11/cyber-tech-accord',
  ),
];
