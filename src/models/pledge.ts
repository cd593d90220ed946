import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { INITIATIVE_SLUGS, type InitiativeSlug } from '../reference/initiatives';

/** One version of an organisation's pledge to an initiative; versions are never edited, the highest is current. */
const pledgeSchema = new Schema(
  {
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    initiative: { type: String, required: true, enum: INITIATIVE_SLUGS },
    version: { type: Number, required: true, min: 1 },
    commitments: { type: [{ type: String, trim: true, maxlength: 60 }], default: [] },
    statement: { type: String, trim: true, maxlength: 5000, default: '' },
    changedBy: { type: String, required: true, trim: true, maxlength: 200 },
    changedAt: { type: Date, required: true, default: () => new Date() },
    demo: { type: Boolean, required: true, default: false },
  },
  {
    timestamps: true,
    statics: {
      currentFor(organisation: Types.ObjectId, initiative: InitiativeSlug) {
        return this.findOne({ organisation, initiative: { $eq: initiative } }).sort({ version: -1 });
      },
      historyOf(organisation: Types.ObjectId) {
        return this.find({ organisation }).sort({ initiative: 1, version: -1 });
      },
    },
  },
);

pledgeSchema.index({ organisation: 1, initiative: 1, version: -1 }, { unique: true });

export type PledgeRecord = InferSchemaType<typeof pledgeSchema>;
export const Pledge = model('Pledge', pledgeSchema);
