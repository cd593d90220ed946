import countries from 'i18n-iso-countries';
import { z } from 'zod';

/** What the signer typed, kept as strings so the form can be shown again with their input. */
export interface SignatureFormValues {
  name: string;
  email: string;
  country: string;
  organisation: string;
  showName: boolean;
  consent: boolean;
}

export interface SignatureDetails {
  name: string;
  email: string;
  country: string;
  organisation: string;
  showName: boolean;
}

export type SignatureField = keyof SignatureFormValues;
/** Message keys (in the petitions namespace) by field. */
export type SignatureErrors = Partial<Record<SignatureField, string>>;

const fieldRules = {
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().max(254).email(),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).refine((code) => countries.isValid(code)),
  organisation: z.string().trim().max(200),
} as const;

const str = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

export function signatureValuesFrom(body: Record<string, unknown>): SignatureFormValues {
  return {
    name: str(body['name'], 400),
    email: str(body['email'], 400),
    country: str(body['country'], 10),
    organisation: str(body['organisation'], 400),
    showName: body['showName'] === 'yes',
    consent: body['consent'] === 'yes',
  };
}

export const emptySignatureValues: SignatureFormValues = signatureValuesFrom({});

/** Validates every field at once, so each mistake is shown next to its field in one round trip. */
export function parseSignatureForm(
  values: SignatureFormValues,
): { ok: true; details: SignatureDetails } | { ok: false; errors: SignatureErrors } {
  const errors: SignatureErrors = {};
  const parsed: Partial<Record<keyof typeof fieldRules, string>> = {};
  for (const [field, rule] of Object.entries(fieldRules) as [keyof typeof fieldRules, z.ZodType<string>][]) {
    const result = rule.safeParse(values[field]);
    if (result.success) parsed[field] = result.data;
    else errors[field] = `petitions:errors.${field}`;
  }
  if (!values.consent) errors.consent = 'petitions:errors.consent';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    details: {
      name: parsed.name!,
      email: parsed.email!,
      country: parsed.country!,
      organisation: parsed.organisation ?? '',
      showName: values.showName,
    },
  };
}
