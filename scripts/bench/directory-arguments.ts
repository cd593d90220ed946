import { parseArgs } from 'node:util';
import { z } from 'zod';

const argumentsSchema = z.object({
  sizes: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole numbers')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(1_000_000))),
  duration: z.coerce.number().int().min(1).max(300),
  connections: z.coerce.number().int().min(1).max(1_000),
  warmup: z.coerce.number().int().min(0).max(100_000),
  gzip: z.boolean(),
  profile: z.boolean(),
  only: z.string().optional(),
  'data-dir': z.string().min(1).optional(),
  'server-flags': z.string().optional(),
});
export type BenchArguments = z.infer<typeof argumentsSchema>;

export function readBenchArguments(): BenchArguments {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '500' },
      gzip: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      'data-dir': { type: 'string' },
      'server-flags': { type: 'string' },
    },
  });
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}
