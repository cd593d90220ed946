import { Schema, model, type InferSchemaType } from 'mongoose';

/** Append-only record of who changed what; nothing updates or deletes these. */
const auditEventSchema = new Schema(
  {
    actor: { type: String, required: true, trim: true, maxlength: 200 },
    action: { type: String, required: true, trim: true, maxlength: 100 },
    subject: {
      kind: { type: String, required: true, trim: true, maxlength: 60 },
      id: { type: String, required: true, trim: true, maxlength: 100 },
    },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    at: { type: Date, required: true, default: () => new Date() },
    requestId: { type: String, trim: true, maxlength: 100, default: null },
  },
  {
    statics: {
      recent(limit: number) {
        return this.find()
          .sort({ at: -1 })
          .limit(Math.min(Math.max(1, limit), 500));
      },
    },
  },
);

auditEventSchema.index({ at: -1 });
auditEventSchema.index({ 'subject.kind': 1, 'subject.id': 1, at: -1 });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema>;
export const AuditEvent = model('AuditEvent', auditEventSchema);
