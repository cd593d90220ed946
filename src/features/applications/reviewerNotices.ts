import type { Types } from 'mongoose';
import type { ChangeTransaction } from '../../audit/recordChange';
import { User } from '../../models/user';

/**
 * Tells every active secretariat member and admin, each in their own language, that an application is
 * waiting in the queue (newly confirmed, or back with the changes asked for). Sent by jobs after commit.
 */
export async function notifyReviewers(
  tx: ChangeTransaction,
  application: { _id: Types.ObjectId; name: string; contact: { name: string } },
  template: 'application-waiting' | 'application-resubmitted',
  linkTo: (path: string) => string,
): Promise<void> {
  const reviewers = await User.find({ role: { $in: ['secretariat', 'admin'] }, disabled: false }, { email: 1, language: 1 })
    .session(tx.session)
    .lean();
  for (const reviewer of reviewers) {
    tx.enqueue('mail.send', {
      to: reviewer.email,
      language: reviewer.language ?? 'en',
      template,
      params: { organisation: application.name, contact: application.contact.name },
      link: linkTo(`/secretariat/applications/${String(application._id)}`),
    });
  }
}
