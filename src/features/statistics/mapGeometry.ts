import { geoEqualEarth, geoPath } from 'd3-geo';
import { readFileSync } from 'node:fs';
import type { Feature, Geometry } from 'geojson';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export const MAP_WIDTH = 960;
const ANTARCTICA = '010';
// Natural Earth gives these no ISO numeric code; Kosovo has a user-assigned alpha-2 in common use.
const CODES_BY_NAME: Record<string, string> = { Kosovo: 'XK' };

export interface CountryShape {
  /** ISO 3166-1 alpha-2, or null for territories with no code (they are drawn but never shaded). */
  code: string | null;
  path: string;
}

/** A country too small for the 1:110m shapes, marked by a circle at its 1:50m centroid. */
export interface CountryPoint {
  code: string;
  x: number;
  y: number;
}

export interface MapGeometry {
  width: number;
  height: number;
  shapes: CountryShape[];
  points: Map<string, CountryPoint>;
}

type CountryFeature = Feature<Geometry, { name?: string }>;

// Read rather than imported: the type checker need not parse a megabyte of coordinates.
function readAtlas(scale: '110m' | '50m'): unknown {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'));
}

/** The countries of a topology as features, converted one at a time as they are read. */
function* countriesOf(topology: unknown): Generator<CountryFeature> {
  const world = topology as Topology<{ countries: GeometryCollection<{ name?: string }> }>;
  for (const country of world.objects.countries.geometries) yield feature(world, country) as CountryFeature;
}

function alpha2Of(country: CountryFeature): string | null {
  if (country.id === undefined) return CODES_BY_NAME[country.properties.name ?? ''] ?? null;
  return countries.numericToAlpha2(String(country.id)) ?? null;
}

/** Shapes projected or centroids computed between two steps of the build. */
const SHAPES_PER_STEP = 25;

/**
 * Builds the projected map, yielding between steps (about 0.4 s of work in all, most of it reading and
 * converting the 1:50m shapes), so that the build at server start can let requests through in between.
 */
function* buildGeometry(): Generator<void, MapGeometry, void> {
  const shapes = [...countriesOf(readAtlas('110m'))].filter((country) => country.id !== ANTARCTICA);
  yield;
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, { type: 'FeatureCollection', features: shapes });
  const path = geoPath(projection).digits(1);
  const [[, top], [, bottom]] = path.bounds({ type: 'FeatureCollection', features: shapes });
  const drawn: CountryShape[] = [];
  for (const country of shapes) {
    drawn.push({ code: alpha2Of(country), path: path(country) ?? '' });
    if (drawn.length % SHAPES_PER_STEP === 0) yield;
  }
  const drawnCodes = new Set(drawn.map((shape) => shape.code));
  const finer = readAtlas('50m');
  yield;
  const points = new Map<string, CountryPoint>();
  let visited = 0;
  for (const country of countriesOf(finer)) {
    if (++visited % SHAPES_PER_STEP === 0) yield;
    const code = alpha2Of(country);
    if (code === null || drawnCodes.has(code) || country.id === ANTARCTICA) continue;
    const [x, y] = path.centroid(country);
    if (Number.isFinite(x) && Number.isFinite(y)) points.set(code, { code, x, y });
  }
  return { width: MAP_WIDTH, height: Math.ceil(bottom - top), shapes: drawn, points };
}

let geometry: MapGeometry | null = null;

/** Projected once per process: the shapes never change while it runs. */
export function mapGeometry(): MapGeometry {
  if (!geometry) {
    const steps = buildGeometry();
    let step = steps.next();
    while (!step.done) step = steps.next();
    geometry = step.value;
  }
  return geometry;
}

/** The same projection made ahead of the first visitor, awaiting `pause` between steps. */
export async function prepareMapGeometry(pause: () => Promise<void>): Promise<void> {
  if (geometry) return;
  const steps = buildGeometry();
  let step = steps.next();
  while (!step.done) {
    await pause();
    step = steps.next();
  }
  geometry ??= step.value;
}
