/** The rows of the table with this id, each as its cells' text (tags stripped, entities of names decoded). */
export function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (table === undefined) throw new Error(`no table ${id}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      decode((cell[1] ?? '').replace(/<[^>]+>/g, '').trim()),
    ),
  );
}

export function decode(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&#34;/g, '"')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The inline SVG world map of a statistics page. */
export function mapSvg(html: string): string {
  return /<svg class="world-map"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
}

/** Each shaded country of the map: its link and its title. */
export function shadedCountries(html: string): { href: string; title: string; circle: boolean }[] {
  return [
    ...mapSvg(html).matchAll(/<a href="([^"]+)" class="world-map__link"><title>([^<]*)<\/title><(\w+)/g),
  ].map((match) => ({
    href: decode(match[1] ?? ''),
    title: decode(match[2] ?? ''),
    circle: match[3] === 'circle',
  }));
}
