import type { Types } from 'mongoose';
import type { ChangeTransaction } from '../../../audit/recordChange';
import { Organisation } from '../../../models/organisation';
import { User } from '../../../models/user';
import { describeProblem } from '../checks/describeProblem';
import type { Problem } from '../checks/types';

/**
 * Inside the change that raised new warnings: one e-mail to each active member of the organisation, in
 * their language, saying what will break and where to see it. Sent only when the warning state changes.
 */
export async function enqueueWarningMail(
  tx: ChangeTransaction,
  organisationId: Types.ObjectId,
  entry: { kind: string; subject: string },
  warnings: readonly Problem[],
  linkTo: (path: string) => string,
): Promise<void> {
  const organisation = await Organisation.findById(organisationId, { name: 1, slug: 1 }).session(tx.session).lean();
  if (!organisation) return;
  const members = await User.find({ organisation: organisationId, role: 'member', disabled: false }, { email: 1, language: 1 })
    .session(tx.session)
    .lean();
  const link = linkTo(`/account/organisations/${String(organisation.slug)}/evidence`);
  for (const member of members) {
    const language = member.language === 'fr' ? 'fr' : 'en';
    tx.enqueue('mail.send', {
      to: member.email,
      language,
      template: 'evidence-warning',
      params: {
        organisation: String(organisation.name),
        subject: entry.subject,
        warning: warnings.map((found) => describeProblem(found, language)).join(' '),
      },
      link,
    });
  }
}
