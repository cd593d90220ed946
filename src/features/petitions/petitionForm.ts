import { z } from 'zod';
import { PETITION_SLUG } from '../../models/petition';
import { INITIATIVE_SLUGS, type InitiativeSlug } from '../../reference/initiatives';

/** The secretariat's petition form, as typed (strings), so it can be shown again with the input. */
export interface PetitionFormValues {
  slug: string;
  initiative: string;
  ownerName: string;
  ownerSlug: string;
  titleEn: string;
  titleFr: string;
  textEn: string;
  textFr: string;
}

export interface PetitionDetails {
  initiative: InitiativeSlug | null;
  ownerName: string;
  /** The owner's profile in the registry, if it has one. */
  ownerSlug: string;
  title: { en: string; fr: string };
  text: { en: string; fr: string };
}

export type PetitionFormErrors = Partial<Record<keyof PetitionFormValues, string>>;

const rules = {
  slug: z.string().trim().toLowerCase().max(80).regex(PETITION_SLUG),
  initiative: z.union([z.enum(INITIATIVE_SLUGS), z.literal('')]),
  ownerName: z.string().trim().min(1).max(200),
  ownerSlug: z.string().trim().max(120).regex(/^$|^[a-z0-9-]+$/),
  titleEn: z.string().trim().min(1).max(200),
  titleFr: z.string().trim().min(1).max(200),
  textEn: z.string().trim().min(1).max(10_000),
  textFr: z.string().trim().min(1).max(10_000),
} as const;

const str = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 12_000) : '');

export function petitionValuesFrom(body: Record<string, unknown>): PetitionFormValues {
  const values = {} as PetitionFormValues;
  for (const field of Object.keys(rules) as (keyof PetitionFormValues)[]) values[field] = str(body[field]);
  return values;
}

export function petitionValuesOf(petition: {
  slug: string;
  initiative?: string | null;
  owner: { name: string };
  title: { en: string; fr: string };
  text: { en: string; fr: string };
}, ownerSlug: string): PetitionFormValues {
  return {
    slug: petition.slug,
    initiative: petition.initiative ?? '',
    ownerName: petition.owner.name,
    ownerSlug,
    titleEn: petition.title.en,
    titleFr: petition.title.fr,
    textEn: petition.text.en,
    textFr: petition.text.fr,
  };
}

/** Every field checked at once; `withSlug` is false when editing (the address of a petition never changes). */
export function parsePetitionForm(
  values: PetitionFormValues,
  withSlug: boolean,
): { ok: true; slug: string; details: PetitionDetails } | { ok: false; errors: PetitionFormErrors } {
  const errors: PetitionFormErrors = {};
  const parsed: Partial<Record<keyof PetitionFormValues, string>> = {};
  for (const [field, rule] of Object.entries(rules) as [keyof PetitionFormValues, z.ZodType<string>][]) {
    if (field === 'slug' && !withSlug) continue;
    const result = rule.safeParse(values[field]);
    if (result.success) parsed[field] = result.data;
    else errors[field] = `petitions:admin.errors.${field}`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    slug: parsed.slug ?? '',
    details: {
      initiative: (parsed.initiative || null) as InitiativeSlug | null,
      ownerName: parsed.ownerName!,
      ownerSlug: parsed.ownerSlug ?? '',
      title: { en: parsed.titleEn!, fr: parsed.titleFr! },
      text: { en: parsed.textEn!, fr: parsed.textFr! },
    },
  };
}
