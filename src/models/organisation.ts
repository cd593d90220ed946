import { Schema, model, type InferSchemaType } from 'mongoose';
import { CATEGORIES } from '../reference/categories';
import { EVIDENCE_LEVELS } from '../reference/evidenceLevels';
import { INITIATIVE_SLUGS } from '../reference/initiatives';
import { SECTORS } from '../reference/sectors';
import { MEMBERSHIP_STATES, ORGANISATION_ORIGINS, ORGANISATION_STATES } from '../reference/statuses';

const membershipSchema = new Schema(
  {
    initiative: { type: String, required: true, enum: INITIATIVE_SLUGS },
    joinedAt: { type: Date, default: null },
    status: { type: String, required: true, enum: MEMBERSHIP_STATES, default: 'active' },
  },
  { _id: false },
);

const publicStatusSchema = new Schema(
  {
    state: { type: String, required: true, enum: ORGANISATION_STATES, default: 'active' },
    reason: { type: String, trim: true, maxlength: 500, default: '' },
    since: { type: Date, default: null },
  },
  { _id: false },
);

/**
 * `initiatives`, `commitments`, `evidenceLevel`, `joinedYears` and `firstJoinedAt` are derived (from
 * memberships, current pledges and evidence) and stored so every directory filter is a plain indexed match.
 * They are written only through `syncOrganisationDerivedFields` (src/registry) and the import, never by hand.
 */
const organisationSchema = new Schema(
  {
    slug: { type: String, required: true, trim: true, maxlength: 100, match: /^[a-z0-9-]+$/ },
    /** Slugs of organisations merged into this one: their public addresses redirect here. */
    formerSlugs: { type: [{ type: String, maxlength: 100 }], default: [] },
    /**
     * Ids of organisations merged into this one. Audit events are never rewritten, so those naming a merged
     * organisation resolve to this one through this list (no reference is left dangling).
     */
    mergedIds: { type: [{ type: Schema.Types.ObjectId }], default: [] },
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 300 },
    searchKey: { type: String, required: true, maxlength: 300 },
    identityKey: { type: String, required: true, maxlength: 310 },
    country: { type: String, default: null, match: /^[A-Z]{2}$/ },
    category: { type: String, enum: [...CATEGORIES, null], default: null },
    sector: { type: String, enum: [...SECTORS, null], default: null },
    website: { type: String, trim: true, maxlength: 500, default: null },
    domains: { type: [{ type: String, trim: true, lowercase: true, maxlength: 253 }], default: [] },
    description: { type: String, trim: true, maxlength: 5000, default: '' },
    status: { type: publicStatusSchema, required: true, default: () => ({}) },
    memberships: { type: [membershipSchema], default: [] },
    origin: { type: String, required: true, enum: ORGANISATION_ORIGINS, default: 'manual' },
    /** A fictional organisation created so pages have something to show; always labelled as such. */
    demo: { type: Boolean, required: true, default: false },
    initiatives: { type: [{ type: String, enum: INITIATIVE_SLUGS }], default: [] },
    commitments: { type: [{ type: String, maxlength: 120 }], default: [] },
    evidenceLevel: { type: String, required: true, enum: EVIDENCE_LEVELS, default: 'none' },
    joinedYears: { type: [Number], default: [] },
    firstJoinedAt: { type: Date, default: null },
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

organisationSchema.index({ slug: 1 }, { unique: true });
organisationSchema.index({ identityKey: 1 }, { unique: true });
// Filters, sorts and facets run on the directory's in-memory read model, not on indexes: only lookups are
// indexed (the import matches countryless rows by searchKey; the read model loads the active organisations).
organisationSchema.index({ searchKey: 1 });
organisationSchema.index({ 'status.state': 1, firstJoinedAt: -1 });
organisationSchema.index({ domains: 1 });
organisationSchema.index({ formerSlugs: 1 });
organisationSchema.index({ mergedIds: 1 });
organisationSchema.index({ origin: 1 });
// The read models load only the organisations changed since their copy (see directory/changedEntries.ts).
organisationSchema.index({ updatedAt: 1 });

export type OrganisationRecord = InferSchemaType<typeof organisationSchema>;
export const Organisation = model('Organisation', organisationSchema);
