/** Latency and throughput measurement of one asynchronous operation. */

export type Operation = (iteration: number) => Promise<unknown>;

export interface MeasureLimits {
  iterations: number;
  warmup: number;
  concurrency: number;
  /** Stops a measurement early after this long, so a slow operation cannot stall the whole run. */
  maxSeconds: number;
}

export interface LatencyStats {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  /** Growth of the cost meter per measured operation (e.g. server CPU microseconds). */
  costPerOperation?: number;
}

export interface ThroughputStats {
  count: number;
  concurrency: number;
  opsPerSecond: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, rank)];
}

/**
 * One operation at a time: per-operation wall time in milliseconds, after a warm-up. `costMeter`, when
 * given, is a cumulative counter read before and after the measured operations (outside their timing).
 */
export async function sequentialLatency(
  operation: Operation,
  limits: MeasureLimits,
  costMeter?: () => Promise<number>,
): Promise<LatencyStats> {
  const warmupDeadline = performance.now() + (limits.maxSeconds * 1000) / 4;
  for (let i = 0; i < limits.warmup && performance.now() < warmupDeadline; i++) await operation(i);
  const samples: number[] = [];
  const costBefore = await costMeter?.();
  const deadline = performance.now() + limits.maxSeconds * 1000;
  for (let i = 0; i < limits.iterations && performance.now() < deadline; i++) {
    const started = performance.now();
    await operation(limits.warmup + i);
    samples.push(performance.now() - started);
  }
  const costAfter = await costMeter?.();
  const total = samples.reduce((sum, value) => sum + value, 0);
  samples.sort((a, b) => a - b);
  return {
    count: samples.length,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    mean: total / samples.length,
    costPerOperation:
      costBefore === undefined || costAfter === undefined
        ? undefined
        : (costAfter - costBefore) / samples.length,
  };
}

/** `concurrency` operations in flight until `iterations` are done (or time is up): operations per second. */
export async function concurrentThroughput(
  operation: Operation,
  limits: MeasureLimits,
): Promise<ThroughputStats> {
  // Warm up at full concurrency too, so the driver's pool has opened its connections before timing.
  const warmupDeadline = performance.now() + (limits.maxSeconds * 1000) / 4;
  await runConcurrently(operation, limits.warmup, limits.concurrency, warmupDeadline);
  const started = performance.now();
  const done = await runConcurrently(
    operation,
    limits.iterations,
    limits.concurrency,
    started + limits.maxSeconds * 1000,
  );
  const seconds = (performance.now() - started) / 1000;
  return { count: done, concurrency: limits.concurrency, opsPerSecond: done / seconds };
}

async function runConcurrently(
  operation: Operation,
  iterations: number,
  concurrency: number,
  deadline: number,
): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < iterations && performance.now() < deadline) {
      const iteration = next;
      next += 1;
      await operation(iteration);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done;
}
