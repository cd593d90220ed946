import { Schema } from 'mongoose';

export function localisedTextSchema(maxlength: number) {
  return new Schema(
    {
      en: { type: String, required: true, trim: true, maxlength },
      fr: { type: String, required: true, trim: true, maxlength },
    },
    { _id: false },
  );
}
