import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES } from '../reference/evidenceLevels';

/** One check result (also the shape of each history entry); shared with the registry's measured entries. */
export const resultSchema = new Schema(
  {
    level: { type: String, trim: true, maxlength: 60, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    problems: { type: [{ type: String, trim: true, maxlength: 500 }], default: [] },
    /** The problems as message codes and parameters, to show in either language. */
    findings: { type: [Schema.Types.Mixed], default: [] },
    status: { type: String, enum: EVIDENCE_STATUSES, required: true },
    checkedAt: { type: Date, required: true },
    /** In history: the last time this same result was seen ("unchanged from checkedAt to until"). */
    until: { type: Date, default: null },
  },
  { _id: false },
);

/**
 * Where an entry's checks stand, the same for claimed and measured evidence (one rule updates both:
 * features/evidence/continuous/resultFields.ts).
 */
export const checkStateFields = {
  status: { type: String, required: true, enum: EVIDENCE_STATUSES, default: 'pending-review' },
  latestResult: { type: resultSchema, default: null },
  checkedAt: { type: Date, default: null },
  history: { type: [resultSchema], default: [] },
  /** Since when the checks have failed without a break (stale after a configured period). */
  failingSince: { type: Date, default: null },
  nextCheckAt: { type: Date, default: null },
  /** Checks that could not conclude (`error`) in a row: they leave the result alone and back off. */
  consecutiveErrors: { type: Number, min: 0, default: 0 },
  lastError: { type: new Schema({ at: Date, findings: [Schema.Types.Mixed] }, { _id: false }), default: null },
} as const;

const evidenceSchema = new Schema(
  {
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    /** A commitment key such as `tech-accord:stronger-defence`, when the evidence supports one. */
    commitment: { type: String, trim: true, maxlength: 120, default: null },
    kind: { type: String, required: true, enum: EVIDENCE_KINDS },
    subject: { type: String, required: true, trim: true, maxlength: 500 },
    ...checkStateFields,
    /** When a member last asked for a check now (rate limit per entry). */
    checkRequestedAt: { type: Date, default: null },
    /** Warning codes of the latest result (things about to break); a change of this set is mailed once. */
    warnings: { type: [{ type: String, maxlength: 100 }], default: [] },
    /** The secretariat's decision on manual evidence (a document, a policy address). */
    review: {
      type: new Schema(
        {
          decision: { type: String, enum: ['accepted', 'rejected'], required: true },
          note: { type: String, trim: true, maxlength: 1000, default: '' },
          by: { type: String, trim: true, maxlength: 320, required: true },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    demo: { type: Boolean, required: true, default: false },
  },
  {
    timestamps: true,
    statics: {
      listFor(organisation: Types.ObjectId) {
        return this.find({ organisation }).sort({ kind: 1, subject: 1 });
      },
    },
  },
);

// The statistics read only the evidence changed since their last read (see statistics/evidenceResults.ts).
evidenceSchema.index({ updatedAt: 1 });
evidenceSchema.index({ organisation: 1, kind: 1, subject: 1 }, { unique: true });
evidenceSchema.index({ status: 1 });
evidenceSchema.index({ checkedAt: 1 });
evidenceSchema.index({ nextCheckAt: 1 });

export type EvidenceRecord = InferSchemaType<typeof evidenceSchema>;
export const Evidence = model('Evidence', evidenceSchema);
