import type { Document } from 'bson';
import type { Options } from 'mingo/types';
import type { ReadView } from '../storage/api';
import { isExactPlan, isSimpleEquality } from '../storage/planner';
import type { PlanInfo } from '../storage/types';
import { compileFilter } from './matcher';
import { compileProjection, type Projector } from './projection';
import { makeComparator, type CollationSpec, type SortSpec } from './sort';

export interface FindRequest {
  filter?: Document;
  sort?: SortSpec;
  projection?: Document;
  skip?: number;
  /** 0 or undefined: no limit. */
  limit?: number;
  collation?: CollationSpec;
  hint?: string | Record<string, 1 | -1>;
  /** `let` variables. */
  variables?: Record<string, unknown>;
}

export interface FindExecution {
  results: Iterator<Document>;
  plan: PlanInfo;
}

const EMPTY_PLAN: PlanInfo = { stage: 'COLLSCAN', sortCovered: true, keysExamined: 0, docsExamined: 0 };

function* filtered(docs: Iterable<Document>, test: (doc: Document) => boolean): Generator<Document> {
  for (const doc of docs) if (test(doc)) yield doc;
}

function* window(
  docs: Iterable<Document>,
  skip: number,
  limit: number,
  project: Projector,
): Generator<Document> {
  if (limit <= 0) limit = Infinity;
  let skipped = 0;
  let produced = 0;
  for (const doc of docs) {
    if (produced >= limit) return;
    if (skipped < skip) {
      skipped++;
      continue;
    }
    produced++;
    yield project(doc);
  }
}

const TOP_K_LIMIT = 1000;

/** Materialises the matches sorted in BSON order; with a small `keep` only the first `keep` are retained. */
function sortMatches(
  docs: Iterable<Document>,
  compare: (a: Document, b: Document) => number,
  keep: number,
): Document[] {
  if (keep <= 0 || keep > TOP_K_LIMIT) return Array.from(docs).sort(compare);
  const top: Document[] = [];
  for (const doc of docs) {
    if (top.length === keep && compare(doc, top[keep - 1]) >= 0) continue;
    let low = 0;
    let high = top.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(doc, top[middle]) < 0) high = middle;
      else low = middle + 1;
    }
    top.splice(low, 0, doc);
    if (top.length > keep) top.pop();
  }
  return top;
}

/** Runs a find lazily: storage picks candidates, mingo filters, BSON-order sort, skip, limit, projection. */
export function executeFind(
  view: ReadView,
  ns: string,
  request: FindRequest,
  options: Options,
): FindExecution {
  const project = compileProjection(request.projection, request.filter, options);
  const filter = request.filter ?? {};
  // A simple equality cannot fail to compile, so compiling it can wait until the plan shows it is needed.
  const deferred = isSimpleEquality(filter) && !request.collation;
  let matcher = deferred ? undefined : compileFilter(request.filter, options);
  if (!view.getCollection(ns)) return { results: [][Symbol.iterator](), plan: EMPTY_PLAN };
  const scan = view.scan(ns, { filter, sort: request.sort, hint: request.hint });
  if (!matcher && !isExactPlan(scan.plan)) matcher = compileFilter(request.filter, options);
  let stream: Iterable<Document> = matcher ? filtered(scan.docs, matcher.test) : scan.docs;
  const needsSort = request.sort && (!scan.plan.sortCovered || request.collation);
  if (request.sort && needsSort) {
    const keep = request.limit ? (request.skip ?? 0) + request.limit : 0;
    stream = sortMatches(stream, makeComparator(request.sort, request.collation), keep);
  }
  return { results: window(stream, request.skip ?? 0, request.limit ?? 0, project), plan: scan.plan };
}
