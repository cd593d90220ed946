export interface TagList {
  /** Tags by lower-cased name; the first occurrence wins. */
  tags: Map<string, string>;
  duplicates: string[];
  malformed: string[];
}

/** `name=value; name=value` as DMARC and MTA-STS records write them; names are case-insensitive. */
export function parseTagList(record: string): TagList {
  const tags = new Map<string, string>();
  const duplicates: string[] = [];
  const malformed: string[] = [];
  for (const part of record.split(';')) {
    const text = part.trim();
    if (text === '') continue;
    const match = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(text);
    if (!match?.[1] || match[2] === undefined) {
      malformed.push(text);
      continue;
    }
    const name = match[1].toLowerCase();
    if (tags.has(name)) duplicates.push(name);
    else tags.set(name, match[2].trim());
  }
  return { tags, duplicates, malformed };
}

/** Whether a record's first tag is `v=<version>` (tag name and value compared case-insensitively). */
export function startsWithVersion(record: string, version: string): boolean {
  const first = record.split(';', 1)[0]?.trim() ?? '';
  const match = /^v\s*=\s*(\S+)$/i.exec(first);
  return match?.[1]?.toLowerCase() === version.toLowerCase();
}
