/**
 * The kind of organisation. The Paris Call publishes this as a French "nature"; we keep a short fixed list
 * so the directory can filter on it (labels live in the `directory` locale namespace, `sector.<code>`).
 */
export const SECTORS = [
  'government',
  'local-government',
  'public-agency',
  'international-organisation',
  'company',
  'industry-association',
  'non-profit',
  'academia',
  'research',
] as const;
export type Sector = (typeof SECTORS)[number];

export function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}
