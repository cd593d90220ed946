import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { request } from 'undici';
import { loadConfig } from '../../src/config';
import { hashPassword } from '../../src/features/accounts/passwords';
import { Organisation } from '../../src/models/organisation';
import { identityKeyOf, toSearchKey } from '../../src/models/searchKey';
import { User } from '../../src/models/user';
import { cookieHeader, formToken, keepCookies, signInMember, type MemberSession } from './soak-members';

export const CRASH_INITIATIVE = 'tech-accord';

export interface CrashMember extends MemberSession {
  /** Which member this is (0…), which names its saves. */
  index: number;
  /** The CSRF token of the member's session, read once from a form. */
  token: string;
}

/**
 * Organisations of the Tech Accord, each with one or more member accounts (the first organisation gets two, so
 * two people save the same pledge at once), stored through the app's own models on the database at `uri`.
 */
export async function createCrashAccounts(uri: string, organisations: number, label: string) {
  const password = `Crash-${randomBytes(12).toString('hex')}`;
  const passwordHash = await hashPassword(password, loadConfig({}).passwordHashing);
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const accounts = [];
    for (let n = 0; n < organisations; n += 1) {
      const name = `Crash ${label} organisation ${n}`;
      const slug = `crash-${label}-organisation-${n}`;
      const organisation = await Organisation.create({
        slug,
        name,
        searchKey: toSearchKey(name),
        identityKey: identityKeyOf(name, 'FR'),
        country: 'FR',
        category: 'private-sector',
        sector: 'company',
        memberships: [
          { initiative: CRASH_INITIATIVE, joinedAt: new Date(Date.UTC(2024, 0, 1)), status: 'active' },
        ],
      });
      for (let seat = 0; seat < (n === 0 ? 2 : 1); seat += 1) {
        const email = `crash-${label}-${n}-${seat}@example.test`;
        await User.create({ email, passwordHash, role: 'member', organisation: organisation._id });
        accounts.push({ email, password, slug, initiative: CRASH_INITIATIVE });
      }
    }
    return accounts;
  } finally {
    await mongoose.disconnect();
  }
}

/** Each account signed in through the real form, holding its session cookie and its CSRF token. */
export async function signInCrashMembers(
  baseUrl: string,
  accounts: Awaited<ReturnType<typeof createCrashAccounts>>,
): Promise<CrashMember[]> {
  const members: CrashMember[] = [];
  for (const [index, account] of accounts.entries()) {
    const session = await signInMember(baseUrl, account, '127.0.0.1');
    const form = await request(
      `${baseUrl}/account/organisations/${account.slug}/pledges/${account.initiative}`,
      {
        headers: { cookie: cookieHeader(session.cookies) },
      },
    );
    keepCookies(session.cookies, form.headers['set-cookie']);
    const token = formToken(await form.body.text());
    if (!token)
      throw new Error(`the pledge form of ${account.email} gave no token (HTTP ${form.statusCode})`);
    members.push({ ...session, index, token });
  }
  return members;
}
