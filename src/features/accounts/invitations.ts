import type { Types } from 'mongoose';
import type { Role } from '../../audit/actor';
import type { ChangeTransaction } from '../../audit/recordChange';
import type { Language } from '../../middleware/i18n';
import { User } from '../../models/user';
import { issueToken } from './tokens';

export interface InvitationInput {
  /** Already normalised (`normaliseEmail`). */
  email: string;
  role: Role;
  organisation: { _id: Types.ObjectId; name: string } | null;
  language: Language;
}

/**
 * Creates an account without a password, its invitation token and the e-mail carrying the link, inside a
 * change that is already running: an approval invites its contact in the same transaction as everything
 * else it creates. A duplicate e-mail fails on the unique index and so aborts the whole change.
 */
export async function inviteWithin(
  tx: ChangeTransaction,
  input: InvitationInput,
  linkTo: (path: string) => string,
): Promise<{ userId: Types.ObjectId; link: string }> {
  const [user] = await User.create(
    [{ email: input.email, role: input.role, organisation: input.organisation?._id ?? null, language: input.language }],
    { session: tx.session },
  );
  const token = await issueToken(tx, 'invitation', user!._id);
  const link = linkTo(`/account/invitation/${token}`);
  tx.enqueue('mail.send', {
    to: input.email,
    language: input.language,
    template: 'invitation',
    params: {
      inviter: tx.actor.kind === 'user' ? tx.actor.label : 'Accord Registry',
      organisation: input.organisation?.name ?? 'Accord Registry',
    },
    link,
  });
  return { userId: user!._id, link };
}
