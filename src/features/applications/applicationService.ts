import type { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { ChangeTransaction, RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import type { Language } from '../../middleware/i18n';
import { Application, UNCONFIRMED_LIFETIME_MS } from '../../models/application';
import { identityKeyOf } from '../../models/searchKey';
import { consumeToken, findUsableToken, issueToken } from '../accounts/tokens';
import type { ApplicationDetails } from './applicationForm';
import { notifyReviewers } from './reviewerNotices';

export interface ApplicationServiceDeps {
  recordChange: RecordChange;
  clock: Clock;
  linkTo: (path: string) => string;
}

export class ApplicationLinkError extends Error {
  override name = 'ApplicationLinkError';
}

const storedFields = (details: ApplicationDetails) => ({
  ...details,
  identityKey: identityKeyOf(details.name, details.country),
});

/** Issues a new private status link (the stored token is only a hash, so each message gets a new one). */
export async function statusLinkWithin(tx: ChangeTransaction, applicationId: Types.ObjectId, linkTo: (path: string) => string) {
  return linkTo(`/apply/status/${await issueToken(tx, 'application-status', applicationId)}`);
}

/** The applicant's side: submit, confirm the e-mail address, follow the status, resubmit after changes. */
export function createApplicationService(deps: ApplicationServiceDeps) {
  const { recordChange, clock, linkTo } = deps;

  async function loadByStatusToken(token: unknown) {
    const found = await findUsableToken('application-status', token, clock.now());
    return found ? Application.findById(found.subject).lean() : null;
  }

  return {
    async submit(actor: Actor, details: ApplicationDetails, language: Language): Promise<{ id: string }> {
      return recordChange(actor, 'application.submitted', async (tx) => {
        const [application] = await Application.create(
          [
            {
              ...storedFields(details),
              contact: { ...details.contact, language },
              state: 'unconfirmed',
              consentedAt: tx.now,
              expiresAt: new Date(tx.now.getTime() + UNCONFIRMED_LIFETIME_MS),
              history: [{ at: tx.now, event: 'submitted', by: details.contact.email }],
            },
          ],
          { session: tx.session },
        );
        const token = await issueToken(tx, 'confirm-application', application!._id);
        tx.enqueue('mail.send', {
          to: details.contact.email,
          language,
          template: 'application-confirm',
          params: { organisation: details.name },
          link: linkTo(`/apply/confirm/${token}`),
        });
        const id = String(application!._id);
        return { subject: { kind: 'application', id }, after: { name: details.name, domain: details.domain }, result: { id } };
      });
    },

    /** Spends the confirmation link: the application reaches the queue and the secretariat is told. */
    async confirm(actor: Actor, tokenValue: unknown): Promise<{ statusPath: string }> {
      const token = await findUsableToken('confirm-application', tokenValue, clock.now());
      if (!token) throw new ApplicationLinkError('This confirmation link has been used or has expired');
      return recordChange(actor, 'application.confirmed', async (tx) => {
        await consumeToken(tx, token._id);
        const application = await Application.findOneAndUpdate(
          { _id: token.subject, state: 'unconfirmed' },
          {
            $set: { state: 'submitted', submittedAt: tx.now },
            $unset: { expiresAt: 1 },
            $push: { history: { at: tx.now, event: 'confirmed', by: actor.label === 'anonymous' ? 'applicant' : actor.label } },
          },
          { session: tx.session, returnDocument: 'after' },
        ).lean();
        if (!application) throw new ApplicationLinkError('This application no longer waits for confirmation');
        const statusLink = await statusLinkWithin(tx, application._id, linkTo);
        const params = { organisation: application.name, contact: application.contact.name };
        tx.enqueue('mail.send', {
          to: application.contact.email,
          language: application.contact.language,
          template: 'application-received',
          params,
          link: statusLink,
        });
        await notifyReviewers(tx, application, 'application-waiting', linkTo);
        return {
          subject: { kind: 'application', id: String(application._id) },
          result: { statusPath: new URL(statusLink).pathname },
        };
      });
    },

    loadByStatusToken,

    /** After changes were requested: the edited application goes back to the queue. */
    async resubmit(actor: Actor, tokenValue: unknown, details: ApplicationDetails): Promise<void> {
      const current = await loadByStatusToken(tokenValue);
      if (!current) throw new ApplicationLinkError('This status link is not valid');
      await recordChange(actor, 'application.resubmitted', async (tx) => {
        const updated = await Application.findOneAndUpdate(
          { _id: current._id, state: 'changes-requested' },
          {
            $set: { ...storedFields(details), contact: { ...details.contact, language: current.contact.language }, state: 'submitted', submittedAt: tx.now },
            $push: { history: { at: tx.now, event: 'resubmitted', by: details.contact.email } },
          },
          { session: tx.session, returnDocument: 'after', runValidators: true },
        ).lean();
        if (!updated) throw new ApplicationLinkError('This application is not waiting for changes');
        await notifyReviewers(tx, updated, 'application-resubmitted', linkTo);
        return {
          subject: { kind: 'application', id: String(updated._id) },
          before: { name: current.name, domain: current.domain },
          after: { name: updated.name, domain: updated.domain },
          result: undefined,
        };
      });
    },
  };
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
