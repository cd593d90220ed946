import { z } from 'zod';
import type { CheckContextOptions } from './context';

/** Variables set to nothing (as in .env.example) count as unset. */
export const withoutEmpty = (environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));

const serverPattern = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])(:\d{1,5})?$/;

const environmentSchema = z.object({
  NODE_ENV: z.string().optional(),
  DNS_SERVERS: z
    .string()
    .optional()
    .transform((list) =>
      (list ?? '')
        .split(',')
        .map((server) => server.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(serverPattern, 'DNS_SERVERS: comma-separated host:port addresses'))),
  VERIFY_HTTPS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  VERIFY_ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false', '']).optional(),
  VERIFY_DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
  VERIFY_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

/**
 * The checks' settings from the environment. Private, loopback and link-local targets stay refused in
 * production whatever VERIFY_ALLOW_PRIVATE_ADDRESSES says: it exists for tests against local peers.
 */
export function checkOptionsFromEnvironment(environment: NodeJS.ProcessEnv): CheckContextOptions {
  const parsed = environmentSchema.parse(withoutEmpty(environment));
  return {
    dnsServers: parsed.DNS_SERVERS,
    dnsTimeoutMs: parsed.VERIFY_DNS_TIMEOUT_MS,
    httpsPort: parsed.VERIFY_HTTPS_PORT,
    httpTimeoutMs: parsed.VERIFY_HTTP_TIMEOUT_MS,
    allowPrivateAddresses:
      parsed.VERIFY_ALLOW_PRIVATE_ADDRESSES === 'true' && parsed.NODE_ENV !== 'production',
  };
}
