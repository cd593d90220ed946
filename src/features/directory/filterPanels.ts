import type { Response } from 'express';
import { filterFields, type ViewContext } from './listView';
import { RenderCache } from './renderCache';

/** Filter choices whose panels are kept per registry version (the panel is about 20 KiB of HTML). */
const PANELS_KEPT = 200;

/**
 * The list page's filter selects as HTML, rendered once per registry version, language and choice of
 * filters (search included). They hold hundreds of options with counts, yet do not change with the page,
 * sort or size, so paging through a listing reuses them instead of counting and rendering them again.
 */
export function createFilterPanels(): (res: Response, context: ViewContext) => Promise<string> {
  const panels = new RenderCache<string>(PANELS_KEPT);
  return async (res, context) => {
    const key = `${context.lang}|${JSON.stringify(context.query.filters)}`;
    const cached = panels.get(context.snapshot.token, key);
    if (cached !== undefined) return cached;
    const html = await new Promise<string>((resolve, reject) =>
      res.render(
        'directory/filterPanel',
        { filters: filterFields(context) },
        (error: Error | null, out?: string) => (error ? reject(error) : resolve(out ?? '')),
      ),
    );
    panels.set(context.snapshot.token, key, html);
    return html;
  };
}
