import type { Fixtures } from './visitors';

export interface FilledPath {
  url: string;
  /**
   * True when a parameter had no fixture (an unguessable token, an id of something the matrix does not
   * create): "not found" is then a correct answer, so an `open` cell accepts 404 there.
   */
  unknownSubject: boolean;
}

const INITIATIVE = 'tech-accord';
const UNKNOWN_ID = '0123456789abcdef01234567';

/** A value for one `:param` of a route, from the fixtures where the matrix has one. */
function valueFor(name: string, before: string, fixtures: Fixtures): { value: string; known: boolean } {
  if (name === 'slug') {
    if (/initiatives\/$/.test(before)) return { value: INITIATIVE, known: true };
    if (/petitions\/$/.test(before)) return { value: fixtures.petitionSlug, known: true };
    return { value: fixtures.organisationA.slug, known: true };
  }
  if (name === 'initiative') return { value: INITIATIVE, known: true };
  if (name === 'id' && /\/secretariat\/applications\/$/.test(before))
    return { value: fixtures.applicationId, known: true };
  if (name === 'token') return { value: 'unknown-token-0123456789abcdefghij', known: false };
  return { value: UNKNOWN_ID, known: false };
}

/**
 * The route's path with its parameters filled: organisation A's slug (members of A own it, members of B
 * must be refused), a real application for the secretariat, an initiative that exists. Add a fixture here
 * for a new parameter to make its `open` cells strict.
 */
export function fillPath(path: string, fixtures: Fixtures): FilledPath {
  let unknownSubject = false;
  const url = path.replace(/:([A-Za-z_]+)/g, (_match, name: string, offset: number) => {
    const { value, known } = valueFor(name, path.slice(0, offset), fixtures);
    if (!known) unknownSubject = true;
    return encodeURIComponent(value);
  });
  return { url, unknownSubject };
}
