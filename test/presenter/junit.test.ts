import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { buildJunit, escapeXml } from '../../src/presenter/junit.ts';
import { RULES } from '../../src/core/audit/rules.ts';
import { HOSTILE, cleanReport, connoxReport, hostileReport } from '../fixtures/reports/connox-report.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';

const EN = createPresenter('en');

const NOW = Date.UTC(2025, 2, 14, 10, 0, 0);

/** Parses as XML (not HTML): a well-formedness error gives a <parsererror> document. */
function parseXml(xml: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(xml, 'application/xml') as unknown as Document;
}

/** A strict, dependency-free well-formedness check: balanced tags, quoted attributes, known entities only. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = token.exec(body)) !== null) {
    if (m[6]) throw new Error(`stray "<" at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      const text = m[5];
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`bad entity in text at ${m.index}`);
      if (stack.length === 0 && text.trim() !== '') throw new Error('text outside the root element');
      continue;
    }
    const [, closing, name, attrs, selfClosing] = m;
    for (const a of (attrs ?? '').matchAll(/="([^"]*)"/g)) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(a[1]!)) throw new Error(`bad entity in attribute of <${name}>`);
    }
    if (closing) {
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots += 1;
      stack.push(name!);
    } else if (stack.length === 0) roots += 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}

describe('escapeXml', () => {
  it('escapes the five XML specials and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a b="c" d='e'>&</a>`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0008c\td\ne')).toBe('a\uFFFDb\uFFFDc\td\ne');
    expect(escapeXml('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeXml(null)).toBe('');
  });
});

describe('buildJunit', () => {
  const xml = buildJunit({
    entries: [
      {
        url: 'https://www.connox.nl/lampen/',
        scenario: 'none',
        report: connoxReport(),
        consent: { cmp: 'Cybotcookiebot', applied: true, detail: 'no choice' },
      },
      { url: 'https://www.connox.nl/', scenario: 'accept', report: cleanReport(), durationSeconds: 4.25 },
    ],
    failures: [{ url: 'https://nx.invalid/', scenario: 'reject', message: 'DNS failure: net::ERR_NAME_NOT_RESOLVED' }],
    timestamp: NOW,
    presenter: EN,
  });

  it('is well-formed XML', () => {
    expect(() => assertWellFormed(xml)).not.toThrow();
    const doc = parseXml(xml);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  });

  it('has a testsuite per page and scenario and a testcase per rule', () => {
    const doc = parseXml(xml);
    const suites = [...doc.getElementsByTagName('testsuite')];
    expect(suites.map((s) => s.getAttribute('name'))).toEqual([
      'https://www.connox.nl/lampen/ [none]',
      'https://www.connox.nl/ [accept]',
      'https://nx.invalid/ [reject]',
    ]);
    // Every catalogue rule, plus any rule id a finding names that the catalogue lacks.
    const extra = new Set(
      connoxReport()
        .findings.map((f) => f.ruleId)
        .filter((id) => !RULES.some((r) => r.id === id)),
    );
    expect(suites[0]!.getElementsByTagName('testcase')).toHaveLength(RULES.length + extra.size);
    expect(suites[1]!.getElementsByTagName('testcase')).toHaveLength(RULES.length);
    expect(suites[1]!.getAttribute('time')).toBe('4.250');
  });

  it('fails exactly the rules with violations; notices do not fail', () => {
    const doc = parseXml(xml);
    const first = doc.getElementsByTagName('testsuite')[0]!;
    const failing = [...first.getElementsByTagName('testcase')].filter((c) => c.getElementsByTagName('failure').length > 0).map((c) => c.getAttribute('name'));
    const expected = [
      ...new Set(
        connoxReport()
          .findings.filter((f) => f.kind === 'violation')
          .map((f) => f.ruleId),
      ),
    ];
    expect(failing.sort()).toEqual(expected.sort());
    expect(first.getAttribute('failures')).toBe(String(expected.length));
    const clean = doc.getElementsByTagName('testsuite')[1]!;
    expect(clean.getElementsByTagName('failure')).toHaveLength(0);
    const root = doc.getElementsByTagName('testsuites')[0]!;
    expect(root.getAttribute('failures')).toBe(String(expected.length));
    expect(root.getAttribute('errors')).toBe('1');
  });

  it('reports a page that could not be audited as an error', () => {
    const doc = parseXml(xml);
    const errorEl = doc.getElementsByTagName('error')[0]!;
    expect(errorEl.getAttribute('message')).toContain('DNS failure');
  });

  it('stays well-formed with hostile page strings, and keeps them as text', () => {
    const hostile = buildJunit({ entries: [{ url: HOSTILE.url, scenario: 'none', report: hostileReport() }], timestamp: NOW, presenter: EN });
    expect(() => assertWellFormed(hostile)).not.toThrow();
    expect(hostile).not.toContain('<img');
    expect(hostile).not.toContain('<script>');
    const doc = parseXml(hostile);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('testsuite')[0]!.getAttribute('name')).toBe(`${HOSTILE.url} [none]`);
    expect(doc.documentElement.textContent).toContain(HOSTILE.cookie);
  });
});
