import { z } from 'zod';
import { DIRECTORY_SORTS, DIRECTORY_STATUSES, type DirectoryFilters, type DirectorySort } from '../../models/directoryQuery';
import { CATEGORIES } from '../../reference/categories';
import { EVIDENCE_LEVELS } from '../../reference/evidenceLevels';
import { INITIATIVES, INITIATIVE_SLUGS, commitmentKey } from '../../reference/initiatives';
import { SECTORS } from '../../reference/sectors';

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export type SortOrder = 'asc' | 'desc';

export interface DirectoryQuery {
  filters: DirectoryFilters;
  sort: DirectorySort;
  order: SortOrder;
  page: number;
  size: PageSize;
}

export const MAX_SEARCH_LENGTH = 200;
const MAX_PAGE = 100_000;
const COMMITMENT_KEYS = INITIATIVES.flatMap((initiative) =>
  initiative.commitments.map((commitment) => commitmentKey(initiative.slug, commitment.code)),
);
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/**
 * One schema per parameter, so a bad value is dropped on its own and named in the notice. The open data
 * API validates its query with the same schemas and documents them from these definitions.
 */
export const DIRECTORY_PARAMETER_SCHEMAS = {
  q: z.string().trim().max(MAX_SEARCH_LENGTH),
  status: z.enum(DIRECTORY_STATUSES),
  initiative: z.enum(INITIATIVE_SLUGS),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((code) => code.toUpperCase()),
  category: z.enum(CATEGORIES),
  sector: z.enum(SECTORS),
  commitment: z.enum(COMMITMENT_KEYS as [string, ...string[]]),
  evidence: z.enum(EVIDENCE_LEVELS),
  year: integer(1900, 2200),
  sort: z.enum(DIRECTORY_SORTS),
  order: z.enum(['asc', 'desc']),
  page: integer(1, MAX_PAGE),
  size: z.enum(PAGE_SIZES.map(String) as ['20', '50', '100']).transform((size) => Number(size) as PageSize),
} as const;

const parameterSchemas = DIRECTORY_PARAMETER_SCHEMAS;
type ParameterName = keyof typeof parameterSchemas;
export type DirectoryParameterValues = {
  [Name in ParameterName]?: z.output<(typeof parameterSchemas)[Name]>;
};
const PARAMETER_NAMES = Object.keys(parameterSchemas) as ParameterName[];
/** Read by other middleware (the language switch), so not "unknown" here. */
const HANDLED_ELSEWHERE = new Set(['lang']);

export const defaultOrder = (sort: DirectorySort): SortOrder => (sort === 'joined' ? 'desc' : 'asc');

export interface ParsedQuery {
  query: DirectoryQuery;
  /** Parameters dropped: unknown names, repeated names, or values that are not valid. */
  ignored: string[];
}

const isParameterName = (name: string): name is ParameterName => (PARAMETER_NAMES as string[]).includes(name);

/** Parses Express's query object; nothing but typed, validated values leaves this function. */
export function parseDirectoryQuery(raw: Record<string, unknown>): ParsedQuery {
  const ignored: string[] = [];
  const values: DirectoryParameterValues = {};
  for (const [name, value] of Object.entries(raw)) {
    if (HANDLED_ELSEWHERE.has(name)) continue;
    if (!isParameterName(name) || typeof value !== 'string') {
      ignored.push(name.slice(0, 40));
      continue;
    }
    if (value === '') continue;
    const parsed = parameterSchemas[name].safeParse(value);
    if (parsed.success) Object.assign(values, { [name]: parsed.data });
    else ignored.push(name);
  }
  return { query: toDirectoryQuery(values), ignored: ignored.slice(0, 10) };
}

/** Validated parameter values (from this parser or the API's) as a query with every default filled in. */
export function toDirectoryQuery(values: DirectoryParameterValues): DirectoryQuery {
  const sort = values.sort ?? 'name';
  const filters: DirectoryFilters = {
    ...(values.q ? { search: values.q } : {}),
    ...(values.status && values.status !== 'active' ? { status: values.status } : {}),
    ...(values.initiative ? { initiative: values.initiative } : {}),
    ...(values.country ? { country: values.country } : {}),
    ...(values.category ? { category: values.category } : {}),
    ...(values.sector ? { sector: values.sector } : {}),
    ...(values.commitment ? { commitment: values.commitment } : {}),
    ...(values.evidence ? { evidenceLevel: values.evidence } : {}),
    ...(values.year !== undefined ? { joinedYear: values.year } : {}),
  };
  return {
    filters,
    sort,
    order: values.order ?? defaultOrder(sort),
    page: values.page ?? 1,
    size: values.size ?? 20,
  };
}

/** The canonical query string: fixed parameter order, defaults left out, so equal queries share one URL. */
export function queryString(query: DirectoryQuery): string {
  const { filters } = query;
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.status) params.set('status', filters.status);
  if (filters.initiative) params.set('initiative', filters.initiative);
  if (filters.country) params.set('country', filters.country);
  if (filters.category) params.set('category', filters.category);
  if (filters.sector) params.set('sector', filters.sector);
  if (filters.commitment) params.set('commitment', filters.commitment);
  if (filters.evidenceLevel) params.set('evidence', filters.evidenceLevel);
  if (filters.joinedYear !== undefined) params.set('year', String(filters.joinedYear));
  if (query.sort !== 'name') params.set('sort', query.sort);
  if (query.order !== defaultOrder(query.sort)) params.set('order', query.order);
  if (query.size !== 20) params.set('size', String(query.size));
  if (query.page !== 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function directoryUrl(query: DirectoryQuery): string {
  return `/signatories${queryString(query)}`;
}

/** The first page of the directory, default order, narrowed by the given filters. */
export function filteredDirectoryUrl(filters: DirectoryFilters): string {
  return directoryUrl({ filters, sort: 'name', order: 'asc', page: 1, size: 20 });
}
