import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { ACTIVITY_KINDS } from '../reference/activities';
import { INITIATIVE_SLUGS } from '../reference/initiatives';
import { localisedTextSchema } from './localisedText';

/** A partner of a partnership: an organisation of the registry, or one outside it by name and address. */
const partnerSchema = new Schema(
  {
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
    name: { type: String, required: true, trim: true, maxlength: 300 },
    url: { type: String, trim: true, maxlength: 500, default: null },
  },
  { _id: false },
);

/**
 * One activity of an initiative. `date` is an event's start (an instant; `allDay` when no time was given)
 * or the day of a statement, partnership or announcement (null when the sources give none).
 */
const activitySchema = new Schema(
  {
    initiative: { type: String, required: true, enum: INITIATIVE_SLUGS },
    slug: { type: String, required: true, trim: true, maxlength: 100, match: /^[a-z0-9-]+$/ },
    kind: { type: String, required: true, enum: ACTIVITY_KINDS },
    title: { type: localisedTextSchema(200), required: true },
    text: { type: localisedTextSchema(10000), required: true },
    date: { type: Date, default: null },
    allDay: { type: Boolean, required: true, default: true },
    timeZone: { type: String, trim: true, maxlength: 60, default: null },
    durationMinutes: { type: Number, min: 1, max: 10080, default: null },
    link: { type: String, trim: true, maxlength: 500, default: null },
    recordingUrl: { type: String, trim: true, maxlength: 500, default: null },
    coSigners: { type: [{ type: Schema.Types.ObjectId, ref: 'Organisation' }], default: [] },
    partners: { type: [partnerSchema], default: [] },
    publishedAt: { type: Date, required: true },
  },
  { timestamps: true },
);

activitySchema.index({ initiative: 1, slug: 1 }, { unique: true });
activitySchema.index({ coSigners: 1 });
activitySchema.index({ publishedAt: -1 });

export type ActivityRecord = InferSchemaType<typeof activitySchema> & { _id: Types.ObjectId };
export const Activity = model('Activity', activitySchema);
