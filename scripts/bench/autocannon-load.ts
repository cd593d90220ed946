import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupRequests: number;
  headers?: Record<string, string>;
  /** When set, request n asks for pathFor(n) instead of the URL's own path. */
  pathFor?: (n: number) => string;
  /** The status every answer must have, when not 2xx (the 404 page). */
  expectStatus?: number;
}

/** Autocannon's per-request hook, when the path should change from one request to the next. */
function varyingPaths(options: LoadOptions): Pick<autocannon.Options, 'requests'> {
  const { pathFor } = options;
  if (!pathFor) return {};
  let n = 0;
  return { requests: [{ setupRequest: (request) => ({ ...request, path: pathFor(n++) }) }] };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** Any non-2xx answer or connection error makes a benchmark meaningless; this says which ones. */
export class LoadError extends Error {
  override name = 'LoadError';
}

function checkClean(url: string, phase: string, result: autocannon.Result, expectStatus?: number): void {
  const expectedOnly =
    expectStatus === undefined
      ? result.non2xx === 0
      : Object.keys(result.statusCodeStats ?? {}).every((code) => code === String(expectStatus));
  if (expectedOnly && result.errors === 0 && result.timeouts === 0) return;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, stats]) => `${code}×${stats.count ?? 0}`)
    .join(', ');
  throw new LoadError(
    `${url} (${phase}): ${result.non2xx} non-2xx responses, ${result.errors} errors, ` +
      `${result.timeouts} timeouts [status codes: ${codes}]`,
  );
}

/** Requests sent (and checked) so caches, JIT and pools are warm before measuring. */
export async function warmUp(url: string, options: LoadOptions): Promise<void> {
  if (options.warmupRequests === 0) return;
  const warmup = await autocannon({
    url,
    connections: options.connections,
    amount: options.warmupRequests,
    headers: options.headers,
    ...varyingPaths(options),
  });
  checkClean(url, 'warm-up', warmup, options.expectStatus);
}

/** Loads the URL for a fixed duration on `connections` keep-alive connections. */
export async function measureLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: options.headers,
    ...varyingPaths(options),
  });
  checkClean(url, 'measurement', result, options.expectStatus);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

export async function runLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  await warmUp(url, options);
  return measureLoad(url, options);
}

export interface FetchedPage {
  status: number;
  /** Bytes of the body as served without compression. */
  bytes: number;
  body: string;
  contentType: string;
  ms: number;
}

/** One request, for sizing a page and checking it before it is put under load. */
export async function fetchPage(url: string, headers: Record<string, string> = {}): Promise<FetchedPage> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers } });
  const raw = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, bytes: raw.length, body: raw.toString('utf8'), contentType, ms };
}
