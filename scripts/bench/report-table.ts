export type Cell = string | number;

/** Plain-text table with right-aligned numbers, readable in a terminal and pasteable into a note. */
export function formatTable(header: string[], rows: Cell[][]): string {
  const text = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...text.map((row) => (row[column] ?? '').length)));
  // Numbers, and text that starts with one (a ratio, a size), line up on the right.
  const numeric = header.map((_, column) => rows.every((row) => /^(\d|$)/.test(String(row[column] ?? ''))));
  const line = (row: string[]) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(text[0] ?? []), rule, ...text.slice(1).map(line)].join('\n');
}

export const mebibytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MiB`;
export const fixed = (value: number, digits: number): string => value.toFixed(digits);
