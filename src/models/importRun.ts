import { Schema, model, type InferSchemaType } from 'mongoose';
import { ROLES } from '../audit/actor';
import { INITIATIVE_SLUGS } from '../reference/initiatives';

/**
 * checking → checked (dry-run report ready) → applying → applied; `failed` when a run could not finish.
 * The first two change nothing in the registry.
 */
export const IMPORT_RUN_STATES = ['checking', 'checked', 'applying', 'applied', 'failed'] as const;
export type ImportRunState = (typeof IMPORT_RUN_STATES)[number];

/** How long an upload nobody applies is kept. */
export const UNAPPLIED_IMPORT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const actorSnapshotSchema = new Schema(
  {
    userId: { type: String, default: null },
    label: { type: String, required: true, maxlength: 320 },
    role: { type: String, enum: [...ROLES, null], default: null },
    organisationId: { type: String, default: null },
    requestId: { type: String, default: null },
    ip: { type: String, default: null },
  },
  { _id: false },
);

/**
 * A CSV uploaded in the secretariat area and its runs. The file is kept here, in the database (never on a
 * public path), so whichever worker runs the job reads it; it is removed once the import has been applied.
 */
const importRunSchema = new Schema(
  {
    state: { type: String, required: true, enum: IMPORT_RUN_STATES, default: 'checking' },
    fileName: { type: String, required: true, trim: true, maxlength: 255 },
    size: { type: Number, required: true, min: 0 },
    content: { type: Buffer, default: undefined },
    initiative: { type: String, enum: [...INITIATIVE_SLUGS, null], default: null },
    uploadedBy: { type: actorSnapshotSchema, required: true },
    appliedBy: { type: actorSnapshotSchema, default: null },
    progress: {
      processed: { type: Number, default: 0 },
      total: { type: Number, default: 0 },
    },
    dryRunReport: { type: Schema.Types.Mixed, default: null },
    report: { type: Schema.Types.Mixed, default: null },
    failure: { type: String, maxlength: 1000, default: null },
    appliedAt: { type: Date, default: null },
    expiresAt: { type: Date, default: undefined },
  },
  { timestamps: true },
);

importRunSchema.index({ createdAt: -1 });
importRunSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type ImportRunRecord = InferSchemaType<typeof importRunSchema>;
export const ImportRun = model('ImportRun', importRunSchema);
