import { Schema, model, type InferSchemaType } from 'mongoose';

export const TOKEN_PURPOSES = ['reset', 'invitation', 'confirm-application', 'application-status', 'confirm-signature'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * A single-use secret sent by e-mail. Only its SHA-256 is stored; the TTL index removes it once expired.
 */
const tokenSchema = new Schema(
  {
    purpose: { type: String, required: true, enum: TOKEN_PURPOSES },
    hash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    /** What the token acts on: a user, an application, a signature. */
    subject: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

tokenSchema.index({ hash: 1 }, { unique: true });
tokenSchema.index({ subject: 1, purpose: 1 });
tokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type TokenRecord = InferSchemaType<typeof tokenSchema>;
export const Token = model('Token', tokenSchema);
