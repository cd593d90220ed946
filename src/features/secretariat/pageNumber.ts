import { z } from 'zod';

/** A `page` from the address: a whole number from 1, anything else is the first page. */
export const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** The address of another page of the same list, keeping the other parameters. */
export function pageUrlOf(path: string, params: Record<string, string>): (page: number) => string {
  return (page) => {
    const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ''));
    if (page > 1) query.set('page', String(page));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
}
