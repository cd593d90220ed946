import en from '../../src/locales/en/directory.json';
import fr from '../../src/locales/fr/directory.json';
import { CATEGORIES } from '../../src/reference/categories';
import { EVIDENCE_KINDS, EVIDENCE_LEVELS, EVIDENCE_STATUSES } from '../../src/reference/evidenceLevels';
import { INITIATIVES } from '../../src/reference/initiatives';
import { SECTORS } from '../../src/reference/sectors';
import { ORGANISATION_STATES } from '../../src/reference/statuses';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('directory locale namespace', () => {
  it('has the same keys in English and French', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
  });

  it('labels every reference value', () => {
    const keys = new Set(keysOf(en));
    const wanted = [
      ...CATEGORIES.map((code) => `category.${code}`),
      ...SECTORS.map((code) => `sector.${code}`),
      ...EVIDENCE_KINDS.map((code) => `evidenceKind.${code}`),
      ...EVIDENCE_LEVELS.map((code) => `evidenceLevel.${code}`),
      ...EVIDENCE_STATUSES.map((code) => `evidenceStatus.${code}`),
      ...ORGANISATION_STATES.map((code) => `organisationStatus.${code}`),
      ...INITIATIVES.flatMap((initiative) => [
        `initiative.${initiative.slug}`,
        ...initiative.commitments.map((commitment) => `commitment.${initiative.slug}.${commitment.code}`),
      ]),
    ];
    expect(wanted.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has nine Paris Call principles and four Tech Accord commitments', () => {
    expect(INITIATIVES.map((initiative) => [initiative.slug, initiative.commitments.length])).toEqual([
      ['tech-accord', 4],
      ['paris-call', 9],
    ]);
  });
});
