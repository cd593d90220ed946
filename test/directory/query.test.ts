import { directoryUrl, parseDirectoryQuery, queryString } from '../../src/features/directory/query';
import { RenderCache } from '../../src/features/directory/renderCache';

describe('parseDirectoryQuery', () => {
  it('keeps valid values, typed, and round-trips through the canonical query string', () => {
    const raw = {
      q: '  Société  ',
      initiative: 'paris-call',
      country: 'fr',
      category: 'state',
      sector: 'government',
      commitment: 'paris-call:cyber-hygiene',
      evidence: 'partial',
      year: '2019',
      sort: 'country',
      order: 'desc',
      page: '3',
      size: '50',
    };
    const { query, ignored } = parseDirectoryQuery(raw);
    expect(ignored).toEqual([]);
    expect(query).toEqual({
      filters: {
        search: 'Société',
        initiative: 'paris-call',
        country: 'FR',
        category: 'state',
        sector: 'government',
        commitment: 'paris-call:cyber-hygiene',
        evidenceLevel: 'partial',
        joinedYear: 2019,
      },
      sort: 'country',
      order: 'desc',
      page: 3,
      size: 50,
    });
    const again = parseDirectoryQuery(Object.fromEntries(new URLSearchParams(queryString(query))));
    expect(again.query).toEqual(query);
  });

  it('leaves defaults out of the URL', () => {
    const { query } = parseDirectoryQuery({ q: '', sort: 'joined', order: 'desc', page: '1', size: '20' });
    expect(directoryUrl(query)).toBe('/signatories?sort=joined');
  });

  it.each([
    [{ 'country[$ne]': 'x' }, ['country[$ne]']],
    [{ country: ['FR', 'DE'] }, ['country']],
    [{ country: { $ne: 'x' } }, ['country']],
    [{ page: '-1', size: '7', year: '19999' }, ['page', 'size', 'year']],
    [{ sort: '__proto__', order: 'sideways' }, ['sort', 'order']],
    [{ q: 'x'.repeat(201) }, ['q']],
    [{ commitment: 'tech-accord:cyber-hygiene', evidence: '{"$gt":""}' }, ['commitment', 'evidence']],
  ])('drops %j and names %j', (raw, names) => {
    const { query, ignored } = parseDirectoryQuery(raw);
    expect(ignored).toEqual(names);
    expect(query).toEqual({ filters: {}, sort: 'name', order: 'asc', page: 1, size: 20 });
  });
});

describe('RenderCache', () => {
  it('forgets the least recently used page and every page of an older version', () => {
    const cache = new RenderCache(2);
    cache.set('v1', 'a', 'A');
    cache.set('v1', 'b', 'B');
    expect(cache.get('v1', 'a')).toBe('A');
    cache.set('v1', 'c', 'C');
    expect(cache.get('v1', 'b')).toBeUndefined();
    expect(cache.get('v1', 'a')).toBe('A');
    expect(cache.get('v2', 'a')).toBeUndefined();
    cache.set('v2', 'd', 'D');
    expect(cache.get('v1', 'a')).toBeUndefined();
    expect(cache.get('v2', 'd')).toBe('D');
  });
});
