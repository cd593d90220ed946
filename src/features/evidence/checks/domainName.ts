import { domainToASCII } from 'node:url';

const labelPattern = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A domain as the checks use it: lower case, ASCII (IDNA), no trailing dot, at least two labels. Reserved
 * names such as `.test` are accepted; IP addresses, URLs and single labels are not. Null when unusable.
 */
export function normaliseDomain(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253 || /[/:@\s]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => labelPattern.test(label))) return null;
  if (/^\d+$/.test(labels[labels.length - 1] as string)) return null;
  return ascii;
}
