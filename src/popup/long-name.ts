/**
 * A page can name a cookie or a storage key with thousands of characters: the popup shows the
 * start of such a name and keeps the whole of it in the element's title (shown on hover or
 * long press), so one name cannot stretch or swamp the list.
 */
export const NAME_SHOWN = 120;

export function shownName(name: string): string {
  return name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN)}…` : name;
}

/** The title that holds the whole name, only where the shown one is cut. */
export function fullNameTitle(name: string): string | undefined {
  return name.length > NAME_SHOWN ? name : undefined;
}
