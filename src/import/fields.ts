import { z } from 'zod';
import { CATEGORIES, isCategory, type Category } from '../reference/categories';
import { isInitiativeSlug, type InitiativeSlug } from '../reference/initiatives';
import { isSector, SECTORS, type Sector } from '../reference/sectors';
import { toSearchKey } from '../models/searchKey';
import { toCountryCode } from './countries';
import { normaliseWebsite } from './websites';

const cell = z.string().max(2000, 'value is longer than 2000 characters').default('');

export const nameField = cell
  .transform((value) => value.replace(/\s+/gu, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'name is empty', abort: true })
      .max(300, 'name is longer than 300 characters')
      .refine((value) => toSearchKey(value) !== '', 'name has no letters or digits'),
  );

export const countryField = cell.transform((value, ctx): string | null => {
  const result = toCountryCode(value);
  if (result.ok) return result.country;
  ctx.addIssue({ code: 'custom', message: result.reason });
  return z.NEVER;
});

export const categoryField = cell.transform((value, ctx): Category | null => {
  const code = toSearchKey(value).replace(/ /g, '-');
  if (code === '') return null;
  if (isCategory(code)) return code;
  ctx.addIssue({
    code: 'custom',
    message: `unknown category "${value.trim().slice(0, 40)}" (expected ${CATEGORIES.join(', ')})`,
  });
  return z.NEVER;
});

export const sectorField = cell.transform((value, ctx): Sector | null => {
  const code = toSearchKey(value).replace(/ /g, '-');
  if (code === '') return null;
  if (isSector(code)) return code;
  ctx.addIssue({
    code: 'custom',
    message: `unknown sector "${value.trim().slice(0, 40)}" (expected ${SECTORS.join(', ')})`,
  });
  return z.NEVER;
});

export const websiteField = cell.transform((value, ctx) => {
  const result = normaliseWebsite(value);
  if (result.ok) return result;
  ctx.addIssue({ code: 'custom', message: result.reason });
  return z.NEVER;
});

export const dateField = cell.transform((value, ctx): Date | null => {
  const text = value.trim();
  if (text === '') return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    ctx.addIssue({ code: 'custom', message: `date "${text.slice(0, 20)}" is not a valid YYYY-MM-DD date` });
    return z.NEVER;
  }
  if (date.getTime() > Date.now()) {
    ctx.addIssue({ code: 'custom', message: `date ${text} is in the future` });
    return z.NEVER;
  }
  return date;
});

export const initiativeField = cell.transform((value, ctx): InitiativeSlug | null => {
  const code = toSearchKey(value).replace(/ /g, '-');
  if (code === '') return null;
  if (isInitiativeSlug(code)) return code;
  ctx.addIssue({ code: 'custom', message: `unknown initiative "${value.trim().slice(0, 40)}"` });
  return z.NEVER;
});
