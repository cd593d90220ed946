import type { Language } from '../../middleware/i18n';
import { formatNumber } from '../directory/labels';

export interface BarInput {
  label: string;
  value: number;
}

export interface BarChart {
  width: number;
  height: number;
  barHeight: number;
  bars: {
    label: string;
    valueText: string;
    labelY: number;
    barY: number;
    barWidth: number;
    valueX: number;
  }[];
}

const WIDTH = 640;
const ROW_HEIGHT = 44;
const BAR_HEIGHT = 16;
const LABEL_BASELINE = 14;
// Room right of the longest bar for its value label.
const VALUE_ROOM = 72;

/** Horizontal bars, each under its own label line and ending in its value, so no colour carries meaning. */
export function barChart(rows: readonly BarInput[], lang: Language): BarChart {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const scale = (WIDTH - VALUE_ROOM) / max;
  return {
    width: WIDTH,
    barHeight: BAR_HEIGHT,
    height: Math.max(ROW_HEIGHT, rows.length * ROW_HEIGHT),
    bars: rows.map((row, index) => {
      const top = index * ROW_HEIGHT;
      // A zero still gets a hairline, so the row reads as "none" rather than missing.
      const barWidth = row.value === 0 ? 1 : Math.max(2, Math.round(row.value * scale));
      return {
        label: row.label,
        valueText: formatNumber(row.value, lang),
        labelY: top + LABEL_BASELINE,
        barY: top + LABEL_BASELINE + 6,
        barWidth,
        valueX: barWidth + 6,
      };
    }),
  };
}
