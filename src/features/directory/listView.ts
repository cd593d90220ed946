import type { TFunction } from 'i18next';
import type { DirectoryFilters } from '../../models/directoryQuery';
import type { Language } from '../../middleware/i18n';
import { labelBook, type LabelBook } from './labelBook';
import { compareText, flagOf, formatDate, formatNumber } from './labels';
import { facetCounts, type FacetCounts } from './facetCounts';
import { pageLinks } from './pagination';
import type { FacetKey } from './predicates';
import { directoryUrl, PAGE_SIZES, type DirectoryQuery } from './query';
import type { DirectoryPage } from './search';
import type { DirectoryEntry, DirectorySnapshot } from './snapshot';
import { statusScope } from './statusScope';
import { ORGANISATION_STATES } from '../../reference/statuses';

export interface SelectOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface FilterField {
  name: string;
  label: string;
  options: SelectOption[];
  /** Whether the select starts with "Any" (the status filter has a default instead). */
  anyOption: boolean;
}

type FilterName =
  'status' | 'initiative' | 'country' | 'category' | 'sector' | 'commitment' | 'evidence' | 'year';
const FILTER_KEYS: Record<FilterName, FacetKey> = {
  status: 'status',
  initiative: 'initiative',
  country: 'country',
  category: 'category',
  sector: 'sector',
  commitment: 'commitment',
  evidence: 'evidenceLevel',
  year: 'joinedYear',
};

export interface ViewContext {
  snapshot: DirectorySnapshot;
  query: DirectoryQuery;
  lang: Language;
  t: TFunction;
}

interface LabelledContext extends ViewContext {
  labels: LabelBook;
}

function labelOf(name: FilterName, value: string, { labels }: LabelledContext): string {
  switch (name) {
    case 'status':
      return value === 'all'
        ? labels.text('directory:list.allStatuses')
        : labels.code('organisationStatus', value);
    case 'initiative':
      return labels.text(`directory:initiative.${value}`);
    case 'country':
      return labels.flaggedCountry(value);
    case 'category':
      return labels.code('category', value);
    case 'sector':
      return labels.code('sector', value);
    case 'commitment':
      return `${labels.text(`directory:initiative.${value.split(':')[0]}`)} — ${labels.commitment(value)}`;
    case 'evidence':
      return labels.code('evidenceLevel', value);
    case 'year':
      return value;
  }
}

function facetValues(name: FilterName, snapshot: DirectorySnapshot): string[] {
  const facets = snapshot.facets;
  const byName: Record<FilterName, readonly (string | number)[]> = {
    status: [...ORGANISATION_STATES, 'all'],
    initiative: facets.initiatives,
    country: facets.countries,
    category: facets.categories,
    sector: facets.sectors,
    commitment: facets.commitments,
    evidence: facets.evidenceLevels,
    year: [...facets.joinedYears].reverse(),
  };
  return byName[name].map(String);
}

/**
 * Only values that give at least one result with the other choices and the search kept, each with its
 * count; the chosen value stays listed even when it matches nothing now.
 */
function filterField(name: FilterName, context: LabelledContext, counts: FacetCounts): FilterField {
  const key = FILTER_KEYS[name];
  const chosen = context.query.filters[key];
  const current = chosen === undefined ? (name === 'status' ? 'active' : '') : String(chosen);
  const tally = counts[key];
  const always = (value: string) => name === 'status' && (value === 'active' || value === 'all');
  const values = facetValues(name, context.snapshot).filter(
    (value) => value === current || always(value) || (tally.get(value) ?? 0) > 0,
  );
  if (current && !values.includes(current)) values.unshift(current);
  const options = values.map((value) => ({
    value,
    label: labelOf(name, value, context),
    count: formatNumber(tally.get(value) ?? 0, context.lang),
    selected: value === current,
  }));
  if (name === 'country') {
    const byName = new Map(options.map((option) => [option, option.label.replace(/^\S+ /u, '')]));
    options.sort((a, b) => compareText(byName.get(a) ?? '', byName.get(b) ?? '', context.lang));
  }
  return {
    name,
    label: context.labels.text(`directory:list.filters.${name}`),
    anyOption: name !== 'status',
    options: options.map(({ count, ...option }) => ({ ...option, label: `${option.label} (${count})` })),
  };
}

function activeFilters(context: LabelledContext) {
  const { query, t } = context;
  const active: { text: string; removeUrl: string }[] = [];
  if (query.filters.search) {
    const { search: _removed, ...rest } = query.filters;
    active.push({
      text: t('directory:list.active.search', { text: query.filters.search }),
      removeUrl: directoryUrl({ ...query, filters: rest, page: 1 }),
    });
  }
  for (const name of Object.keys(FILTER_KEYS) as FilterName[]) {
    const key = FILTER_KEYS[name];
    const value = query.filters[key];
    if (value === undefined) continue;
    const rest: DirectoryFilters = { ...query.filters };
    delete rest[key];
    active.push({
      text: `${t(`directory:list.filters.${name}`)}: ${labelOf(name, String(value), context)}`,
      removeUrl: directoryUrl({ ...query, filters: rest, page: 1 }),
    });
  }
  return active;
}

/** What one result shows: the same for an entry in every listing, sort and page (see resultRows.ts). */
export function resultRow(entry: DirectoryEntry, lang: Language, t: TFunction) {
  const labels = labelBook(lang, t);
  return {
    name: entry.name,
    status: entry.status === 'active' ? null : labels.code('organisationStatus', entry.status),
    url: `/signatories/${entry.slug}`,
    flag: flagOf(entry.country),
    country: labels.country(entry.country),
    category: labels.code('category', entry.category),
    sector: labels.code('sector', entry.sector),
    initiatives: entry.initiatives.map((slug) => ({
      short: labels.text(`directory:initiativeShort.${slug}`),
      name: labels.text(`directory:initiative.${slug}`),
    })),
    joined: formatDate(entry.firstJoinedAt, lang),
    demo: entry.demo,
  };
}

export type ResultRow = ReturnType<typeof resultRow>;

/** Each filter's counts on the copy the query reads; the status filter's over every organisation. */
function countsFor(snapshot: DirectorySnapshot, filters: DirectoryFilters) {
  const scope = statusScope(snapshot, filters);
  // Copies: with nothing chosen these are the snapshot's own precomputed counts.
  const counts: FacetCounts = { ...facetCounts(scope.snapshot, scope.filters) };
  const byStatus =
    scope.snapshot === snapshot.everyone
      ? counts.status
      : facetCounts(snapshot.everyone, scope.filters).status;
  counts.status = new Map(byStatus);
  counts.status.set(
    'all',
    [...byStatus.values()].reduce((sum, count) => sum + count, 0),
  );
  return { scoped: scope.snapshot, counts };
}

/** The filter selects: each filter's values with their counts given the other choices. */
export function filterFields(viewContext: ViewContext): FilterField[] {
  const { scoped, counts } = countsFor(viewContext.snapshot, viewContext.query.filters);
  const context = { ...viewContext, snapshot: scoped, labels: labelBook(viewContext.lang, viewContext.t) };
  return (Object.keys(FILTER_KEYS) as FilterName[]).map((name) => filterField(name, context, counts));
}

export function listViewModel(viewContext: ViewContext, result: DirectoryPage, ignored: string[]) {
  const context = { ...viewContext, labels: labelBook(viewContext.lang, viewContext.t) };
  const { query, t, lang } = context;
  const option = (value: string, label: string, current: string) => ({
    value,
    label,
    selected: value === current,
  });
  return {
    title: t('directory:list.title'),
    search: query.filters.search ?? '',
    sortOptions: (['name', 'joined', 'country'] as const).map((sort) =>
      option(sort, t(`directory:list.sort.${sort}`), query.sort),
    ),
    orderOptions: (['asc', 'desc'] as const).map((order) =>
      option(order, t(`directory:list.order.${order}`), query.order),
    ),
    sizeOptions: PAGE_SIZES.map((size) => option(String(size), String(size), String(query.size))),
    resultCount: t('directory:list.resultCount', {
      count: result.total,
      formatted: formatNumber(result.total, lang),
    }),
    activeFilters: activeFilters(context),
    pagination: pageLinks(query, result.total === 0 ? 1 : result.lastPage, lang),
    notices: ignored.length > 0 ? [t('directory:list.ignored', { names: ignored.join(', ') })] : [],
  };
}
