import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';
export const languageCookie = 'lang';
const oneYearMs = 31_536_000_000;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** Every `<lang>/<namespace>.json` under the locales folder; features add namespaces by adding files. */
export function readLocaleResources(localesDir: string): Resource {
  const resources: Resource = {};
  for (const language of languages) {
    resources[language] = {};
    for (const file of fs.readdirSync(path.join(localesDir, language))) {
      if (!file.endsWith('.json')) continue;
      const content: unknown = JSON.parse(fs.readFileSync(path.join(localesDir, language, file), 'utf8'));
      resources[language][path.basename(file, '.json')] = content as Resource[string][string];
    }
  }
  return resources;
}

export type MissingKeyListener = (language: string, namespace: string, key: string) => void;

export function createI18n(localesDir: string, onMissingKey?: MissingKeyListener): i18n {
  const resources = readLocaleResources(localesDir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    supportedLngs: [...languages],
    fallbackLng: false,
    ns: Object.keys(resources[defaultLanguage] ?? {}),
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    saveMissing: Boolean(onMissingKey),
    saveMissingTo: 'current',
    missingKeyHandler: (lngs, ns, key) => lngs.forEach((lng) => onMissingKey?.(lng, ns, key)),
  });
  return instance;
}

const MEMOISED_CALLS = 10_000;

/**
 * The same translator, remembering what it returned for each key and options: the texts are loaded once at
 * start, and a directory page asks for the same labels hundreds of times, each costing i18next a key parse,
 * an options object and a lookup.
 */
export function memoised(t: TFunction): TFunction {
  const known = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => string;
  const translate = (...args: unknown[]): string => {
    const memoKey = memoKeyOf(args);
    if (memoKey === null) return call(...args);
    let text = known.get(memoKey);
    if (text === undefined) {
      text = call(...args);
      // Values typed by visitors cannot grow it without bound: a full memo starts again.
      if (known.size >= MEMOISED_CALLS) known.clear();
      known.set(memoKey, text);
    }
    return text;
  };
  return Object.assign(translate, t) as unknown as TFunction;
}

/**
 * The memo key of a call whose result depends only on its arguments: a key, with or without options whose
 * values are all strings or numbers (a default text, interpolated values, a count); otherwise null.
 */
function memoKeyOf(args: unknown[]): string | null {
  const [key, options] = args;
  if (typeof key !== 'string') return null;
  if (args.length === 1) return key;
  if (args.length !== 2 || typeof options !== 'object' || options === null) return null;
  for (const value of Object.values(options)) {
    if (typeof value !== 'string' && typeof value !== 'number') return null;
  }
  return `${key}\0${JSON.stringify(options)}`;
}

/** `lang` from the query string, read only when the address mentions it (most do not). */
function queryLanguage(req: Parameters<RequestHandler>[0]): unknown {
  return req.url.includes('lang=') ? req.query['lang'] : undefined;
}

/** `?lang=` (remembered in a cookie), else the cookie, else Accept-Language, else English. */
export function setUpI18n(instance: i18n, secureCookies: boolean): RequestHandler {
  const translators = new Map(languages.map((lang) => [lang, memoised(instance.getFixedT(lang))]));
  return (req, res, next) => {
    const cookieLang = (req.cookies as Record<string, unknown> | undefined)?.[languageCookie];
    const queryLang = queryLanguage(req);
    let lang: Language = defaultLanguage;
    if (isLanguage(queryLang)) {
      lang = queryLang;
      if (cookieLang !== queryLang) rememberLanguage(res, queryLang, secureCookies);
    } else if (isLanguage(cookieLang)) lang = cookieLang;
    else {
      const accepted = req.headers['accept-language'] ? req.acceptsLanguages(...languages) : false;
      if (isLanguage(accepted)) lang = accepted;
    }
    const t = translators.get(lang) ?? instance.getFixedT(lang);
    req.language = lang;
    req.t = t;
    res.locals.lang = lang;
    res.locals.t = t;
    res.locals.currentPath = req.path;
    res.locals.languageUrls = lazyLanguageUrls(req.originalUrl);
    next();
  };
}

/**
 * The current URL in each language, worked out on first read: only rendered pages read them, not assets,
 * probes or cached pages. The getters live on the prototype, defined once: an accessor defined on each
 * request's own object gives every object a hidden class of its own, which kept each request's objects
 * alive past the young generation's collections.
 */
class LanguageUrls {
  #urls: Record<Language, string> | undefined;
  constructor(private readonly originalUrl: string) {}
  of(lang: Language): string {
    this.#urls ??= languageUrls(this.originalUrl);
    return this.#urls[lang];
  }
}
for (const lang of languages) {
  Object.defineProperty(LanguageUrls.prototype, lang, {
    enumerable: true,
    get(this: LanguageUrls) {
      return this.of(lang);
    },
  });
}

const lazyLanguageUrls = (originalUrl: string): Record<Language, string> =>
  new LanguageUrls(originalUrl) as unknown as Record<Language, string>;

export function rememberLanguage(
  res: Parameters<RequestHandler>[1],
  lang: Language,
  secureCookies: boolean,
): void {
  res.cookie(languageCookie, lang, {
    maxAge: oneYearMs,
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies,
  });
}

/** A path with no query string that the URL parser would leave as it is (and not `//host`). */
const plainPath = /^\/(?![/\\])[\w\-.~/%]*$/;

/** The current URL in each language, other query parameters kept, for links that work without JavaScript. */
export function languageUrls(originalUrl: string): Record<Language, string> {
  if (plainPath.test(originalUrl)) return { en: `${originalUrl}?lang=en`, fr: `${originalUrl}?lang=fr` };
  const url = new URL(originalUrl, 'http://x');
  const entries = languages.map((lang) => {
    url.searchParams.set('lang', lang);
    return [lang, `${url.pathname}${url.search}`] as const;
  });
  return Object.fromEntries(entries) as Record<Language, string>;
}
