import { randomBytes, randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import type { Language } from '../../middleware/i18n';
import { Petition } from '../../models/petition';
import { PetitionTally, TALLY_SHARDS } from '../../models/petitionTally';
import { Signature } from '../../models/signature';
import { Token } from '../../models/token';
import { consumeToken, findUsableToken, hashToken, issueToken, TOKEN_LIFETIMES_MS } from '../accounts/tokens';
import { emailKeyOf } from './emailKey';
import type { SignatureDetails } from './signatureForm';

export class SignatureLinkError extends Error {
  override name = 'SignatureLinkError';
}

export type SignOutcome = 'sent' | 'duplicate' | 'closed';

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;

/** Signature events name the signature and its country only: withdrawal must leave nothing personal behind. */
const withoutIp = (actor: Actor): Actor => ({ ...actor, ip: null });

/**
 * The tally shard a signature will count in exists before any confirmation, created outside the change so
 * that concurrent first signatures from one country never race on inserting the same counter.
 */
async function ensureTally(petition: Types.ObjectId, country: string, shard: number): Promise<void> {
  await PetitionTally.updateOne({ petition, country, shard }, { $setOnInsert: { count: 0 } }, { upsert: true }).catch(
    (error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    },
  );
}

/** The signer's side: sign, confirm the e-mail address, withdraw. Counts move only with confirmation. */
export function createSignatureService(deps: { recordChange: RecordChange; clock: Clock; linkTo: (path: string) => string }) {
  const { recordChange, clock, linkTo } = deps;

  async function sign(actor: Actor, slug: string, details: SignatureDetails, language: Language): Promise<SignOutcome> {
    const petition = await Petition.findOne({ slug: { $eq: slug } }).lean();
    if (!petition || petition.state !== 'open') return 'closed';
    const emailKey = emailKeyOf(details.email);
    const now = clock.now();
    const existing = await Signature.findOne({ petition: petition._id, emailKey: { $eq: emailKey } }, { confirmedAt: 1, expiresAt: 1 }).lean();
    if (existing && (existing.confirmedAt || (existing.expiresAt && existing.expiresAt > now))) return 'duplicate';
    const shard = randomInt(TALLY_SHARDS);
    await ensureTally(petition._id, details.country, shard);
    try {
      return await recordChange(withoutIp(actor), 'petition.signed', async (tx) => {
        // An unconfirmed signature whose link has expired no longer holds the address.
        if (existing) await Signature.deleteOne({ _id: existing._id, confirmedAt: null }, { session: tx.session });
        const withdrawSecret = randomBytes(32).toString('base64url');
        const [signature] = await Signature.create(
          [
            {
              petition: petition._id,
              ...details,
              emailKey,
              language,
              consentedAt: tx.now,
              expiresAt: new Date(tx.now.getTime() + TOKEN_LIFETIMES_MS['confirm-signature']),
              withdrawHash: hashToken(withdrawSecret),
              shard,
            },
          ],
          { session: tx.session },
        );
        const token = await issueToken(tx, 'confirm-signature', signature!._id);
        tx.enqueue('mail.send', {
          to: details.email,
          language,
          template: 'petition-confirm',
          params: { petition: petition.title[language] },
          link: linkTo(`/petitions/${petition.slug}/confirm/${token}`),
          secondLink: linkTo(`/petitions/${petition.slug}/withdraw/${withdrawSecret}`),
        });
        return {
          subject: { kind: 'signature', id: String(signature!._id) },
          after: { petition: petition.slug, country: details.country },
          result: 'sent' as const,
        };
      });
    } catch (error) {
      // Two submissions of one address at the same moment: the unique index lets one through.
      if (isDuplicateKey(error)) return 'duplicate';
      throw error;
    }
  }

  /** Spends the confirmation link; the signature starts to count, once. Returns the petition's slug. */
  async function confirm(actor: Actor, tokenValue: unknown): Promise<string> {
    const token = await findUsableToken('confirm-signature', tokenValue, clock.now());
    if (!token) throw new SignatureLinkError('This confirmation link has been used or has expired');
    return recordChange(withoutIp(actor), 'petition.signature-confirmed', async (tx) => {
      await consumeToken(tx, token._id);
      const signature = await Signature.findOneAndUpdate(
        { _id: token.subject, confirmedAt: null },
        { $set: { confirmedAt: tx.now }, $unset: { expiresAt: 1 } },
        { session: tx.session, returnDocument: 'after', projection: { petition: 1, country: 1, shard: 1 } },
      ).lean();
      if (!signature) throw new SignatureLinkError('This signature no longer waits for confirmation');
      const petition = await Petition.findOne({ _id: signature.petition, state: 'open' }, { slug: 1 }).session(tx.session).lean();
      if (!petition) throw new SignatureLinkError('This petition is closed');
      await PetitionTally.updateOne(
        { petition: signature.petition, country: signature.country, shard: signature.shard },
        { $inc: { count: 1 } },
        { session: tx.session, upsert: true },
      );
      return {
        subject: { kind: 'signature', id: String(signature._id) },
        after: { petition: petition.slug, country: signature.country, confirmed: true },
        result: petition.slug,
      };
    });
  }

  /** Whether a withdrawal link is (still) good, for the page that asks the signer to confirm it. */
  async function findByWithdrawSecret(slug: string, secret: unknown) {
    if (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
    const petition = await Petition.findOne({ slug: { $eq: slug } }, { _id: 1 }).lean();
    if (!petition) return null;
    return Signature.findOne({ petition: petition._id, withdrawHash: { $eq: hashToken(secret) } }, { _id: 1 }).lean();
  }

  /** Deletes the signature whole (and its links); a confirmed one stops counting in the same change. */
  async function withdraw(actor: Actor, slug: string, secret: unknown): Promise<void> {
    const found = await findByWithdrawSecret(slug, secret);
    if (!found) throw new SignatureLinkError('This withdrawal link is not valid');
    await recordChange(withoutIp(actor), 'petition.signature-withdrawn', async (tx) => {
      const signature = await Signature.findOneAndDelete({ _id: found._id }, { session: tx.session }).lean();
      if (!signature) throw new SignatureLinkError('This signature has already been withdrawn');
      if (signature.confirmedAt) {
        await PetitionTally.updateOne(
          { petition: signature.petition, country: signature.country, shard: signature.shard },
          { $inc: { count: -1 } },
          { session: tx.session },
        );
      }
      await Token.deleteMany({ subject: signature._id, purpose: 'confirm-signature' }, { session: tx.session });
      return {
        subject: { kind: 'signature', id: String(signature._id) },
        before: { petition: slug, country: signature.country, confirmed: signature.confirmedAt !== null },
        result: undefined,
      };
    });
  }

  return { sign, confirm, findByWithdrawSecret, withdraw };
}

export type SignatureService = ReturnType<typeof createSignatureService>;
