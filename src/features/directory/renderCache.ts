/** A small least-recently-used map of rendered pages; Map keeps insertion order, so the first key is the oldest. */
export class RenderCache<Page = string> {
  private readonly pages = new Map<string, Page>();
  private version = '';

  constructor(private readonly capacity: number) {}

  get(version: string, key: string): Page | undefined {
    if (version !== this.version) return undefined;
    const html = this.pages.get(key);
    if (html !== undefined) {
      this.pages.delete(key);
      this.pages.set(key, html);
    }
    return html;
  }

  set(version: string, key: string, html: Page): void {
    if (version !== this.version) {
      this.pages.clear();
      this.version = version;
    }
    this.pages.set(key, html);
    if (this.pages.size > this.capacity) {
      const oldest = this.pages.keys().next();
      if (!oldest.done) this.pages.delete(oldest.value);
    }
  }
}
