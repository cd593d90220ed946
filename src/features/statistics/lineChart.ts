import type { Language } from '../../middleware/i18n';
import { formatNumber } from '../directory/labels';

export interface LineSeriesInput {
  label: string;
  values: number[];
}

export interface LineChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yTicks: { y: number; text: string }[];
  xTicks: { x: number; text: string }[];
  series: { points: string; endX: number; endY: number; endText: string; style: number }[];
}

const WIDTH = 720;
const HEIGHT = 320;
const PLOT = { left: 56, right: WIDTH - 190, top: 16, bottom: HEIGHT - 36 };

/** A round step (1, 2 or 5 times a power of ten) giving at most about five gridlines. */
function tickStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough) ?? power * 10;
}

/** Ticks at each January, thinned to at most about eight labels. */
function yearTicks(months: readonly string[], xOf: (index: number) => number) {
  const januaries = months.flatMap((month, index) => (month.endsWith('-01') ? [{ index, month }] : []));
  const ticks = januaries.length > 0 ? januaries : [{ index: 0, month: months[0] ?? '' }];
  const every = Math.ceil(ticks.length / 8);
  return ticks
    .filter((_, position) => position % every === 0)
    .map(({ index, month }) => ({ x: xOf(index), text: januaries.length > 0 ? month.slice(0, 4) : month }));
}

/** Cumulative lines over months: each series drawn in its own dash style and labelled at its end. */
export function lineChart(
  months: readonly string[],
  seriesList: readonly LineSeriesInput[],
  lang: Language,
): LineChart {
  const max = Math.max(1, ...seriesList.flatMap((series) => series.values));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const span = Math.max(1, months.length - 1);
  const xOf = (index: number) =>
    months.length <= 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + ((PLOT.right - PLOT.left) * index) / span;
  const yOf = (value: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * value) / top;
  const round = (value: number) => Math.round(value * 10) / 10;
  const yTicks = [];
  for (let value = 0; value <= top; value += step)
    yTicks.push({ y: round(yOf(value)), text: formatNumber(value, lang) });
  // End labels are spread apart when two lines finish close together.
  const ends = seriesList.map((series) => yOf(series.values.at(-1) ?? 0));
  const spread = ends.map((y, index) =>
    index > 0 && Math.abs(y - (ends[index - 1] ?? y)) < 16 ? y + 16 : y,
  );
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    yTicks,
    xTicks: yearTicks(months, (index) => round(xOf(index))),
    series: seriesList.map((series, index) => ({
      points: series.values.map((value, month) => `${round(xOf(month))},${round(yOf(value))}`).join(' '),
      endX: round(xOf(Math.max(0, series.values.length - 1)) + 8),
      endY: round((spread[index] ?? 0) + 4),
      endText: `${series.label}: ${formatNumber(series.values.at(-1) ?? 0, lang)}`,
      style: index,
    })),
  };
}
