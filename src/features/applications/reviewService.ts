import { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { ChangeTransaction, RecordChange } from '../../audit/recordChange';
import { Application, type ApplicationState } from '../../models/application';
import { isLanguage } from '../../middleware/i18n';
import { normaliseEmail } from '../../models/user';
import { inviteWithin } from '../accounts/invitations';
import { statusLinkWithin } from './applicationService';
import { createOrganisationFrom } from './approval';
import { findDuplicates } from './duplicates';

export type Decision = 'approve' | 'reject' | 'request-changes';

/** States each decision may be taken from: a rejection may also end an application waiting for changes. */
const DECIDABLE_FROM: Record<Decision, ApplicationState[]> = {
  approve: ['submitted'],
  reject: ['submitted', 'changes-requested'],
  'request-changes': ['submitted'],
};

const EVENT_OF = { approve: 'approved', reject: 'rejected', 'request-changes': 'changes-requested' } as const;

/** Someone decided first (or the applicant has not resubmitted yet): what happened, for the second reviewer. */
export class ApplicationDecidedError extends Error {
  override name = 'ApplicationDecidedError';
  constructor(
    readonly state: ApplicationState,
    readonly lastEvent: { event: string; by: string; at: Date } | null,
  ) {
    super(`The application is ${state}`);
  }
}

/** An approval a unique index refused: nothing was created. */
export class ApprovalBlockedError extends Error {
  override name = 'ApprovalBlockedError';
  constructor(readonly reason: 'contact-has-account' | 'organisation-exists') {
    super(`Approval blocked: ${reason}`);
  }
}

const isDuplicateKey = (error: unknown): error is { code: number; keyPattern?: Record<string, unknown>; message: string } =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

export interface ReviewServiceDeps {
  recordChange: RecordChange;
  linkTo: (path: string) => string;
}

/** The secretariat's side: the queue, one application with its duplicate flags, and the three decisions. */
export function createReviewService(deps: ReviewServiceDeps) {
  const { recordChange, linkTo } = deps;

  /** Moves the application to its decided state first, so of two reviewers at once only one can win. */
  async function claim(tx: ChangeTransaction, id: Types.ObjectId, decision: Decision, message: string) {
    const claimed = await Application.findOneAndUpdate(
      { _id: id, state: { $in: DECIDABLE_FROM[decision] } },
      { $set: { state: EVENT_OF[decision] }, $push: { history: { at: tx.now, event: EVENT_OF[decision], by: tx.actor.label, message } } },
      { session: tx.session, returnDocument: 'after' },
    ).lean();
    if (claimed) return claimed;
    const current = await Application.findById(id).session(tx.session).lean();
    if (!current) throw new ApplicationDecidedError('rejected', null);
    const last = current.history.at(-1) ?? null;
    throw new ApplicationDecidedError(current.state, last);
  }

  async function decide(actor: Actor, id: string, decision: Decision, message: string) {
    if (!Types.ObjectId.isValid(id)) throw new ApplicationDecidedError('rejected', null);
    const action = decision === 'approve' ? 'application.approved' : decision === 'reject' ? 'application.rejected' : 'application.changes-requested';
    try {
      return await recordChange(actor, action, async (tx) => {
        const application = await claim(tx, new Types.ObjectId(id), decision, message);
        const language = isLanguage(application.contact.language) ? application.contact.language : 'en';
        const mailBase = { to: application.contact.email, language, params: { organisation: application.name, message } };
        let organisation: { _id: Types.ObjectId; slug: string } | null = null;
        if (decision === 'approve') {
          const created = await createOrganisationFrom(tx, application);
          organisation = { _id: created._id, slug: created.slug };
          await Application.updateOne({ _id: application._id }, { $set: { organisation: created._id } }, { session: tx.session });
          await inviteWithin(
            tx,
            { email: normaliseEmail(application.contact.email), role: 'member', organisation: { _id: created._id, name: created.name }, language },
            linkTo,
          );
          tx.enqueue('mail.send', { ...mailBase, template: 'application-approved', link: linkTo(`/signatories/${created.slug}`) });
        } else {
          const template = decision === 'reject' ? 'application-rejected' : 'application-changes-requested';
          tx.enqueue('mail.send', { ...mailBase, template, link: await statusLinkWithin(tx, application._id, linkTo) });
        }
        return {
          subject: { kind: 'application', id },
          organisation: organisation?._id ?? null,
          before: { state: 'submitted' },
          after: { state: EVENT_OF[decision], message, organisation: organisation?.slug ?? null },
          result: { organisationSlug: organisation?.slug ?? null },
        };
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const onEmail = Boolean(error.keyPattern?.['email']) || /email/.test(error.message);
      throw new ApprovalBlockedError(onEmail ? 'contact-has-account' : 'organisation-exists');
    }
  }

  return {
    async queue(filter: { state: ApplicationState; initiative: string | null }) {
      const query: Record<string, unknown> = { state: { $eq: filter.state } };
      if (filter.initiative) query['pledges.initiative'] = { $eq: filter.initiative };
      return Application.find(query).sort({ submittedAt: 1, createdAt: 1 }).limit(500).lean();
    },

    async load(id: string) {
      if (!Types.ObjectId.isValid(id)) return null;
      const application = await Application.findById(id).lean();
      if (!application || application.state === 'unconfirmed') return null;
      return { application, duplicates: await findDuplicates(application) };
    },

    approve: (actor: Actor, id: string) => decide(actor, id, 'approve', ''),
    reject: (actor: Actor, id: string, message: string) => decide(actor, id, 'reject', message),
    requestChanges: (actor: Actor, id: string, message: string) => decide(actor, id, 'request-changes', message),
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
