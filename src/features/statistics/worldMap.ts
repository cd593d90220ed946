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

function legendOf(lang: Language, t: TFunction) {
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
  return [{ shade: 0, text: t('statistics:map.none') }, ...classes];
}

/** The map's shapes with each country with signatories linked to the directory filtered to it. */
export function worldMapView(
  byCountry: Statistics['byCountry'],
  initiative: InitiativeSlug | null,
  lang: Language,
  t: TFunction,
): WorldMapView {
  const geometry = mapGeometry();
  const counts = new Map(byCountry.map((row) => [row.country, row.count]));
  const linked = (code: string, count: number): LinkedCountry => ({
    href: filteredDirectoryUrl({ country: code, ...(initiative ? { initiative } : {}) }),
    title: t('statistics:map.countryTitle', {
      name: countryName(code, lang, t),
      count,
      formatted: formatNumber(count, lang),
    }),
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
    legend: legendOf(lang, t),
  };
}
