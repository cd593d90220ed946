import type { TFunction } from 'i18next';
import { Evidence } from '../../models/evidence';
import { MeasuredEvidence } from '../../models/measuredEvidence';
import { Organisation } from '../../models/organisation';
import { Pledge } from '../../models/pledge';
import type { Language } from '../../middleware/i18n';
import { findInitiative } from '../../reference/initiatives';
import { coSignedStatementsView, loadCoSignedStatements } from '../activities/coSignedStatements';
import { describeProblem } from '../evidence/checks/describeProblem';
import type { Problem } from '../evidence/checks/types';
import { historyTimeline } from '../evidence/historyTimeline';
import { measuredDomainsView } from '../evidence/measured/measuredView';
import { loadRelationships, relationshipGroups } from '../relationships/profileRelationships';
import { codeLabel, countryName, flagOf, formatDate } from './labels';
import { loadStatusHistory, publicReason, statusHistoryView } from './statusHistory';

export const SLUG_PATTERN = /^[a-z0-9-]{1,100}$/;

/** Everything a profile shows, read by indexed queries; null when no organisation has this slug. */
export async function loadProfile(slug: string) {
  const organisation = await Organisation.findBySlug(slug).lean();
  if (!organisation) return null;
  const [pledges, evidence, measured, statusHistory, relationships, statements] = await Promise.all([
    Pledge.historyOf(organisation._id).lean(),
    Evidence.listFor(organisation._id).lean(),
    MeasuredEvidence.shownFor(organisation._id).lean(),
    loadStatusHistory(organisation._id),
    loadRelationships(organisation._id),
    loadCoSignedStatements(organisation._id),
  ]);
  return { organisation, pledges, evidence, measured, statusHistory, relationships, statements };
}

/** Where a slug merged into another organisation now lives (its old address redirects there). */
export async function mergedInto(slug: string): Promise<string | null> {
  const organisation = await Organisation.findOne({ formerSlugs: { $eq: slug } }, { slug: 1 }).lean();
  return organisation?.slug ?? null;
}

type Profile = NonNullable<Awaited<ReturnType<typeof loadProfile>>>;

const localised = (text: { en: string; fr: string }, lang: Language) => text[lang];

interface PledgeVersionLike {
  commitments: string[];
  statement: string;
}

/** What a version changed against the one before it (none before it: the first version). */
function changesAgainst(version: PledgeVersionLike, previous: PledgeVersionLike | undefined, titleOf: (code: string) => string) {
  if (!previous) return { first: true, added: [], removed: [], statementChanged: false };
  return {
    first: false,
    added: version.commitments.filter((code) => !previous.commitments.includes(code)).map(titleOf),
    removed: previous.commitments.filter((code) => !version.commitments.includes(code)).map(titleOf),
    statementChanged: version.statement !== previous.statement,
  };
}

function initiativeSections(profile: Profile, lang: Language, t: TFunction) {
  const { organisation, pledges } = profile;
  const slugs = [
    ...new Set([...organisation.memberships.map((m) => m.initiative), ...pledges.map((p) => p.initiative)]),
  ];
  return slugs.map((slug) => {
    const definition = findInitiative(slug);
    const membership = organisation.memberships.find((m) => m.initiative === slug);
    const history = pledges.filter((pledge) => pledge.initiative === slug);
    const adopted = new Set(history[0]?.commitments ?? []);
    const titleOf = (code: string) => {
      const commitment = definition?.commitments.find((candidate) => candidate.code === code);
      return commitment ? localised(commitment.title, lang) : code;
    };
    const commitments = (definition?.commitments ?? []).map((commitment) => ({
      title: localised(commitment.title, lang),
      adopted: adopted.has(commitment.code),
    }));
    return {
      slug,
      name: t(`directory:initiative.${slug}`),
      joined: formatDate(membership?.joinedAt ?? null, lang),
      membershipStatus: membership ? codeLabel('membershipStatus', membership.status, t) : null,
      hasPledge: history.length > 0,
      adopted: commitments.filter((commitment) => commitment.adopted),
      notAdopted: commitments.filter((commitment) => !commitment.adopted),
      history: history.map((pledge, index) => ({
        ...changesAgainst(pledge, history[index + 1], titleOf),
        version: pledge.version,
        changedAt: formatDate(pledge.changedAt, lang),
        changedBy: pledge.changedBy,
        commitmentCount: pledge.commitments.length,
        statement: pledge.statement,
        demo: pledge.demo,
      })),
    };
  });
}

export function profileViewModel(profile: Profile, lang: Language, t: TFunction) {
  const { organisation, evidence } = profile;
  return {
    title: organisation.name,
    name: organisation.name,
    demo: organisation.demo,
    flag: flagOf(organisation.country ?? null),
    country: countryName(organisation.country ?? null, lang, t),
    category: codeLabel('category', organisation.category ?? null, t),
    sector: codeLabel('sector', organisation.sector ?? null, t),
    website: organisation.website && /^https?:\/\//i.test(organisation.website) ? organisation.website : null,
    description: organisation.description,
    status: {
      state: organisation.status.state,
      label: codeLabel('organisationStatus', organisation.status.state, t),
      reason: publicReason(organisation.status.reason, t),
      since: formatDate(organisation.status.since ?? null, lang),
    },
    statusHistory: statusHistoryView(profile.statusHistory, lang, t),
    initiatives: initiativeSections(profile, lang, t),
    relationships: relationshipGroups(profile.relationships, organisation.slug, lang, t),
    statements: coSignedStatementsView(profile.statements, lang, t),
    evidence: evidence.map((item) => ({
      id: String(item._id),
      kind: codeLabel('evidenceKind', item.kind, t),
      subject: item.subject,
      status: codeLabel('evidenceStatus', item.status, t),
      level: item.latestResult?.level ?? null,
      problems: item.latestResult?.findings?.length
        ? (item.latestResult.findings as Problem[]).map((found) => describeProblem(found, lang))
        : (item.latestResult?.problems ?? []),
      checkedAt: formatDate(item.checkedAt ?? null, lang),
      history: historyTimeline(item.history, lang, t),
      demo: item.demo,
    })),
    measured: measuredDomainsView(profile.measured, lang, t),
  };
}
