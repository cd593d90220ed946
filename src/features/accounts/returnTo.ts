/** Only our own paths: one leading slash, no scheme-relative `//`, no backslash tricks, no whitespace. */
const OWN_PATH = /^\/(?![/\\])[^\s\\]*$/;

export function safeReturnTo(value: unknown, fallback = '/account'): string {
  return typeof value === 'string' && value.length <= 2000 && OWN_PATH.test(value) ? value : fallback;
}
