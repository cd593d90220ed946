import type { Document } from 'bson';
import type { Catalog } from './catalog';
import { indexTreeAccess, walk } from './walk';
import type { PlanInfo } from './types';

const EARLIEST_DATE = new Date(-8.64e15);

/** Documents whose TTL-indexed date (or earliest date in an array) is older than expireAfterSeconds. */
export function expiredDocuments(catalog: Catalog, now: number): { ns: string; doc: Document }[] {
  const out: { ns: string; doc: Document }[] = [];
  for (const collection of catalog.collections.values()) {
    for (const index of collection.indexes.values()) {
      const seconds = index.spec.expireAfterSeconds;
      if (seconds === undefined) continue;
      const cutoff = new Date(now - seconds * 1000);
      const info: PlanInfo = { stage: 'IXSCAN', sortCovered: false, keysExamined: 0, docsExamined: 0 };
      const interval = {
        prefix: [],
        lo: { value: EARLIEST_DATE, inclusive: true },
        hi: { value: cutoff, inclusive: false },
      };
      const { tree, multikey } = collection.entriesOf(index);
      const access = indexTreeAccess(tree, index.maker.directions);
      for (const doc of walk(access, [interval], false, multikey, info))
        out.push({ ns: collection.ns, doc });
    }
  }
  return out;
}
