import type { Document } from 'bson';

export type IndexDirection = 1 | -1;

export interface IndexSpec {
  name: string;
  key: Record<string, IndexDirection>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  collation?: Document;
}

/** What explain and the planner report about how a query was answered. */
export interface PlanInfo {
  stage: 'COLLSCAN' | 'IXSCAN' | 'IDHACK';
  indexName?: string;
  /** True when the index order already satisfies the requested sort. */
  sortCovered: boolean;
  keysExamined: number;
  docsExamined: number;
}
