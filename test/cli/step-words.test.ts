import { describe, expect, it } from 'vitest';
import type { PageAuditStep } from '../../src/cli/audit-page';
import { progressLine } from '../../src/cli/batch/progress';
import { failOnLine, incompleteLine, outputLine, pageStepLine } from '../../src/cli/step-words';
import { LANGUAGES } from '../../src/presenter/languages';
import { createPresenter } from '../../src/presenter/presenter';
import { englishIn } from '../presenter/english-fragments';

/** What the CLI tells the person running it while it works, in each language. */

const url = 'https://shop.example/';
const detection = { cmp: 'Cookiebot', popupOpen: true, outcome: 'popup-found', lifecycle: 'openPopupDetected' } as const;
const STEPS: PageAuditStep[] = [
  { kind: 'http-status', url, status: 503 },
  { kind: 'detected', url, scenario: 'reject', detection },
  { kind: 'detected', url, scenario: 'reject', detection: { ...detection, popupOpen: false, outcome: 'cmp-without-popup' } },
  { kind: 'detected', url, scenario: 'none', detection: { cmp: null, popupOpen: false, outcome: 'timeout', lifecycle: 'started' } },
  { kind: 'detected', url, scenario: 'none', detection: { cmp: null, popupOpen: false, outcome: 'nothing-detected', lifecycle: 'nothingDetected' } },
  ...(['succeeded', 'failed', 'noBanner', 'noTool', 'timeout'] as const).map((outcome): PageAuditStep => ({
    kind: 'action',
    url,
    scenario: 'reject',
    action: 'refuse',
    result: { ok: false, cmp: 'Cookiebot', outcome, waitedMs: 15_000, detail: 'x' },
  })),
];

function allLines(lang: (typeof LANGUAGES)[number]): string[] {
  const p = createPresenter(lang);
  return [
    ...STEPS.map((s) => pageStepLine(s, p)),
    failOnLine(3, 'high', p),
    incompleteLine(1, 4, p),
    outputLine('out/', ['policylens-run.json', 'policylens.sarif'], 8, p),
    progressLine({ total: 10, resumed: 2, ok: 3, failed: 1, startedAt: 0, now: 60_000 }, p),
  ];
}

describe('CLI step and result lines', () => {
  it('word every step in English as before', () => {
    expect(allLines('en')).toEqual([
      'https://shop.example/: HTTP 503',
      'https://shop.example/ [reject]: consent tool Cookiebot, banner open',
      'https://shop.example/ [reject]: consent tool Cookiebot, no banner',
      'https://shop.example/ [none]: consent tool detection timed out (autoconsent: started)',
      'https://shop.example/ [none]: no consent tool detected',
      'https://shop.example/ [reject]: Cookiebot: refuse all: succeeded',
      'https://shop.example/ [reject]: Cookiebot: refuse all: autoconsent’s rule reported failure',
      'https://shop.example/ [reject]: Cookiebot: refuse all: the banner was never shown, so there was nothing to click',
      'https://shop.example/ [reject]: Cookiebot: refuse all: no consent tool was detected',
      'https://shop.example/ [reject]: Cookiebot: refuse all: no answer within 15000 ms',
      'FAIL: 3 violations at or above “High”.',
      '1 page audit of 4 could not be completed.',
      'Output: out/ (policylens-run.json, policylens.sarif, 8 per-page files)',
      '[6/10] 3 done, 1 failed, 2 resumed, 4 left · 4.0/min · ETA 1m00s',
    ]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s: no English sentence in any of them', (lang) => {
    const lines = allLines(lang);
    expect(englishIn(lines.join('\n'))).toEqual([]);
    // Each line differs from English but for names, URLs and numbers.
    const english = allLines('en');
    lines.slice(1).forEach((line, i) => expect(line).not.toBe(english[i + 1]));
  });
});
