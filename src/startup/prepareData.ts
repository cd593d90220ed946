import type { Services } from '../services';
import { loadReferenceData } from '../reference/loadReferenceData';
import { describeSeed, seedOnFirstStart } from '../seed';
import { dropObsoleteIndexes } from './dropObsoleteIndexes';

/** Reference data on every start (idempotent); the demo registry only into an empty one, when enabled. */
export async function prepareData(services: Pick<Services, 'config' | 'logger' | 'recordChange' | 'pledges'>): Promise<void> {
  const { config, logger } = services;
  await dropObsoleteIndexes(logger);
  if (!config.seedDemoData) {
    await loadReferenceData();
    return;
  }
  const report = await seedOnFirstStart({ writers: services });
  for (const line of describeSeed(report)) logger.info(`seed: ${line}`);
}
