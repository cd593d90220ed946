import { Schema, model, type InferSchemaType } from 'mongoose';
import { CATEGORIES } from '../reference/categories';
import { INITIATIVE_SLUGS } from '../reference/initiatives';
import { SECTORS } from '../reference/sectors';
import { languages } from '../middleware/i18n';

export const APPLICATION_STATES = ['unconfirmed', 'submitted', 'changes-requested', 'approved', 'rejected'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** States a reviewer can still decide on; the others are final or not yet confirmed. */
export const OPEN_APPLICATION_STATES: readonly ApplicationState[] = ['submitted', 'changes-requested'];

export const UNCONFIRMED_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const pledgeRequestSchema = new Schema(
  {
    initiative: { type: String, required: true, enum: INITIATIVE_SLUGS },
    commitments: { type: [{ type: String, trim: true, maxlength: 60 }], default: [] },
  },
  { _id: false },
);

const contactSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    role: { type: String, required: true, trim: true, maxlength: 200 },
    language: { type: String, required: true, enum: languages, default: 'en' },
  },
  { _id: false },
);

const historyEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    event: { type: String, required: true, trim: true, maxlength: 60 },
    by: { type: String, required: true, trim: true, maxlength: 320 },
    message: { type: String, trim: true, maxlength: 5000, default: '' },
  },
  { _id: false },
);

/**
 * A request to join, from its submission to its decision. Unconfirmed applications carry `expiresAt`, which
 * a TTL index honours; confirming removes it. The reviewer's decision is recorded in `history`.
 */
const applicationSchema = new Schema(
  {
    state: { type: String, required: true, enum: APPLICATION_STATES, default: 'unconfirmed' },
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 300 },
    identityKey: { type: String, required: true, maxlength: 310 },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    category: { type: String, required: true, enum: CATEGORIES },
    sector: { type: String, required: true, enum: SECTORS },
    website: { type: String, required: true, trim: true, maxlength: 500 },
    domain: { type: String, required: true, trim: true, lowercase: true, maxlength: 253 },
    pledges: { type: [pledgeRequestSchema], default: [] },
    statement: { type: String, trim: true, maxlength: 5000, default: '' },
    contact: { type: contactSchema, required: true },
    consentedAt: { type: Date, required: true },
    submittedAt: { type: Date, default: null },
    expiresAt: { type: Date, default: undefined },
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
    history: { type: [historyEntrySchema], default: [] },
  },
  { timestamps: true },
);

applicationSchema.index({ state: 1, submittedAt: 1 });
applicationSchema.index({ identityKey: 1 });
applicationSchema.index({ domain: 1 });
applicationSchema.index({ 'pledges.initiative': 1, state: 1 });
applicationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type ApplicationRecord = InferSchemaType<typeof applicationSchema>;
export const Application = model('Application', applicationSchema);
