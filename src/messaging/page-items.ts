/**
 * Schemas for page data that validate item by item: a page controls every name, URL and count
 * in a content-script message, and one oversized or malformed item must not drop the others.
 */
import { z } from 'zod';
import { INPUT_LIMITS } from '../core/observe/limits';

/** Text longer than the limit is cut and marked with its real length: `abc…[10000 chars]`. */
export function clipText(text: string, max: number = INPUT_LIMITS.textLength): string {
  return text.length > max ? `${text.slice(0, max)}…[${text.length} chars]` : text;
}

/** A page-supplied string: any length is accepted, and what is kept is clipped. */
export const pageText = z.string().transform((text) => clipText(text));

/** The items that parsed (at most `max`, in order) and how many were not kept: invalid, or past the cap. */
export interface PageItems<T> {
  items: T[];
  dropped: number;
}

/**
 * A list parsed item by item: each item that parses is kept, up to `max`; the rest are counted
 * in `dropped`. The input type stays the item's, so the content script's messages are typed.
 */
export function eachItem<S extends z.ZodType>(item: S, max: number = INPUT_LIMITS.itemsPerMessage) {
  return z
    .custom<z.input<S>[]>((value) => Array.isArray(value))
    .transform((raw): PageItems<z.output<S>> => {
      const items: z.output<S>[] = [];
      let dropped = 0;
      for (const candidate of raw) {
        if (items.length >= max) {
          dropped += 1;
          continue;
        }
        const parsed = item.safeParse(candidate);
        if (parsed.success) items.push(parsed.data);
        else dropped += 1;
      }
      return { items, dropped };
    });
}
