import type { Types } from 'mongoose';
import { systemActor } from '../audit/actor';
import type { RecordChange } from '../audit/recordChange';
import type { PledgeService } from '../features/pledges/pledgeService';
import { Evidence } from '../models/evidence';
import { Organisation } from '../models/organisation';
import { Pledge } from '../models/pledge';
import { identityKeyOf, toSearchKey } from '../models/searchKey';
import { syncOrganisationDerivedFields } from '../registry/derivedFields';
import { findInitiative, type InitiativeSlug } from '../reference/initiatives';
import type { EvidenceKind, EvidenceStatus } from '../reference/evidenceLevels';

/** What the seed writes through: the audited write helper and the pledge service, as the system. */
export interface SeedWriters {
  recordChange: RecordChange;
  pledges: PledgeService;
}

const seedActor = systemActor('seed');
const DEMO_STATEMENT =
  'Demo pledge: example data so the page has something to show, not a statement by this organisation.';

function allCodes(initiative: InitiativeSlug): string[] {
  return findInitiative(initiative)?.commitments.map((commitment) => commitment.code) ?? [];
}

/** Fictional organisations on reserved example domains, so demo evidence never describes a real one. */
const DEMO_ORGANISATIONS = [
  { slug: 'demo-example-networks', name: 'Example Networks (demo)', country: 'FR', domain: 'example.com' },
  { slug: 'demo-sample-foundation', name: 'Sample Foundation (demo)', country: 'CA', domain: 'example.org' },
] as const;

const DEMO_EVIDENCE: {
  org: 0 | 1;
  kind: EvidenceKind;
  status: EvidenceStatus;
  level: string | null;
  problems: string[];
}[] = [
  { org: 0, kind: 'dmarc', status: 'verified', level: 'reject', problems: [] },
  { org: 0, kind: 'security-txt', status: 'verified', level: null, problems: [] },
  {
    org: 1,
    kind: 'dmarc',
    status: 'failing',
    level: 'none',
    problems: ['Policy p=none does not act on failing mail'],
  },
  { org: 1, kind: 'spf', status: 'verified', level: '-all', problems: [] },
  { org: 1, kind: 'document', status: 'pending-review', level: null, problems: [] },
];

async function ensureDemoOrganisation(
  writers: SeedWriters,
  definition: (typeof DEMO_ORGANISATIONS)[number],
): Promise<Types.ObjectId> {
  const existing = await Organisation.findBySlug(definition.slug).lean();
  if (existing) return existing._id;
  const memberships = [
    {
      initiative: 'tech-accord' as const,
      joinedAt: new Date('2019-05-20T00:00:00Z'),
      status: 'active' as const,
    },
    {
      initiative: 'paris-call' as const,
      joinedAt: new Date('2020-11-12T00:00:00Z'),
      status: 'active' as const,
    },
  ];
  const fields = {
    slug: definition.slug,
    name: definition.name,
    searchKey: toSearchKey(definition.name),
    identityKey: identityKeyOf(definition.name, definition.country),
    country: definition.country,
    category: 'private-sector',
    sector: 'company',
    website: `https://www.${definition.domain}`,
    domains: [definition.domain],
    description: 'A fictional organisation included as demo data.',
    memberships,
    origin: 'manual' as const,
    demo: true,
  };
  return writers.recordChange(seedActor, 'organisation.created', async (tx) => {
    const [created] = await Organisation.create([fields], { session: tx.session });
    if (!created) throw new Error('The demo organisation was not created');
    await syncOrganisationDerivedFields(tx, created._id);
    return { subject: { kind: 'organisation', id: String(created._id) }, organisation: created._id, after: fields, result: created._id };
  });
}

async function ensurePledge(
  writers: SeedWriters,
  organisation: Types.ObjectId,
  initiative: InitiativeSlug,
  commitments: string[][],
) {
  if (await Pledge.exists({ organisation, initiative: { $eq: initiative } })) return 0;
  for (const version of commitments) {
    await writers.pledges.savePledge(seedActor, {
      organisation,
      initiative,
      commitments: version,
      statement: DEMO_STATEMENT,
      demo: true,
    });
  }
  return commitments.length;
}

async function ensureEvidence(writers: SeedWriters, organisations: Types.ObjectId[]): Promise<number> {
  let created = 0;
  for (const item of DEMO_EVIDENCE) {
    const organisation = organisations[item.org];
    const definition = DEMO_ORGANISATIONS[item.org];
    if (!organisation || !definition) continue;
    const subject =
      item.kind === 'document' ? `https://www.${definition.domain}/security-report.pdf` : definition.domain;
    if (await Evidence.exists({ organisation, kind: { $eq: item.kind }, subject: { $eq: subject } }))
      continue;
    const checkedAt = new Date(Date.UTC(2026, 10, 1));
    const result = {
      level: item.level,
      details: { demo: true },
      problems: item.problems,
      status: item.status,
      checkedAt,
    };
    const fields = {
      organisation,
      kind: item.kind,
      subject,
      status: item.status,
      commitment: item.kind === 'document' ? 'tech-accord:capacity-building' : 'tech-accord:stronger-defence',
      latestResult: item.status === 'pending-review' ? null : result,
      checkedAt: item.status === 'pending-review' ? null : checkedAt,
      history: item.status === 'pending-review' ? [] : [result],
      demo: true,
    };
    await writers.recordChange(seedActor, 'evidence.added', async (tx) => {
      const [evidence] = await Evidence.create([fields], { session: tx.session });
      await syncOrganisationDerivedFields(tx, organisation);
      return { subject: { kind: 'evidence', id: String(evidence?._id) }, organisation, after: { kind: item.kind, subject }, result: null };
    });
    created += 1;
  }
  return created;
}

/** Real founders whose pledge (all commitments, as every signatory adopts) is shown as a demo record. */
const REAL_ORGANISATIONS_WITH_DEMO_PLEDGES = ['microsoft', 'cisco', 'cloudflare', 'nokia', 'sap'];

export interface DemoContentReport {
  organisations: number;
  pledgeVersions: number;
  evidence: number;
}

/** Idempotent: adds only what is missing. Everything it creates carries `demo: true`. */
export async function ensureDemoContent(writers: SeedWriters): Promise<DemoContentReport> {
  const demoIds: Types.ObjectId[] = [];
  for (const definition of DEMO_ORGANISATIONS) demoIds.push(await ensureDemoOrganisation(writers, definition));
  let pledgeVersions = 0;
  const techAccord = allCodes('tech-accord');
  const parisCall = allCodes('paris-call');
  for (const id of demoIds) {
    pledgeVersions += await ensurePledge(writers, id, 'tech-accord', [techAccord.slice(0, 2), techAccord]);
    pledgeVersions += await ensurePledge(writers, id, 'paris-call', [parisCall.slice(0, 6)]);
  }
  for (const searchKey of REAL_ORGANISATIONS_WITH_DEMO_PLEDGES) {
    const organisation = await Organisation.findOne({
      searchKey: { $eq: searchKey },
      initiatives: 'tech-accord',
    }).lean();
    if (organisation) pledgeVersions += await ensurePledge(writers, organisation._id, 'tech-accord', [techAccord]);
  }
  const evidence = await ensureEvidence(writers, demoIds);
  return { organisations: DEMO_ORGANISATIONS.length, pledgeVersions, evidence };
}
