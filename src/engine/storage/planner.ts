import type { Document } from 'bson';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';
import type { ScanRequest, ScanResult } from './api';
import type { Collection } from './collection';
import { bracket, distinctSorted, extractConditions, type FieldCondition } from './conditions';
import { sameKeyPattern } from './index-specs';
import type { PlanInfo } from './types';
import {
  collectionScan,
  compareIntervals,
  idLookup,
  idTreeAccess,
  indexTreeAccess,
  walk,
  type Interval,
  type TreeAccess,
} from './walk';

/** An index as the planner sees it. */
interface Candidate {
  name: string;
  key: Record<string, 1 | -1>;
  fields: string[];
  directions: number[];
  unique: boolean;
  multikey: boolean;
  sparse: boolean;
  partial?: Document;
  access: TreeAccess;
}

interface Choice {
  candidate: Candidate;
  intervals: Interval[];
  usedFields: number;
  allSinglePoints: boolean;
  sortCovered: boolean;
  reverse: boolean;
}

const MAX_INTERVALS = 10_000;

function candidatesOf(collection: Collection): Candidate[] {
  const list: Candidate[] = [
    {
      name: '_id_',
      key: { _id: 1 },
      fields: ['_id'],
      directions: [1],
      unique: true,
      multikey: false,
      sparse: false,
      access: idTreeAccess(collection.docs),
    },
  ];
  for (const index of collection.indexes.values()) {
    const { spec, maker } = index;
    if (spec.collation) continue;
    // The entries are read (and an index read back from disk built) only if the plan looks at them.
    list.push({
      name: spec.name,
      key: spec.key,
      fields: maker.fields,
      directions: maker.directions,
      unique: spec.unique === true,
      get multikey() {
        return collection.entriesOf(index).multikey;
      },
      sparse: spec.sparse === true,
      partial: spec.partialFilterExpression,
      get access() {
        return indexTreeAccess(collection.entriesOf(index).tree, maker.directions);
      },
    });
  }
  return list;
}

/** A partial index is used only when the filter repeats each of its conditions verbatim. */
function partialSatisfied(partial: Document | undefined, filter: Document): boolean {
  if (!partial) return true;
  return Object.entries(partial).every(([field, value]) => compareBson(filter[field], value) === 0);
}

function sortCoverage(
  c: Candidate,
  eqPrefix: number,
  sort: [string, number][],
): { covered: boolean; reverse: boolean } {
  if (sort.length === 0) return { covered: true, reverse: false };
  const constant = new Set(c.fields.slice(0, eqPrefix));
  const rest = sort.filter(([field]) => !constant.has(field));
  const ratio = rest.length === 0 ? 1 : rest[0][1] * c.directions[eqPrefix];
  const inOrder = rest.every(
    ([field, direction], i) =>
      c.fields[eqPrefix + i] === field && direction * c.directions[eqPrefix + i] === ratio,
  );
  // Asked last: a multikey index never serves a sort, but finding out may build an unbuilt index.
  const covered = inOrder && !c.multikey;
  return { covered, reverse: covered && ratio < 0 };
}

function choose(
  c: Candidate,
  conditions: Map<string, FieldCondition>,
  sort: [string, number][],
  forced: boolean,
): Choice | undefined {
  let prefixes: unknown[][] = [[]];
  let eqPrefix = 0;
  let usedFields = 0;
  let singles = true;
  let range: FieldCondition | undefined;
  for (const field of c.fields) {
    const condition = conditions.get(field);
    if (!condition) break;
    if (condition.points) {
      const points = distinctSorted(condition.points);
      if (c.sparse && points.some((p) => p === null || p === undefined)) break;
      if (prefixes.length * points.length > MAX_INTERVALS) break;
      prefixes = prefixes.flatMap((prefix) => points.map((p) => [...prefix, p]));
      usedFields++;
      singles &&= points.length === 1;
      if (singles) eqPrefix++;
      continue;
    }
    const useful = c.multikey && condition.lo && condition.hi ? { lo: condition.lo } : condition;
    range = bracket(useful);
    usedFields++;
    break;
  }
  if (usedFields === 0 && !forced) {
    const { covered, reverse } = sortCoverage(c, 0, sort);
    if (sort.length === 0 || !covered || c.sparse || c.partial) return undefined;
    return {
      candidate: c,
      intervals: [{ prefix: [] }],
      usedFields,
      allSinglePoints: false,
      sortCovered: true,
      reverse,
    };
  }
  const intervals: Interval[] =
    usedFields === 0 ? [{ prefix: [] }] : prefixes.map((prefix) => ({ prefix, ...range }));
  intervals.sort(compareIntervals(c.directions));
  const { covered, reverse } = sortCoverage(c, eqPrefix, sort);
  return {
    candidate: c,
    intervals,
    usedFields,
    allSinglePoints: singles && !range && usedFields === c.fields.length,
    sortCovered: covered,
    reverse,
  };
}

function score(choice: Choice): number {
  const unique = choice.candidate.unique && choice.allSinglePoints ? 1000 : 0;
  return (
    unique + choice.usedFields * 10 + (choice.sortCovered ? 5 : 0) - choice.candidate.fields.length * 0.01
  );
}

function findHinted(candidates: Candidate[], hint: string | Record<string, 1 | -1>): Candidate {
  const found = candidates.find((c) =>
    typeof hint === 'string' ? c.name === hint : sameKeyPattern(c.key, hint),
  );
  if (!found) throw new CommandError('BadValue', 'hint provided does not correspond to an existing index');
  return found;
}

function naturalHint(hint: ScanRequest['hint']): number | undefined {
  if (!hint || typeof hint === 'string' || !('$natural' in hint)) return undefined;
  return Number(hint.$natural) < 0 ? -1 : 1;
}

function emptyInfo(stage: PlanInfo['stage'], indexName: string | undefined, sortCovered: boolean): PlanInfo {
  const info: PlanInfo = { stage, sortCovered, keysExamined: 0, docsExamined: 0 };
  if (indexName) info.indexName = indexName;
  return info;
}

/** More keys than this in the filter's best index, and an index serving the sort is preferred instead. */
const SORT_PROBE_KEYS = 1000;

function hasAtLeast(choice: Choice, wanted: number): boolean {
  const probe = emptyInfo('IXSCAN', undefined, false);
  let seen = 0;
  for (const doc of walk(
    choice.candidate.access,
    choice.intervals,
    false,
    choice.candidate.multikey,
    probe,
  )) {
    void doc;
    if (++seen >= wanted) return true;
  }
  return false;
}

/**
 * The most selective index for the filter; but when it cannot serve the sort and matches many documents,
 * an index in sort order wins, as MongoDB's plan race would pick it for a sorted, limited query.
 */
function pickBest(
  candidates: Candidate[],
  conditions: Map<string, FieldCondition>,
  sort: [string, number][],
  filter: Document,
): Choice | undefined {
  let best: Choice | undefined;
  let bestSorted: Choice | undefined;
  for (const candidate of candidates) {
    if (!partialSatisfied(candidate.partial, filter)) continue;
    const choice = choose(candidate, conditions, sort, false);
    if (!choice) continue;
    if (!best || score(choice) > score(best)) best = choice;
    if (choice.sortCovered && (!bestSorted || score(choice) > score(bestSorted))) bestSorted = choice;
  }
  if (best && bestSorted && sort.length > 0 && !best.sortCovered && hasAtLeast(best, SORT_PROBE_KEYS)) {
    return bestSorted;
  }
  return best;
}

function isExactScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return !Number.isNaN(value);
    case 'object':
      return value instanceof Date || (value as { _bsontype?: unknown } | null)?._bsontype === 'ObjectId';
    default:
      return false;
  }
}

/** `{ field: scalar, ... }` on top-level fields: what an index can answer exactly, and never an invalid filter. */
export function isSimpleEquality(filter: Document): boolean {
  const fields = Object.keys(filter);
  if (fields.length === 0) return false;
  return fields.every(
    (field) => !field.startsWith('$') && !field.includes('.') && isExactScalar(filter[field]),
  );
}

/** The plans whose documents are exactly the filter's matches, so the caller need not test them again. */
const exactPlans = new WeakSet<PlanInfo>();

export function isExactPlan(plan: PlanInfo): boolean {
  return exactPlans.has(plan);
}

/** Single points on exactly the leading fields of a non-multikey, non-partial index, one per filter field. */
function answersExactly(choice: Choice, filter: Document): boolean {
  const { candidate } = choice;
  if (candidate.multikey || candidate.partial || !isSimpleEquality(filter)) return false;
  const fields = Object.keys(filter);
  if (choice.usedFields !== fields.length || choice.intervals.length !== 1) return false;
  const leading = new Set(candidate.fields.slice(0, fields.length));
  return fields.every((field) => leading.has(field));
}

/** Chooses how to answer a query and returns its candidate documents lazily. */
export function planScan(collection: Collection, request: ScanRequest): ScanResult {
  const sort = Object.entries(request.sort ?? {});
  const natural = naturalHint(request.hint);
  if (natural !== undefined) {
    const info = emptyInfo('COLLSCAN', undefined, sort.length === 0);
    return { docs: collectionScan(collection.docs, natural < 0, info), plan: info };
  }
  const conditions = extractConditions(request.filter ?? {});
  const candidates = candidatesOf(collection);
  const best = request.hint
    ? choose(findHinted(candidates, request.hint), conditions, sort, true)
    : pickBest(candidates, conditions, sort, request.filter ?? {});
  if (!best) {
    const info = emptyInfo('COLLSCAN', undefined, sort.length === 0);
    return { docs: collectionScan(collection.docs, false, info), plan: info };
  }
  const { candidate, intervals, reverse } = best;
  const idHack = candidate.name === '_id_' && best.allSinglePoints && !request.hint;
  const info = emptyInfo(idHack ? 'IDHACK' : 'IXSCAN', candidate.name, best.sortCovered || idHack);
  if (answersExactly(best, request.filter ?? {})) exactPlans.add(info);
  if (idHack) return { docs: idLookup(collection.docs, intervals[0].prefix[0], info), plan: info };
  const walkReverse = best.sortCovered && reverse;
  return { docs: walk(candidate.access, intervals, walkReverse, candidate.multikey, info), plan: info };
}
