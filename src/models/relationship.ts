import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { RELATIONSHIP_KINDS } from '../reference/relationships';

/**
 * One side of a relationship: an organisation of the registry, or one outside it known by name and address
 * (a funder that signed nothing, say). `name` is kept for both so a deleted organisation still reads right.
 */
const party = () => ({
  organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
  name: { type: String, required: true, trim: true, minlength: 1, maxlength: 300 },
  url: { type: String, trim: true, maxlength: 500, default: null },
});

/** "`from` funds `to`", dated, with the public page that says so. At least one side is in the registry. */
const relationshipSchema = new Schema(
  {
    from: party(),
    kind: { type: String, required: true, enum: RELATIONSHIP_KINDS },
    to: party(),
    since: { type: Date, default: null },
    until: { type: Date, default: null },
    sourceUrl: { type: String, required: true, trim: true, maxlength: 500 },
  },
  { timestamps: true },
);

relationshipSchema.index({ 'from.organisation': 1 });
relationshipSchema.index({ 'to.organisation': 1 });

export type RelationshipRecord = InferSchemaType<typeof relationshipSchema>;
export const Relationship = model('Relationship', relationshipSchema);

/** Every relationship an organisation is on either side of. */
export const relationshipsInvolving = (organisation: Types.ObjectId) =>
  Relationship.find({ $or: [{ 'from.organisation': organisation }, { 'to.organisation': organisation }] });

export type StoredParty = NonNullable<RelationshipRecord['from']>;

/** Both sides are required by the schema; Mongoose infers nested paths as optional, so this narrows them. */
export const sidesOf = (relationship: { from?: StoredParty | null; to?: StoredParty | null }) => ({
  from: relationship.from as StoredParty,
  to: relationship.to as StoredParty,
});
