import { startEngine } from '../engine';

export interface EmbeddedEngine {
  readonly uri: string;
  stop(): Promise<void>;
}

/** The only import of the engine from the application side. */
export async function startEmbeddedEngine(dataDir: string | undefined): Promise<EmbeddedEngine> {
  const engine = await startEngine(dataDir ? { dataDir } : {});
  return { uri: engine.uri, stop: () => engine.stop() };
}
