import { Schema, model, type InferSchemaType } from 'mongoose';
import { INITIATIVE_SLUGS } from '../reference/initiatives';
import { localisedTextSchema } from './localisedText';

export const PETITION_STATES = ['open', 'closed'] as const;
export type PetitionState = (typeof PETITION_STATES)[number];
export const PETITION_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ownerSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
  },
  { _id: false },
);

/**
 * A public petition, standing alone or run by an initiative. Its counts are not stored here: they live in
 * `PetitionTally` documents so that concurrent confirmations do not all write to this one document.
 */
const petitionSchema = new Schema(
  {
    slug: { type: String, required: true, trim: true, maxlength: 80, match: PETITION_SLUG },
    initiative: { type: String, enum: [...INITIATIVE_SLUGS, null], default: null },
    /** Who opened the petition and receives the signatures (an organisation of the registry, or not). */
    owner: { type: ownerSchema, required: true },
    title: { type: localisedTextSchema(200), required: true },
    text: { type: localisedTextSchema(10_000), required: true },
    state: { type: String, required: true, enum: PETITION_STATES, default: 'open' },
    openedAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

petitionSchema.index({ slug: 1 }, { unique: true });

export type PetitionRecord = InferSchemaType<typeof petitionSchema>;
export const Petition = model('Petition', petitionSchema);
