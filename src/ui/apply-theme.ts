import { themeCss } from '../core/report/theme';

/**
 * Declares the light and dark colours (CSS custom properties, see core/report/theme.ts) in
 * the page, before the app mounts, so the first paint already follows the system setting.
 */
export function applyTheme(doc: Document): void {
  const style = doc.createElement('style');
  style.textContent = themeCss();
  doc.head.prepend(style);
}
