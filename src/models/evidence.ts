import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES } from '../reference/evidenceLevels';

const resultSchema = new Schema(
  {
    level: { type: String, trim: true, maxlength: 60, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    problems: { type: [{ type: String, trim: true, maxlength: 500 }], default: [] },
    status: { type: String, enum: EVIDENCE_STATUSES, required: true },
    checkedAt: { type: Date, required: true },
  },
  { _id: false },
);

const evidenceSchema = new Schema(
  {
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    /** A commitment key such as `tech-accord:stronger-defence`, when the evidence supports one. */
    commitment: { type: String, trim: true, maxlength: 120, default: null },
    kind: { type: String, required: true, enum: EVIDENCE_KINDS },
    subject: { type: String, required: true, trim: true, maxlength: 500 },
    status: { type: String, required: true, enum: EVIDENCE_STATUSES, default: 'pending-review' },
    latestResult: { type: resultSchema, default: null },
    checkedAt: { type: Date, default: null },
    history: { type: [resultSchema], default: [] },
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

evidenceSchema.index({ organisation: 1, kind: 1, subject: 1 }, { unique: true });
evidenceSchema.index({ status: 1 });
evidenceSchema.index({ checkedAt: 1 });

export type EvidenceRecord = InferSchemaType<typeof evidenceSchema>;
export const Evidence = model('Evidence', evidenceSchema);
