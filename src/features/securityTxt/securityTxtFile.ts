import type { Config } from '../../config';

export const SECURITY_TXT_PATH = '/.well-known/security.txt';

/**
 * The registry's own security.txt (RFC 9116): where to report a vulnerability, until when the file holds,
 * the languages reports are read in and, when the public address is known, the file's canonical URL.
 */
export function securityTxtFile(config: Pick<Config, 'securityTxt' | 'baseUrl'>): string {
  const lines = [
    '# Accord Registry: how to report a security vulnerability',
    ...config.securityTxt.contact.map((address) => `Contact: ${address}`),
    `Expires: ${config.securityTxt.expires.toISOString()}`,
    'Preferred-Languages: en, fr',
  ];
  if (config.baseUrl) lines.push(`Canonical: ${new URL(SECURITY_TXT_PATH, config.baseUrl).href}`);
  return `${lines.join('\n')}\n`;
}
