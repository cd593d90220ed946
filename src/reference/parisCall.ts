import type { InitiativeDefinition } from './initiatives';

export const parisCall: InitiativeDefinition = {
  slug: 'paris-call',
  name: {
    en: 'Paris Call for Trust and Security in Cyberspace',
    fr: 'Appel de Paris pour la confiance et la sécurité dans le cyberespace',
  },
  description: {
    en: 'A high-level declaration launched in Paris on 12 November 2018 that sets out nine principles for an open, secure, stable, accessible and peaceful cyberspace.',
    fr: 'Une déclaration de haut niveau lancée à Paris le 12 novembre 2018, qui fixe neuf principes pour un cyberespace ouvert, sûr, stable, accessible et pacifique.',
  },
  website: 'https://pariscall.international',
  launchedAt: new Date('2018-11-12T00:00:00Z'),
  signatoryCategory: null,
  commitments: [
    {
      code: 'protect-individuals-and-infrastructure',
      title: {
        en: 'Protect individuals and infrastructure',
        fr: 'Protéger les individus et les infrastructures',
      },
      text: {
        en: 'Prevent and recover from malicious cyber activities that threaten or cause significant, indiscriminate or systemic harm to individuals and critical infrastructure.',
        fr: 'Prévenir les activités malveillantes en ligne qui menacent des individus et des infrastructures critiques ou qui leur causent des dommages importants, sans discrimination ou systémiques, et y remédier.',
      },
    },
    {
      code: 'protect-the-internet',
      title: { en: 'Protect the Internet', fr: 'Protéger Internet' },
      text: {
        en: 'Prevent activity that intentionally and substantially damages the general availability or integrity of the public core of the Internet.',
        fr: 'Prévenir les activités qui portent intentionnellement et substantiellement atteinte à la disponibilité générale ou à l’intégrité du cœur public de l’Internet.',
      },
    },
    {
      code: 'defend-electoral-processes',
      title: { en: 'Defend electoral processes', fr: 'Défendre les processus électoraux' },
      text: {
        en: 'Strengthen our capacity to prevent malign interference by foreign actors aimed at undermining electoral processes through malicious cyber activities.',
        fr: 'Renforcer nos capacités à prévenir les interférences de la part d’acteurs étrangers visant à fragiliser les processus électoraux au moyen d’activités malveillantes en ligne.',
      },
    },
    {
      code: 'defend-intellectual-property',
      title: { en: 'Defend intellectual property', fr: 'Défendre la propriété intellectuelle' },
      text: {
        en: 'Prevent ICT-enabled theft of intellectual property, including trade secrets or other confidential business information, with the intent of providing competitive advantages to companies or commercial sector.',
        fr: 'Prévenir le vol de propriété intellectuelle facilité par l’usage des technologies de l’information et de la communication, y compris les secrets industriels ou autres informations commerciales confidentielles, dans l’intention de procurer des avantages concurrentiels à des entreprises ou à un secteur commercial.',
      },
    },
    {
      code: 'non-proliferation',
      title: { en: 'Non-proliferation', fr: 'Non-prolifération' },
      text: {
        en: 'Develop ways to prevent the proliferation of malicious ICT tools and practices intended to cause harm.',
        fr: 'Développer des moyens de prévenir la prolifération d’outils et de pratiques informatiques malveillants destinés à nuire.',
      },
    },
    {
      code: 'lifecycle-security',
      title: { en: 'Lifecycle security', fr: 'Sécurité du cycle de vie' },
      text: {
        en: 'Strengthen the security of digital processes, products and services, throughout their lifecycle and supply chain.',
        fr: 'Renforcer la sécurité des processus, des produits et des services numériques, tout au long de leur cycle de vie et d’un bout à l’autre de la chaîne d’approvisionnement.',
      },
    },
    {
      code: 'cyber-hygiene',
      title: { en: 'Cyber hygiene', fr: 'Cyber-hygiène' },
      text: {
        en: 'Support efforts to strengthen and advance cyber hygiene for all actors.',
        fr: 'Soutenir les efforts visant à renforcer une hygiène informatique avancée pour tous les acteurs.',
      },
    },
    {
      code: 'no-private-hack-back',
      title: { en: 'No private hack-back', fr: 'Pas de riposte privée (hack-back)' },
      text: {
        en: 'Take steps to prevent non-State actors, including the private sector, from hacking-back, for their own purposes or those of other non-State actors.',
        fr: 'Prendre des mesures pour empêcher les acteurs non étatiques, y compris le secteur privé, de mener des actions offensives en ligne (hack-back), pour leurs propres fins ou pour celles d’autres acteurs non étatiques.',
      },
    },
    {
      code: 'international-norms',
      title: { en: 'International norms', fr: 'Normes internationales' },
      text: {
        en: 'Promote the widespread acceptance and implementation of international norms of responsible behavior as well as confidence-building measures in cyberspace.',
        fr: 'Promouvoir l’acceptation et la mise en œuvre à grande échelle des normes internationales de comportement responsable ainsi que des mesures de confiance dans le cyberespace.',
      },
    },
  ],
};
