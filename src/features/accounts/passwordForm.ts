import type { Request } from 'express';
import { z } from 'zod';
import type { PasswordChangeResult } from './passwordService';
import { PASSWORD_MAX } from './passwords';

/** Long enough to say "too long" next to the field rather than refuse the whole form. */
const anyText = z.string().max(100_000).catch('');

export const newPasswordForm = z.object({ password: anyText, confirmPassword: anyText });
export const changePasswordForm = newPasswordForm.extend({ currentPassword: anyText });

export type FieldErrors = Partial<Record<'currentPassword' | 'password' | 'confirmPassword' | 'code' | 'email', string>>;

/** What can be said before the account is known: missing, far too long, or the two entries differ. */
export function checkNewPasswordShape(req: Request, input: { password: string; confirmPassword: string }): FieldErrors {
  if (input.password === '') return { password: req.t('accounts:passwordErrors.missing') };
  if ([...input.password].length > PASSWORD_MAX) return { password: req.t('accounts:passwordErrors.too-long') };
  if (input.password !== input.confirmPassword) return { confirmPassword: req.t('accounts:passwordErrors.mismatch') };
  return {};
}

/** A refused change as a message next to the field it concerns. */
export function errorsFromResult(req: Request, result: Exclude<PasswordChangeResult, { ok: true }>): FieldErrors {
  if (result.field === 'currentPassword') return { currentPassword: req.t('accounts:passwordErrors.currentWrong') };
  if (result.field === 'password') return { password: req.t(`accounts:passwordErrors.${result.problem}`) };
  return {};
}
