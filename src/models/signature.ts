import { Schema, model, type InferSchemaType } from 'mongoose';
import { languages } from '../middleware/i18n';
import { TALLY_SHARDS } from './petitionTally';

/**
 * One person's signature. The e-mail address is never shown or exported; `emailKey` (its normalised form)
 * makes one signature per address per petition. Unconfirmed signatures carry `expiresAt` (TTL); confirming
 * removes it. Withdrawal deletes the whole document, so nothing personal stays behind.
 */
const signatureSchema = new Schema(
  {
    petition: { type: Schema.Types.ObjectId, ref: 'Petition', required: true },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    emailKey: { type: String, required: true, maxlength: 254 },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    organisation: { type: String, trim: true, maxlength: 200, default: '' },
    showName: { type: Boolean, required: true, default: false },
    language: { type: String, required: true, enum: languages, default: 'en' },
    consentedAt: { type: Date, required: true },
    confirmedAt: { type: Date, default: null },
    expiresAt: { type: Date, default: undefined },
    /** SHA-256 of the withdrawal link's secret; the link itself exists only in the signer's e-mail. */
    withdrawHash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    /** Which tally shard this signature counts in. */
    shard: { type: Number, required: true, min: 0, max: TALLY_SHARDS - 1 },
  },
  { timestamps: true },
);

signatureSchema.index({ petition: 1, emailKey: 1 }, { unique: true });
signatureSchema.index({ withdrawHash: 1 }, { unique: true });
signatureSchema.index({ petition: 1, confirmedAt: -1 });
signatureSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type SignatureRecord = InferSchemaType<typeof signatureSchema>;
export const Signature = model('Signature', signatureSchema);
