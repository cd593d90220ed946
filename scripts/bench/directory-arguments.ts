import { z } from 'zod';
import type { LoadOptions } from './autocannon-load';
import { readArguments } from './bench-cli';

const directoryArguments = {
  sizes: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole numbers')
    .default('10000')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(1_000_000))),
  duration: z.coerce.number().int().min(1).max(300).default(10),
  connections: z.coerce.number().int().min(1).max(1_000).default(32),
  warmup: z.coerce.number().int().min(0).max(100_000).default(500),
  gzip: z.boolean().default(false),
  profile: z.boolean().default(false),
  only: z.string().optional(),
  'data-dir': z.string().min(1).optional(),
  'server-flags': z.string().optional(),
};
export type BenchArguments = ReturnType<typeof readBenchArguments>;

/** The arguments bench:directory and bench:opendata share. */
export function readBenchArguments() {
  return readArguments(directoryArguments, ['gzip', 'profile']);
}

/** The load generator's options from those arguments. */
export function loadOptionsOf(args: BenchArguments): LoadOptions {
  return {
    connections: args.connections,
    durationSeconds: args.duration,
    warmupRequests: args.warmup,
    headers: args.gzip ? { 'accept-encoding': 'gzip' } : undefined,
  };
}
