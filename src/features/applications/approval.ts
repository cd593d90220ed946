import type { ChangeTransaction } from '../../audit/recordChange';
import type { ApplicationRecord } from '../../models/application';
import { Evidence } from '../../models/evidence';
import { Organisation } from '../../models/organisation';
import { Pledge } from '../../models/pledge';
import { identityKeyOf, toSearchKey, toSlug } from '../../models/searchKey';
import { commitmentKey, type InitiativeSlug } from '../../reference/initiatives';
import type { Types } from 'mongoose';

type ApprovedApplication = ApplicationRecord & { _id: Types.ObjectId };

async function freeSlug(tx: ChangeTransaction, name: string, country: string): Promise<string> {
  const base = toSlug(name);
  const candidates = [base, `${base}-${country.toLowerCase()}`];
  for (let counter = 2; candidates.length < 50; counter += 1) candidates.push(`${base}-${country.toLowerCase()}-${counter}`);
  const taken = new Set(
    (await Organisation.find({ slug: { $in: candidates } }, { slug: 1 }).session(tx.session).lean()).map((item) => item.slug),
  );
  const slug = candidates.find((candidate) => !taken.has(candidate));
  if (!slug) throw new Error(`No free slug for "${name}"`);
  return slug;
}

/** The evidence an organisation starts with: its mail domain's policies and its website's security.txt. */
function initialEvidence(application: ApprovedApplication) {
  const website = new URL(application.website);
  return [
    { kind: 'dmarc', subject: application.domain },
    { kind: 'spf', subject: application.domain },
    { kind: 'mta-sts', subject: application.domain },
    { kind: 'security-txt', subject: website.hostname },
  ] as const;
}

/**
 * Everything an approval creates, inside the approval's transaction: the organisation with its memberships
 * (joined today) and directory fields, the first version of each pledge, and evidence waiting for its
 * first check. A unique index that refuses any of it aborts the whole approval.
 */
export async function createOrganisationFrom(
  tx: ChangeTransaction,
  application: ApprovedApplication,
): Promise<{ _id: Types.ObjectId; slug: string; name: string }> {
  const initiatives = [...new Set(application.pledges.map((pledge) => pledge.initiative as InitiativeSlug))].sort();
  const commitments = application.pledges
    .flatMap((pledge) => pledge.commitments.map((code) => commitmentKey(pledge.initiative as InitiativeSlug, code)))
    .sort();
  const slug = await freeSlug(tx, application.name, application.country);
  const [organisation] = await Organisation.create(
    [
      {
        slug,
        name: application.name,
        searchKey: toSearchKey(application.name),
        identityKey: identityKeyOf(application.name, application.country),
        country: application.country,
        category: application.category,
        sector: application.sector,
        website: application.website,
        domains: [application.domain],
        description: application.statement ?? '',
        status: { state: 'active', reason: '', since: tx.now },
        memberships: initiatives.map((initiative) => ({ initiative, joinedAt: tx.now, status: 'active' })),
        origin: 'application',
        initiatives,
        commitments,
        evidenceLevel: 'none',
        joinedYears: [tx.now.getUTCFullYear()],
        firstJoinedAt: tx.now,
      },
    ],
    { session: tx.session },
  );
  const organisationId = organisation!._id;
  await Pledge.create(
    application.pledges.map((pledge) => ({
      organisation: organisationId,
      initiative: pledge.initiative,
      version: 1,
      commitments: pledge.commitments,
      statement: application.statement ?? '',
      changedBy: tx.actor.label,
      changedAt: tx.now,
    })),
    { session: tx.session, ordered: true },
  );
  await Evidence.create(
    initialEvidence(application).map((item) => ({ organisation: organisationId, ...item, status: 'pending-review' })),
    { session: tx.session, ordered: true },
  );
  return { _id: organisationId, slug, name: application.name };
}
