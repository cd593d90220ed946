export {
  describeSeed,
  seedOnFirstStart,
  seedRegistry,
  type SeedOptions,
  type SeedReport,
} from './seedRegistry';
export { generateSyntheticRegistry } from './synthetic';
export { seedDataDir } from './dataFiles';
