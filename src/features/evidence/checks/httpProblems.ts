import type { HttpOutcome } from './httpClient';
import { problem, type Problem } from './types';

/** What an unsuccessful fetch means: `error` when we could not tell, `invalid` for a definite fault. */
export function fetchFailure(
  outcome: Exclude<HttpOutcome, { kind: 'response' }>,
  url: string,
): { level: 'error' | 'invalid'; found: Problem } {
  switch (outcome.kind) {
    case 'too-large':
      return {
        level: 'invalid',
        found: problem('http.tooLarge', { url, kilobytes: outcome.maxBytes / 1024 }),
      };
    case 'certificate':
      return { level: 'invalid', found: problem('http.certificate', { url, reason: outcome.reason }) };
    case 'no-address':
      return { level: 'invalid', found: problem('http.noAddress', { host: new URL(url).hostname }) };
    case 'private-address':
      return { level: 'error', found: problem('http.privateAddress', { host: new URL(url).hostname }) };
    case 'error':
      return { level: 'error', found: problem('http.unreachable', { url, reason: outcome.reason }) };
  }
}

export const isPlainText = (contentType: string): boolean =>
  contentType.split(';', 1)[0]?.trim().toLowerCase() === 'text/plain';
