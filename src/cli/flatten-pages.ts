import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser } from './find-browser.ts';

/**
 * Writes page.txt next to each page.html as Chromium's `document.body.innerText` gives it — the
 * same flattening the content script hands the drafter — so the benchmark's texts are the
 * browser's, not a hand-written imitation. Run once after editing a page.html; offline (setContent).
 */
export async function flattenPages(folders: readonly string[]): Promise<string[]> {
  const browser = findBrowser();
  if (!browser.ok) throw new Error(browser.message);
  const instance = await chromium.launch({ executablePath: browser.path, headless: true });
  const written: string[] = [];
  try {
    const page = await instance.newPage({ viewport: { width: 1280, height: 900 } });
    for (const folder of folders) {
      let html: string;
      try {
        html = readFileSync(join(folder, 'page.html'), 'utf8');
      } catch {
        continue; // a text-only page (no page.html) keeps its page.txt
      }
      await page.setContent(html, { waitUntil: 'load' });
      const text = await page.evaluate(() => document.body.innerText);
      writeFileSync(join(folder, 'page.txt'), text.endsWith('\n') ? text : `${text}\n`);
      written.push(folder);
    }
  } finally {
    await instance.close();
  }
  return written;
}
