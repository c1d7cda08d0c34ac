/** The popup's tabs, in display order. */
export const REPORT_TABS = ['findings', 'companies', 'cookies', 'storage', 'requests', 'timeline', 'uncheckable'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

/**
 * Next tab index for a key press in a tablist (WAI-ARIA tabs pattern: arrows wrap, Home and
 * End jump); null for keys the tablist does not handle.
 */
export function nextTabIndex(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
