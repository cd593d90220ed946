import { Schema, model } from 'mongoose';

/** Counters per petition and country are split this many ways, so a burst from one country rarely collides. */
export const TALLY_SHARDS = 8;

/**
 * Confirmed signatures of one petition from one country, one shard of the count. Created (at zero) before a
 * signature can be confirmed, then only ever changed by `$inc` inside the confirming or withdrawing change.
 */
const petitionTallySchema = new Schema({
  petition: { type: Schema.Types.ObjectId, ref: 'Petition', required: true },
  country: { type: String, required: true, match: /^[A-Z]{2}$/ },
  shard: { type: Number, required: true, min: 0, max: TALLY_SHARDS - 1 },
  count: { type: Number, required: true, default: 0 },
});

petitionTallySchema.index({ petition: 1, country: 1, shard: 1 }, { unique: true });

export const PetitionTally = model('PetitionTally', petitionTallySchema);
