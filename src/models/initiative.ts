import { Schema, model, type InferSchemaType } from 'mongoose';
import { CATEGORIES } from '../reference/categories';
import { localisedTextSchema } from './localisedText';

const commitmentSchema = new Schema(
  {
    code: { type: String, required: true, trim: true, maxlength: 60, match: /^[a-z0-9-]+$/ },
    order: { type: Number, required: true, min: 0 },
    title: { type: localisedTextSchema(120), required: true },
    text: { type: localisedTextSchema(600), required: true },
  },
  { _id: false },
);

const initiativeSchema = new Schema(
  {
    slug: { type: String, required: true, trim: true, maxlength: 60, match: /^[a-z0-9-]+$/ },
    name: { type: localisedTextSchema(200), required: true },
    description: { type: localisedTextSchema(2000), required: true },
    website: { type: String, required: true, trim: true, maxlength: 300 },
    launchedAt: { type: Date, required: true },
    signatoryCategory: { type: String, enum: [...CATEGORIES, null], default: null },
    commitments: { type: [commitmentSchema], default: [] },
  },
  {
    timestamps: true,
    statics: {
      findBySlug(slug: string) {
        return this.findOne({ slug: { $eq: slug } });
      },
    },
  },
);

initiativeSchema.index({ slug: 1 }, { unique: true });

export type InitiativeRecord = InferSchemaType<typeof initiativeSchema>;
export const Initiative = model('Initiative', initiativeSchema);
