import { Schema, model, type InferSchemaType } from 'mongoose';
import { ROLES } from '../audit/actor';
import { languages } from '../middleware/i18n';

const twoFactorSchema = new Schema(
  {
    /** Base32 TOTP secret; set when enrolment starts, trusted only once `enabled`. */
    secret: { type: String, default: null },
    enabled: { type: Boolean, required: true, default: false },
    /** argon2id hashes of the unused recovery codes; a used code is removed. */
    recoveryCodes: { type: [String], default: [] },
    /** The last time step accepted, so a code cannot be replayed within its window. */
    lastUsedStep: { type: Number, default: null },
  },
  { _id: false },
);

const userSchema = new Schema(
  {
    /** Lower-cased and trimmed; unique. */
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    /** argon2id; null until an invitation is accepted. */
    passwordHash: { type: String, default: null },
    role: { type: String, required: true, enum: ROLES, default: 'member' },
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
    name: { type: String, trim: true, maxlength: 200, default: '' },
    language: { type: String, enum: languages, default: 'en' },
    disabled: { type: Boolean, required: true, default: false },
    /** The password was set by someone else (the first admin's one-time password): change it at sign-in. */
    mustChangePassword: { type: Boolean, required: true, default: false },
    lastSignInAt: { type: Date, default: null },
    /** Times of recent failed sign-ins (at most the last 10), for the lock-out rule. */
    failedSignIns: { type: [{ type: Date }], default: [] },
    lockedUntil: { type: Date, default: null },
    twoFactor: { type: twoFactorSchema, required: true, default: () => ({}) },
  },
  {
    timestamps: true,
    statics: {
      findByEmail(email: string) {
        return this.findOne({ email: { $eq: normaliseEmail(email) } });
      },
    },
  },
);

userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ organisation: 1 });

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type UserRecord = InferSchemaType<typeof userSchema>;
export const User = model('User', userSchema);
