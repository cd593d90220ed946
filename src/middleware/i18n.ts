import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import i18next, { type i18n, type Resource } from 'i18next';

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

function pickLanguage(queryLang: unknown, cookieLang: unknown, accepted: string | false): Language {
  if (isLanguage(queryLang)) return queryLang;
  if (isLanguage(cookieLang)) return cookieLang;
  return isLanguage(accepted) ? accepted : defaultLanguage;
}

/** `?lang=` (remembered in a cookie), else the cookie, else Accept-Language, else English. */
export function setUpI18n(instance: i18n, secureCookies: boolean): RequestHandler {
  return (req, res, next) => {
    const cookies = req.cookies as Record<string, unknown> | undefined;
    const queryLang = req.query['lang'];
    const lang = pickLanguage(queryLang, cookies?.[languageCookie], req.acceptsLanguages(...languages));
    if (isLanguage(queryLang) && cookies?.[languageCookie] !== queryLang) {
      rememberLanguage(res, queryLang, secureCookies);
    }
    req.language = lang;
    req.t = instance.getFixedT(lang);
    res.locals.lang = lang;
    res.locals.t = req.t;
    res.locals.currentPath = req.path;
    res.locals.languageUrls = languageUrls(req.originalUrl);
    next();
  };
}

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

/** The current URL in each language, other query parameters kept, for links that work without JavaScript. */
function languageUrls(originalUrl: string): Record<Language, string> {
  const url = new URL(originalUrl, 'http://x');
  const entries = languages.map((lang) => {
    url.searchParams.set('lang', lang);
    return [lang, `${url.pathname}${url.search}`] as const;
  });
  return Object.fromEntries(entries) as Record<Language, string>;
}
