import { ConfigError, configWarnings, loadConfig } from '../../src/config';

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('gives development defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      dataDir: './data/db',
      isProduction: false,
    });
    expect(config.mongodbUri).toBeUndefined();
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.rateLimit)).toBe(true);
  });

  it('refuses to start production without a session secret, saying what to do', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET.*at least 32 characters/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x' })).toThrow(
      /PORT[\s\S]*MONGODB_URI/,
    );
  });

  it('seeds demo data by default except in production, unless told otherwise', () => {
    expect(loadConfig({}).seedDemoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).seedDemoData).toBe(false);
    expect(loadConfig({ SEED_DEMO_DATA: 'false' }).seedDemoData).toBe(false);
    expect(() => loadConfig({ SEED_DEMO_DATA: 'yes' })).toThrow(/SEED_DEMO_DATA/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', BASE_URL: '' }).mongodbUri).toBeUndefined();
  });

  it('warns loudly when production runs on the embedded engine', () => {
    const embedded = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret });
    expect(configWarnings(embedded).join()).toMatch(/EMBEDDED DEVELOPMENT DATABASE ENGINE.*MONGODB_URI/);
    const real = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: secret,
      MONGODB_URI: 'mongodb://db:27017/x',
    });
    expect(configWarnings(real)).toEqual([]);
    expect(configWarnings(loadConfig({}))).toEqual([]);
  });

  it('hashes passwords at the recommended argon2id cost unless told otherwise, and never below the minimum in production', () => {
    expect(loadConfig({}).passwordHashing).toEqual({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).passwordHashing).toEqual({
      memoryKiB: 65_536,
      iterations: 3,
      parallelism: 4,
    });
    const light = { PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1', PASSWORD_HASH_PARALLELISM: '1' };
    expect(loadConfig({ NODE_ENV: 'test', ...light }).passwordHashing).toEqual({ memoryKiB: 1024, iterations: 1, parallelism: 1 });
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, ...light })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, PASSWORD_HASH_ITERATIONS: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ PASSWORD_HASH_MEMORY_KIB: '512' })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
  });
});
