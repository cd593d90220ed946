import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { ChangeTransaction } from '../../audit/recordChange';
import { Token, type TokenPurpose } from '../../models/token';

export const TOKEN_LIFETIMES_MS: Record<TokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
  'confirm-application': 7 * 24 * 60 * 60 * 1000,
  'application-status': 365 * 24 * 60 * 60 * 1000,
  'confirm-signature': 7 * 24 * 60 * 60 * 1000,
};

export const hashToken = (value: string): string => createHash('sha256').update(value).digest('hex');

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Creates a token inside a change and returns the only copy of its value (for the e-mail's link). */
export async function issueToken(
  tx: ChangeTransaction,
  purpose: TokenPurpose,
  subject: Types.ObjectId,
): Promise<string> {
  const value = randomBytes(32).toString('base64url');
  await Token.create(
    [{ purpose, hash: hashToken(value), subject, expiresAt: new Date(tx.now.getTime() + TOKEN_LIFETIMES_MS[purpose]) }],
    { session: tx.session },
  );
  return value;
}

/** The token behind a link, if it has the right purpose, is unused and has not expired. */
export async function findUsableToken(purpose: TokenPurpose, value: unknown, now: Date) {
  if (typeof value !== 'string' || !TOKEN_SHAPE.test(value)) return null;
  return Token.findOne({
    hash: { $eq: hashToken(value) },
    purpose: { $eq: purpose },
    usedAt: null,
    expiresAt: { $gt: now },
  }).lean();
}

export class TokenAlreadyUsedError extends Error {
  override name = 'TokenAlreadyUsedError';
}

/** Marks a token used inside the change that spends it; a second use of the same token loses the race. */
export async function consumeToken(tx: ChangeTransaction, tokenId: Types.ObjectId): Promise<void> {
  const result = await Token.updateOne(
    { _id: tokenId, usedAt: null, expiresAt: { $gt: tx.now } },
    { $set: { usedAt: tx.now } },
    { session: tx.session },
  );
  if (result.modifiedCount !== 1) throw new TokenAlreadyUsedError('This link has already been used or has expired');
}
