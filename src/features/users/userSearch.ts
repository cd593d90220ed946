import type { Types } from 'mongoose';
import { Organisation } from '../../models/organisation';
import { escapeRegExp, toSearchKey } from '../../models/searchKey';
import { User } from '../../models/user';

export const USERS_PER_PAGE = 25;
/** Organisations a name search may match before the user query; more means the search is too loose. */
const MATCHING_ORGANISATIONS_LIMIT = 500;

export interface UserListQuery {
  q: string;
  page: number;
}

export interface UserListPage {
  users: {
    id: string;
    email: string;
    name: string;
    role: string;
    organisation: { name: string; slug: string } | null;
    state: 'active' | 'invited' | 'disabled';
    twoFactor: boolean;
    lastSignInAt: Date | null;
  }[];
  total: number;
  page: number;
  lastPage: number;
}

/** Users whose e-mail or name contains the text, or whose organisation's name starts with it (accent-folded). */
async function filterFor(q: string) {
  const text = q.trim();
  if (!text) return {};
  const contains = { $regex: escapeRegExp(text), $options: 'i' };
  const key = toSearchKey(text);
  const organisations: { _id: Types.ObjectId }[] = key
    ? await Organisation.find({ searchKey: { $regex: `^${escapeRegExp(key)}` } }, { _id: 1 }).limit(MATCHING_ORGANISATIONS_LIMIT).lean()
    : [];
  return {
    $or: [
      { email: contains },
      { name: contains },
      ...(organisations.length > 0 ? [{ organisation: { $in: organisations.map((organisation) => organisation._id) } }] : []),
    ],
  };
}

/** One page of the users matching a search, ordered by e-mail; a page past the end shows the last one. */
export async function searchUsers(query: UserListQuery): Promise<UserListPage> {
  const filter = await filterFor(query.q);
  const total = await User.countDocuments(filter);
  const lastPage = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  const page = Math.min(query.page, lastPage);
  const users = await User.find(filter)
    .select('email name role organisation disabled passwordHash lastSignInAt twoFactor.enabled')
    .sort({ email: 1 })
    .skip((page - 1) * USERS_PER_PAGE)
    .limit(USERS_PER_PAGE)
    .populate<{ organisation: { name: string; slug: string } | null }>('organisation', { name: 1, slug: 1 })
    .lean();
  return {
    users: users.map((user) => ({
      id: String(user._id),
      email: user.email,
      name: user.name ?? '',
      role: user.role,
      organisation: user.organisation ? { name: user.organisation.name, slug: user.organisation.slug } : null,
      state: user.disabled ? 'disabled' : user.passwordHash ? 'active' : 'invited',
      twoFactor: Boolean(user.twoFactor?.enabled),
      lastSignInAt: user.lastSignInAt ?? null,
    })),
    total,
    page,
    lastPage,
  };
}
