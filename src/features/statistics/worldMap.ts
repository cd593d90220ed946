import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import type { InitiativeSlug } from '../../reference/initiatives';
import { countryName, formatNumber } from '../directory/labels';
import { filteredDirectoryUrl } from '../directory/query';
import { mapGeometry } from './mapGeometry';
import type { Statistics } from './statisticsSchema';

/** Lower bounds of the shading classes; class 0 is "no signatories". */
export const SHADE_THRESHOLDS = [1, 2, 5, 20, 100] as const;

export function shadeOf(count: number): number {
  let shade = 0;
  SHADE_THRESHOLDS.forEach((threshold, index) => {
    if (count >= threshold) shade = index + 1;
  });
  return shade;
}

interface LinkedCountry {
  href: string;
  title: string;
  shade: number;
}

export interface WorldMapView {
  width: number;
  height: number;
  shapes: ({ path: string } & ({ linked: false } | ({ linked: true } & LinkedCountry)))[];
  points: ({ x: number; y: number } & LinkedCountry)[];
  /** Countries with signatories that have neither a shape nor a circle (codes Natural Earth lacks). */
  unplaced: string[];
  legend: { shade: number; text: string }[];
}

function legendOf(lang: Language, noneText: string) {
  const classes = SHADE_THRESHOLDS.map((low, index) => {
    const next = SHADE_THRESHOLDS[index + 1];
    const text =
      next === undefined
        ? `${formatNumber(low, lang)}+`
        : next - 1 === low
          ? formatNumber(low, lang)
          : `${formatNumber(low, lang)}–${formatNumber(next - 1, lang)}`;
    return { shade: index + 1, text };
  });
  return [{ shade: 0, text: noneText }, ...classes];
}

/** What a map of counts by country says about each country and where each country's link leads. */
export interface CountryMapLabels {
  hrefOf(code: string): string;
  titleOf(code: string, name: string, count: number): string;
  /** The legend's text for countries with a count of zero. */
  noneText: string;
}

/** Any count by country as the shaded world map (statistics, petition signatures). */
export function shadedWorldMap(
  byCountry: readonly { country: string; count: number }[],
  lang: Language,
  t: TFunction,
  labels: CountryMapLabels,
): WorldMapView {
  const geometry = mapGeometry();
  const counts = new Map(byCountry.map((row) => [row.country, row.count]));
  const linked = (code: string, count: number): LinkedCountry => ({
    href: labels.hrefOf(code),
    title: labels.titleOf(code, countryName(code, lang, t), count),
    shade: shadeOf(count),
  });
  const placed = new Set<string>();
  const shapes = geometry.shapes.map((shape) => {
    const count = shape.code === null ? 0 : (counts.get(shape.code) ?? 0);
    if (shape.code === null || count === 0) return { path: shape.path, linked: false as const };
    placed.add(shape.code);
    return { path: shape.path, linked: true as const, ...linked(shape.code, count) };
  });
  const points = byCountry.flatMap(({ country, count }) => {
    const point = placed.has(country) ? undefined : geometry.points.get(country);
    if (!point) return [];
    placed.add(country);
    return [
      { x: Math.round(point.x * 10) / 10, y: Math.round(point.y * 10) / 10, ...linked(country, count) },
    ];
  });
  return {
    width: geometry.width,
    height: geometry.height,
    shapes,
    points,
    unplaced: byCountry
      .filter(({ country }) => !placed.has(country))
      .map(({ country }) => countryName(country, lang, t)),
    legend: legendOf(lang, labels.noneText),
  };
}

/** The map's shapes with each country with signatories linked to the directory filtered to it. */
export function worldMapView(
  byCountry: Statistics['byCountry'],
  initiative: InitiativeSlug | null,
  lang: Language,
  t: TFunction,
): WorldMapView {
  return shadedWorldMap(byCountry, lang, t, {
    hrefOf: (code) => filteredDirectoryUrl({ country: code, ...(initiative ? { initiative } : {}) }),
    titleOf: (_code, name, count) =>
      t('statistics:map.countryTitle', { name, count, formatted: formatNumber(count, lang) }),
    noneText: t('statistics:map.none'),
  });
}
