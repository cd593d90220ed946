import type { Category } from '../reference/categories';
import type { Sector } from '../reference/sectors';
import { toSearchKey } from '../models/searchKey';

/** The Paris Call's French "nature" values, folded with toSearchKey (so case, accents and stray spaces vanish). */
const NATURE_TO_SECTOR: Readonly<Record<string, Sector>> = {
  ue: 'government',
  'etat federe': 'local-government',
  'collectivite locale': 'local-government',
  agence: 'public-agency',
  'organisme public': 'public-agency',
  'autorite independante': 'public-agency',
  operateur: 'public-agency',
  'groupement d interet public': 'public-agency',
  'commission consultative': 'public-agency',
  'centre d excellence': 'public-agency',
  'organisation internationale': 'international-organisation',
  'international organization': 'international-organisation',
  entreprise: 'company',
  'association professionnelle': 'industry-association',
  'chambre de commerce': 'industry-association',
  'organisation a but non lucratif': 'non-profit',
  ong: 'non-profit',
  association: 'non-profit',
  fondation: 'non-profit',
  federation: 'non-profit',
  forum: 'non-profit',
  universite: 'academia',
  ecole: 'academia',
  academie: 'academia',
  'centre de recherche': 'research',
  'think tank': 'research',
};

export type NatureLookup = { ok: true; sector: Sector | null } | { ok: false; reason: string };

/** An empty nature is allowed; a state without one is a national government by definition. */
export function natureToSector(raw: string, category: Category | null): NatureLookup {
  const key = toSearchKey(raw);
  if (key === '') return { ok: true, sector: category === 'state' ? 'government' : null };
  const sector = NATURE_TO_SECTOR[key];
  if (sector) return { ok: true, sector };
  return { ok: false, reason: `unknown nature "${raw.trim().slice(0, 60)}"` };
}
