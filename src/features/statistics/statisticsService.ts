import type { InitiativeSlug } from '../../reference/initiatives';
import type { DirectoryReadModel } from '../directory/readModel';
import { computeStatistics } from './computeStatistics';
import { StatisticsEvidence } from './evidenceResults';
import { loadStatisticsInput } from './loadStatisticsInput';
import { prepareMapGeometry } from './mapGeometry';
import type { StatisticsInput, StatisticsOrganisation } from './statisticsInput';
import type { Statistics } from './statisticsSchema';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  /** The evidence results, kept between versions and updated with the changed evidence only. */
  readonly evidence = new StatisticsEvidence();
  /** Set once a request asks for the figures: a warm-up in progress then stops stepping aside. */
  private wanted = false;

  constructor(private readonly readModel: DirectoryReadModel) {}

  /** How many times this process has loaded the statistics' input: once per registry version. */
  get loads(): number {
    return this.loadCount;
  }

  /**
   * Loads the figures and projects the map ahead of the first visitor (at server start), awaiting
   * `whenIdle` between steps so visitors arriving meanwhile are not kept waiting; once a visitor asks for
   * the statistics, the remaining steps only let other requests through.
   */
  async warm(whenIdle: () => Promise<void> = nextTurn): Promise<void> {
    const pause = () => (this.wanted ? nextTurn() : whenIdle());
    await this.figures(null, pause);
    await prepareMapGeometry(pause);
  }

  async current(initiative: InitiativeSlug | null = null): Promise<CurrentStatistics> {
    this.wanted = true;
    return this.figures(initiative, nextTurn);
  }

  private async figures(initiative: InitiativeSlug | null, pause: () => Promise<void>): Promise<CurrentStatistics> {
    const { version, changedAt, input } = await this.load(pause);
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
    this.wanted = true;
    const { version, changedAt, input } = await this.load(nextTurn);
    if (this.bySlug?.input !== input) {
      const organisations = new Map(
        input.organisations.map((organisation) => [organisation.slug, organisation]),
      );
      this.bySlug = { input, organisations };
    }
    return { organisation: this.bySlug.organisations.get(slug), version, changedAt };
  }

  private async load(pause: () => Promise<void>) {
    const snapshot = await this.readModel.current();
    if (this.loaded?.version !== snapshot.token) {
      const input = loadStatisticsInput(snapshot.entries, this.evidence, pause);
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
