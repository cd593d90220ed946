import { z } from 'zod';
import { ROLES } from '../../audit/actor';
import { languages } from '../../middleware/i18n';

/** The secretariat's invitation form, as posted. Messages are locale keys in the `users` namespace. */
export const invitationForm = z.object({
  email: z.string().trim().toLowerCase().max(254, 'errors.emailInvalid').pipe(z.email('errors.emailInvalid')),
  organisation: z.string().trim().max(300, 'errors.organisationUnknown'),
  role: z.enum(ROLES, 'errors.roleInvalid'),
  language: z.enum(languages, 'errors.languageInvalid'),
});

export type InvitationForm = z.infer<typeof invitationForm>;
export type InvitationField = keyof InvitationForm;

/** What the form shows again after a refusal: the person's own input, trimmed to sane lengths. */
export function enteredInvitation(body: unknown): Record<InvitationField, string> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: InvitationField, max: number) => (typeof fields[name] === 'string' ? fields[name].slice(0, max) : '');
  return { email: text('email', 300), organisation: text('organisation', 300), role: text('role', 20) || 'member', language: text('language', 5) || 'en' };
}

/** The first message for each field zod refused. */
export function invitationErrors(error: z.ZodError): Partial<Record<InvitationField, string>> {
  const errors: Partial<Record<InvitationField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as InvitationField;
    errors[field] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
  }
  return errors;
}
