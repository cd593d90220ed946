import { problem, type Problem } from './types';

export interface SecurityTxtFields {
  signed: boolean;
  contact: string[];
  expires: string[];
  preferredLanguages: string[];
  canonical: string[];
  policy: string[];
  encryption: string[];
  acknowledgments: string[];
  hiring: string[];
}

const fieldKeys: Record<string, keyof Omit<SecurityTxtFields, 'signed'>> = {
  contact: 'contact',
  expires: 'expires',
  'preferred-languages': 'preferredLanguages',
  canonical: 'canonical',
  policy: 'policy',
  encryption: 'encryption',
  acknowledgments: 'acknowledgments',
  hiring: 'hiring',
};

/** The cleartext of an OpenPGP cleartext-signed message (RFC 4880 §7), dash-escaping removed. */
function signedText(lines: string[]): string[] | null {
  if (lines[0]?.trim() !== '-----BEGIN PGP SIGNED MESSAGE-----') return null;
  const start = lines.findIndex((line) => line.trim() === '') + 1;
  const end = lines.findIndex((line) => line.trim() === '-----BEGIN PGP SIGNATURE-----');
  if (start === 0 || end < start) return [];
  return lines.slice(start, end).map((line) => (line.startsWith('- ') ? line.slice(2) : line));
}

export function parseSecurityTxt(text: string): SecurityTxtFields {
  const lines = text.split(/\r?\n/);
  const cleartext = signedText(lines);
  const fields: SecurityTxtFields = {
    signed: cleartext !== null,
    contact: [],
    expires: [],
    preferredLanguages: [],
    canonical: [],
    policy: [],
    encryption: [],
    acknowledgments: [],
    hiring: [],
  };
  for (const line of cleartext ?? lines) {
    const match = /^([A-Za-z0-9-]+):\s*(.*?)\s*$/.exec(line);
    const key = match?.[1] ? fieldKeys[match[1].toLowerCase()] : undefined;
    if (key && match?.[2] !== undefined) fields[key].push(match[2]);
  }
  return fields;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const isUri = (value: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value) && URL.canParse(value);

/** Faults that make the file invalid (RFC 9116 §2.5): the level is `invalid` whenever this is not empty. */
export function securityTxtErrors(fields: SecurityTxtFields, fetchedFrom: string): Problem[] {
  const errors: Problem[] = [];
  if (fields.contact.length === 0) errors.push(problem('securityTxt.noContact'));
  for (const contact of fields.contact) {
    if (!isUri(contact)) errors.push(problem('securityTxt.contactNotUri', { value: contact }));
  }
  if (fields.expires.length === 0) errors.push(problem('securityTxt.noExpires'));
  if (fields.expires.length > 1)
    errors.push(problem('securityTxt.severalExpires', { count: fields.expires.length }));
  const [expires] = fields.expires;
  if (fields.expires.length === 1 && expires !== undefined && !rfc3339.test(expires)) {
    errors.push(problem('securityTxt.badExpires', { value: expires }));
  }
  if (fields.preferredLanguages.length > 1) errors.push(problem('securityTxt.severalPreferredLanguages'));
  if (fields.canonical.length > 0 && !fields.canonical.includes(fetchedFrom)) {
    errors.push(problem('securityTxt.canonicalMismatch', { url: fetchedFrom }));
  }
  return errors;
}
