import type { Agent } from 'undici';
import type { DnsClient } from './dnsClient';
import { pinnedLookup } from './pinnedLookup';

export type HttpOutcome =
  | { kind: 'response'; status: number; contentType: string; location: string | null; body: string }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'no-address' }
  | { kind: 'private-address'; reason: string }
  | { kind: 'certificate'; reason: string }
  | { kind: 'error'; reason: string };

export interface HttpClient {
  /** One GET, redirects not followed, body read up to `maxBytes`; the deadline spans every call given it. */
  get(url: string, maxBytes: number, deadline: AbortSignal): Promise<HttpOutcome>;
  /** A deadline for one check's fetches: 10 s by default. */
  deadline(): AbortSignal;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  dns: DnsClient;
  allowPrivateAddresses: boolean;
  /** Every HTTPS fetch goes to this port instead of 443 (tests). */
  httpsPort?: number;
  totalTimeoutMs?: number;
  /** Certificate authorities to trust instead of Node's (tests); otherwise Node's, with NODE_EXTRA_CA_CERTS. */
  ca?: string;
}

const certificateCodes = /^(CERT_|ERR_TLS_CERT|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/;

function classify(error: unknown, deadline: AbortSignal): HttpOutcome {
  if (deadline.aborted) return { kind: 'error', reason: 'timeout' };
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name ?? 'EUNKNOWN';
  if (code === 'EPRIVATEADDRESS') return { kind: 'private-address', reason: (error as Error).message };
  if (code === 'ENOTFOUND' || code === 'ENODATA') return { kind: 'no-address' };
  if (certificateCodes.test(code)) return { kind: 'certificate', reason: code };
  return { kind: 'error', reason: code };
}

const firstHeader = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value) ?? null;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const totalTimeoutMs = options.totalTimeoutMs ?? 10_000;
  // undici is loaded with the first check, not when the server starts.
  let agent: Promise<Agent> | null = null;
  const agentOnce = (): Promise<Agent> =>
    (agent ??= import('undici').then(
      ({ Agent }) =>
        new Agent({
          connect: {
            lookup: pinnedLookup(options.dns, options.allowPrivateAddresses),
            timeout: totalTimeoutMs,
            ...(options.ca ? { ca: options.ca } : {}),
          },
          headersTimeout: totalTimeoutMs,
          bodyTimeout: totalTimeoutMs,
          keepAliveTimeout: 1_000,
        }),
    ));

  async function get(url: string, maxBytes: number, deadline: AbortSignal): Promise<HttpOutcome> {
    const target = new URL(url);
    if (options.httpsPort) target.port = String(options.httpsPort);
    try {
      const [{ request }, dispatcher] = await Promise.all([import('undici'), agentOnce()]);
      const response = await request(target, {
        dispatcher,
        signal: deadline,
        headers: { 'user-agent': 'AccordRegistry-EvidenceCheck/1', accept: 'text/plain' },
      });
      const declared = Number(firstHeader(response.headers['content-length']) ?? 0);
      const chunks: Buffer[] = [];
      let size = declared;
      if (declared <= maxBytes) {
        size = 0;
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > maxBytes) break;
          chunks.push(chunk);
        }
      }
      if (size > maxBytes) {
        response.body.destroy();
        return { kind: 'too-large', maxBytes };
      }
      return {
        kind: 'response',
        status: response.statusCode,
        contentType: firstHeader(response.headers['content-type']) ?? '',
        location: firstHeader(response.headers.location),
        body: Buffer.concat(chunks).toString('utf8'),
      };
    } catch (error) {
      return classify(error, deadline);
    }
  }

  return {
    get,
    deadline: () => AbortSignal.timeout(totalTimeoutMs),
    close: async () => {
      await (await agent)?.close();
    },
  };
}
