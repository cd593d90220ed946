import { createRequire } from 'node:module';
import { lazyModule } from '../../src/lazyModule';

describe('lazyModule', () => {
  it('loads its package on the first call only, and hands out the same module after', () => {
    const nodeRequire = createRequire(__filename);
    const entry = nodeRequire.resolve('pino-pretty');
    // Only a development server on a terminal loads pino-pretty; nothing in this process has yet.
    expect(nodeRequire.cache[entry]).toBeUndefined();
    const pretty = lazyModule<typeof import('pino-pretty')>('pino-pretty');
    expect(nodeRequire.cache[entry]).toBeUndefined();

    const loaded = pretty();
    expect(nodeRequire.cache[entry]?.exports).toBe(loaded);
    expect(typeof loaded.prettyFactory).toBe('function');
    expect(pretty()).toBe(loaded);
  });
});
