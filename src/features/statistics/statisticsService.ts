import type { InitiativeSlug } from '../../reference/initiatives';
import type { DirectoryReadModel } from '../directory/readModel';
import { computeStatistics } from './computeStatistics';
import { loadStatisticsInput } from './loadStatisticsInput';
import { mapGeometry } from './mapGeometry';
import type { StatisticsInput, StatisticsOrganisation } from './statisticsInput';
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
  /** Figures per initiative filter, for the input they were computed from. */
  private computed = new WeakMap<StatisticsInput, Map<string, Statistics>>();
  private bySlug: { input: StatisticsInput; organisations: Map<string, StatisticsOrganisation> } | null =
    null;

  private loadCount = 0;

  constructor(private readonly readModel: DirectoryReadModel) {}

  /** How many times this process has loaded the statistics' input: once per registry version. */
  get loads(): number {
    return this.loadCount;
  }

  /** Loads the figures and projects the map ahead of the first visitor (at server start). */
  async warm(): Promise<void> {
    await this.current();
    mapGeometry();
  }

  async current(initiative: InitiativeSlug | null = null): Promise<CurrentStatistics> {
    const { version, changedAt, input } = await this.load();
    let computed = this.computed.get(input);
    if (!computed) {
      computed = new Map();
      this.computed.set(input, computed);
    }
    const key = initiative ?? '';
    let statistics = computed.get(key);
    if (!statistics) {
      statistics = computeStatistics(input, initiative);
      computed.set(key, statistics);
    }
    return { statistics, version, changedAt };
  }

  /** One active organisation's statistics record (dated memberships), or undefined. */
  async organisation(slug: string) {
    const { version, changedAt, input } = await this.load();
    if (this.bySlug?.input !== input) {
      const organisations = new Map(
        input.organisations.map((organisation) => [organisation.slug, organisation]),
      );
      this.bySlug = { input, organisations };
    }
    return { organisation: this.bySlug.organisations.get(slug), version, changedAt };
  }

  private async load() {
    const snapshot = await this.readModel.current();
    if (this.loaded?.version !== snapshot.token) {
      const input = loadStatisticsInput(snapshot.entries);
      this.loadCount += 1;
      this.loaded = { version: snapshot.token, input };
      // A failed load is forgotten, so the next request tries again.
      input.catch(() => {
        if (this.loaded?.input === input) this.loaded = null;
      });
    }
    const { version, input } = this.loaded;
    return { version, changedAt: snapshot.changedAt, input: await input };
  }
}
