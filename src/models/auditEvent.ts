import { Schema, model, type InferSchemaType } from 'mongoose';
import { ROLES } from '../audit/actor';
import { AUDIT_ACTION_NAMES } from '../audit/actions';
import { refuseChangesAfterInsert } from '../audit/appendOnly';

const actorSchema = new Schema(
  {
    kind: { type: String, required: true, enum: ['user', 'system', 'anonymous'] },
    userId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    label: { type: String, required: true, trim: true, maxlength: 320 },
    role: { type: String, enum: [...ROLES, null], default: null },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
  },
  { _id: false },
);

/**
 * Append-only record of who changed what. Written only by `src/audit/recordChange.ts`, inside the same
 * transaction as the change it describes. The model refuses every update and delete (`appendOnly.ts`).
 */
const auditEventSchema = new Schema(
  {
    action: { type: String, required: true, enum: AUDIT_ACTION_NAMES },
    actor: { type: actorSchema, required: true },
    subject: {
      kind: { type: String, required: true, trim: true, maxlength: 60 },
      id: { type: String, required: true, trim: true, maxlength: 100 },
    },
    organisation: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    at: { type: Date, required: true },
    requestId: { type: String, trim: true, maxlength: 100, default: null },
    ip: { type: String, trim: true, maxlength: 100, default: null },
  },
  { collection: 'auditevents' },
);

refuseChangesAfterInsert(auditEventSchema);

auditEventSchema.index({ at: -1 });
auditEventSchema.index({ organisation: 1, at: -1 });
auditEventSchema.index({ 'actor.userId': 1, at: -1 });
auditEventSchema.index({ action: 1, at: -1 });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema>;
export const AuditEvent = model('AuditEvent', auditEventSchema);
