import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { CHECK_NAMES } from '../features/evidence/checks/types';
import { checkStateFields } from './evidence';

export const MEASURED_ORIGINS = ['website', 'member'] as const;
export type MeasuredOrigin = (typeof MEASURED_ORIGINS)[number];

/**
 * One check the registry runs on a domain of an organisation whether or not its members claimed anything:
 * the registrable domain of its website, or a mail domain a member named. Kept apart from the evidence
 * members claim, it never decides the organisation's evidence level or its lapse.
 */
const measuredEvidenceSchema = new Schema(
  {
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    domain: { type: String, required: true, trim: true, lowercase: true, maxlength: 253 },
    check: { type: String, required: true, enum: CHECK_NAMES },
    origin: { type: String, required: true, enum: MEASURED_ORIGINS },
    ...checkStateFields,
    /** Set when a member said the domain is not theirs: kept (so it is not measured again), never shown nor checked. */
    notOurs: {
      type: new Schema(
        { by: { type: String, trim: true, maxlength: 320, required: true }, at: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
  },
  {
    timestamps: true,
    statics: {
      /** The entries shown for an organisation: not those marked "not ours". */
      shownFor(organisation: Types.ObjectId) {
        return this.find({ organisation, notOurs: null }).sort({ domain: 1, check: 1 });
      },
    },
  },
);

// The statistics read only the evidence changed since their last read (see statistics/evidenceResults.ts).
measuredEvidenceSchema.index({ updatedAt: 1 });
measuredEvidenceSchema.index({ organisation: 1, domain: 1, check: 1 }, { unique: true });
measuredEvidenceSchema.index({ nextCheckAt: 1 });

export type MeasuredEvidenceRecord = InferSchemaType<typeof measuredEvidenceSchema>;
export const MeasuredEvidence = model('MeasuredEvidence', measuredEvidenceSchema);
