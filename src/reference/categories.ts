export const CATEGORIES = ['state', 'public-authority', 'private-sector', 'civil-society'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
