import type { InitiativeSlug } from '../../reference/initiatives';
import type { DirectoryReadModel } from '../directory/readModel';
import { computeStatistics } from './computeStatistics';
import { loadStatisticsInput } from './loadStatisticsInput';
import type { StatisticsInput } from './statisticsInput';
import type { Statistics } from './statisticsSchema';

export interface CurrentStatistics {
  statistics: Statistics;
  /** The registry version the figures were computed from (for ETags and caches). */
  version: string;
  changedAt: Date;
}

/**
 * The statistics of the directory's current copy: the extra data is loaded once per registry version and
 * the figures computed once per version and initiative, so every app server answers from memory.
 */
export class StatisticsService {
  private loaded: { version: string; input: Promise<StatisticsInput> } | null = null;
  private computed = new Map<string, Statistics>();

  constructor(private readonly readModel: DirectoryReadModel) {}

  async current(initiative: InitiativeSlug | null = null): Promise<CurrentStatistics> {
    const snapshot = await this.readModel.current();
    if (this.loaded?.version !== snapshot.token) {
      const input = loadStatisticsInput(snapshot.entries);
      this.loaded = { version: snapshot.token, input };
      this.computed = new Map();
      // A failed load is forgotten, so the next request tries again.
      input.catch(() => {
        if (this.loaded?.input === input) this.loaded = null;
      });
    }
    const { version, input } = this.loaded;
    const computed = this.computed;
    const key = initiative ?? '';
    let statistics = computed.get(key);
    if (!statistics) {
      statistics = computeStatistics(await input, initiative);
      computed.set(key, statistics);
    }
    return { statistics, version, changedAt: snapshot.changedAt };
  }
}
