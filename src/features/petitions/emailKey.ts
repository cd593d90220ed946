import { domainToASCII } from 'node:url';

/**
 * The form of an address that decides "the same e-mail": trimmed, Unicode-normalised, lower case, the
 * domain in its ASCII (punycode) form and any `+tag` sub-address dropped, since it reaches the same mailbox.
 */
export function emailKeyOf(address: string): string {
  const normalised = address.normalize('NFKC').trim().toLowerCase();
  const at = normalised.lastIndexOf('@');
  if (at <= 0) return normalised;
  const local = normalised.slice(0, at);
  const domain = normalised.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  const mailbox = plus > 0 ? local.slice(0, plus) : local;
  return `${mailbox}@${domainToASCII(domain) || domain}`;
}
