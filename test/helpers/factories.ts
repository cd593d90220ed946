import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/audit/actor';
import { hashPassword } from '../../src/features/accounts/passwords';
import { Organisation } from '../../src/models/organisation';
import { identityKeyOf, toSearchKey, toSlug } from '../../src/models/searchKey';
import { User } from '../../src/models/user';
import { TEST_PASSWORD_HASHING } from './passwordHashing';

const unique = () => randomBytes(4).toString('hex');

/** An organisation stored directly, for tests that need one to exist (not a test of how it is created). */
export async function makeOrganisation(fields: { name?: string; country?: string; slug?: string; domains?: string[] } = {}) {
  const name = fields.name ?? `Organisation ${unique()}`;
  const country = fields.country ?? 'FR';
  return Organisation.create({
    slug: fields.slug ?? `${toSlug(name)}-${unique()}`,
    name,
    searchKey: toSearchKey(name),
    identityKey: identityKeyOf(name, country),
    country,
    category: 'private-sector',
    sector: 'company',
    domains: fields.domains ?? [],
    memberships: [{ initiative: 'tech-accord', joinedAt: new Date(Date.UTC(2024, 0, 1)), status: 'active' }],
  });
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

/** A user with a known password (`TEST_PASSWORD` unless given). */
export async function makeUser(
  fields: { email?: string; role?: Role; organisation?: { _id: unknown } | null; password?: string; disabled?: boolean } = {},
) {
  const email = fields.email ?? `user-${unique()}@example.test`;
  const role = fields.role ?? 'member';
  const user = await User.create({
    email,
    passwordHash: await hashPassword(fields.password ?? TEST_PASSWORD, TEST_PASSWORD_HASHING),
    role,
    organisation: fields.organisation?._id ?? null,
    disabled: fields.disabled ?? false,
  });
  return { _id: user._id, id: String(user._id), email, role };
}
