import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../reference/activities';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import type { ActivityInput, PartnerInput } from './activityService';
import { isTimeZone, zonedTimeToInstant } from './zonedTime';

export const ACTIVITY_FIELDS = [
  'initiative',
  'kind',
  'titleEn',
  'titleFr',
  'textEn',
  'textFr',
  'date',
  'time',
  'timeZone',
  'duration',
  'link',
  'recordingUrl',
  'coSigners',
  'partners',
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];
export type ActivityFormValues = Record<ActivityField, string>;
/** Field → key of its message in the activities namespace. */
export type ActivityFormErrors = Partial<Record<ActivityField, string>>;

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
const optionalUrl = z.string().max(500, 'errors.url').refine((value) => value === '' || isHttpUrl(value), 'errors.url');
const required = (max: number) => z.string().min(1, 'errors.required').max(max, 'errors.tooLong');
const slugLines = z
  .string()
  .max(20000, 'errors.tooLong')
  .transform((value) => value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean));

const formSchema = z.object({
  initiative: z.enum(INITIATIVE_SLUGS, 'errors.initiative'),
  kind: z.enum(ACTIVITY_KINDS, 'errors.kind'),
  titleEn: required(200),
  titleFr: required(200),
  textEn: required(10000),
  textFr: required(10000),
  date: z.union([z.literal(''), z.iso.date('errors.date')]),
  time: z.union([z.literal(''), z.iso.time({ precision: -1, message: 'errors.time' })]),
  timeZone: z.string().max(60, 'errors.timeZone').refine((value) => value === '' || isTimeZone(value), 'errors.timeZone'),
  duration: z.union([z.literal(''), z.coerce.number('errors.duration').int('errors.duration').min(1, 'errors.duration').max(10080, 'errors.duration')]),
  link: optionalUrl,
  recordingUrl: optionalUrl,
  coSigners: slugLines.refine((lines) => lines.every((line) => /^[a-z0-9-]{1,100}$/.test(line)), 'errors.slugs'),
  partners: slugLines,
});

export const emptyActivityForm = (): ActivityFormValues =>
  Object.fromEntries(ACTIVITY_FIELDS.map((field) => [field, ''])) as ActivityFormValues;

export function enteredActivityValues(body: unknown): ActivityFormValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const values = emptyActivityForm();
  for (const field of ACTIVITY_FIELDS) {
    const value = source[field];
    values[field] = typeof value === 'string' ? value.trim().slice(0, 20000) : '';
  }
  return values;
}

/** A partner line: a registry slug, or `Name | https://address` for an organisation outside the registry. */
function partnerOf(line: string): PartnerInput | null {
  if (/^[a-z0-9-]{1,100}$/.test(line)) return { slug: line };
  const [name = '', url = ''] = line.split('|').map((part) => part.trim());
  if (!name || name.length > 300 || (url !== '' && !isHttpUrl(url))) return null;
  return { name, url: url || null };
}

export function parseActivityForm(values: ActivityFormValues): { input?: ActivityInput; errors: ActivityFormErrors } {
  const parsed = formSchema.safeParse(values);
  const errors: ActivityFormErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ActivityField;
      errors[field] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
    }
    return { errors };
  }
  const form = parsed.data;
  const partners = form.partners.map(partnerOf);
  if (partners.some((partner) => partner === null)) errors.partners = 'errors.partners';
  if (form.kind === 'event' && !form.date) errors.date = 'errors.eventDate';
  if (form.time && !form.timeZone) errors.timeZone = 'errors.timeZoneRequired';
  if (form.date && Number.isNaN(Date.parse(`${form.date}T00:00:00Z`))) errors.date = 'errors.date';
  if (Object.keys(errors).length > 0) return { errors };
  const allDay = form.time === '';
  const date = !form.date ? null : allDay ? new Date(`${form.date}T00:00:00Z`) : zonedTimeToInstant(form.date, form.time, form.timeZone);
  return {
    errors,
    input: {
      initiative: form.initiative,
      kind: form.kind,
      title: { en: form.titleEn, fr: form.titleFr },
      text: { en: form.textEn, fr: form.textFr },
      date,
      allDay,
      timeZone: form.timeZone || null,
      durationMinutes: form.duration === '' ? null : form.duration,
      link: form.link || null,
      recordingUrl: form.recordingUrl || null,
      coSigners: [...new Set(form.coSigners)],
      partners: partners.filter((partner): partner is PartnerInput => partner !== null),
    },
  };
}
