import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { extractPageDeclarations, type DeclarationElementLike } from '../../../../src/core/policy/page-declaration/extract-page-declaration.ts';
import { draftFromPageDeclaration } from '../../../../src/core/policy/page-declaration/draft-from-page-declaration.ts';
import { PAGE_DECLARATION_SELECTORS, readPageDeclaration } from '../../../../src/core/policy/page-declaration/page-declaration-readers.ts';
import type { PageDeclaration } from '../../../../src/core/policy/page-declaration/page-declaration.ts';
import type { CookieDeclaration } from '../../../../src/core/policy/cookie-declaration.ts';
import {
  USERCENTRICS_EMBEDDING,
  usercentricsEmbeddingShadowHtml,
  type UsercentricsCategory,
} from '../../../fixtures/storefront/vendors/usercentrics-embedding.ts';
import { cookiebotDeclarationHtml } from '../../../fixtures/storefront/vendors/cookiebot-declaration.ts';
import { run, vendors, visit } from '../../audit/build-visit.ts';
import { declarationsIn } from './page-dom.ts';
import { PAGE_URL } from './page-dom.ts';

/** The shop's `.uc-embed` with what loader.js attaches to it: the wrapper and its shadow root (open unless told). */
function pageWithEmbedding(options: { mode?: 'open' | 'closed'; categories?: UsercentricsCategory[]; light?: string } = {}): PageDeclaration[] {
  const window = new Window({ url: PAGE_URL });
  const document = window.document;
  document.body.innerHTML = `<h1>Datenschutz</h1><div class="uc-embed" uc-embed-type="category">${options.light ?? ''}</div>`;
  const wrapper = document.createElement('div');
  wrapper.className = 'embeddings-shadow-wrapper';
  document.querySelector('.uc-embed')?.appendChild(wrapper);
  wrapper.attachShadow({ mode: options.mode ?? 'open' }).innerHTML = usercentricsEmbeddingShadowHtml(options.categories);
  return extractPageDeclarations(document as unknown as DeclarationElementLike, PAGE_URL, PAGE_DECLARATION_SELECTORS);
}

function read(pages: PageDeclaration[]): CookieDeclaration {
  expect(pages.map((p) => p.tool)).toEqual(['usercentrics']);
  const result = readPageDeclaration(pages[0]!);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.declaration;
}

describe("Usercentrics' services list rendered by the v3 embedding", () => {
  it('reads every service of every category from the open shadow root, in order', () => {
    const declaration = read(pageWithEmbedding());
    expect(declaration).toMatchObject({ origin: 'usercentrics-declaration', document: PAGE_URL, cookies: [] });
    expect(declaration.services?.map((s) => `${s.name}:${s.category}`)).toEqual(
      USERCENTRICS_EMBEDDING.flatMap((c) =>
        c.services.map((s) => `${s.name}:${{ Essential: 'necessary', Functional: 'preferences', Marketing: 'marketing' }[c.heading]}`),
      ),
    );
  });

  it("takes the processing company's name (not its address) and the purposes' tags (not the section's prose)", () => {
    const hotjar = read(pageWithEmbedding()).services?.find((s) => s.name === 'Hotjar');
    expect(hotjar).toEqual({
      name: 'Hotjar',
      legalEntity: 'Hotjar Ltd.',
      category: 'preferences',
      categoryLabel: 'Functional',
      purposes: ['Analytics', 'Feedback'],
      quote: 'Hotjar | Hotjar Ltd. | Analytics, Feedback',
    });
  });

  it('reads the German labels the CMP renders for a German page', () => {
    const categories = [
      { heading: 'Marketing', services: [{ name: 'Google Ads', company: 'Google Ireland Limited', address: 'Dublin', purposes: ['Werbung'] }] },
    ];
    const html = usercentricsEmbeddingShadowHtml(categories)
      .replace('Processing Company', 'Verarbeitendes Unternehmen')
      .replace('Data Processing Purposes', 'Datenverarbeitungszwecke');
    const window = new Window({ url: PAGE_URL });
    window.document.body.innerHTML = '<div class="uc-embed"><div class="embeddings-shadow-wrapper"></div></div>';
    window.document.querySelector('.embeddings-shadow-wrapper')!.attachShadow({ mode: 'open' }).innerHTML = html;
    const pages = extractPageDeclarations(window.document as unknown as DeclarationElementLike, PAGE_URL, PAGE_DECLARATION_SELECTORS);
    expect(read(pages).services?.[0]).toMatchObject({ legalEntity: 'Google Ireland Limited', purposes: ['Werbung'] });
  });

  it('reads nothing from a closed shadow root (the isolated world sees no root there)', () => {
    expect(pageWithEmbedding({ mode: 'closed' })).toEqual([]);
  });

  it('reads the same classes in the light DOM, once, next to a shadow root', () => {
    const light = usercentricsEmbeddingShadowHtml([
      { heading: 'Statistics', services: [{ name: 'Matomo', company: 'InnoCraft Ltd', address: 'NZ', purposes: ['Analytics'] }] },
    ]);
    const names = read(pageWithEmbedding({ light })).services?.map((s) => s.name);
    expect(names?.filter((n) => n === 'Matomo')).toHaveLength(1);
    expect(names).toContain('Hotjar');
  });

  it('answers "no service" for an embedding that has not rendered yet', () => {
    const window = new Window({ url: PAGE_URL });
    window.document.body.innerHTML = '<div class="uc-embed"></div>';
    expect(extractPageDeclarations(window.document as unknown as DeclarationElementLike, PAGE_URL, PAGE_DECLARATION_SELECTORS)).toEqual([]);
    expect(readPageDeclaration({ tool: 'usercentrics', url: PAGE_URL, tables: [{ heading: 'Essential', header: [], rows: [] }] })).toMatchObject({ ok: false });
  });
});

describe('a model drafted from the Usercentrics services list', () => {
  const model = () => {
    const result = draftFromPageDeclaration([read(pageWithEmbedding())], { host: 'www.lampenhuis.nl', language: 'en' }, vendors());
    if (!result.ok) throw new Error(result.message);
    return result.model;
  };

  it('declares each service as a processor, under its catalogue vendor when its name is one, quoting its entry', () => {
    const processors = model().processors;
    expect(processors.map((p) => [p.name, p.vendorId])).toEqual([
      ['Usercentrics Consent Management Platform', vendors().vendorById('usercentrics')?.id],
      ['Hotjar', vendors().vendorById('hotjar')?.id],
      ['Google Ads', vendors().vendorById('google-ads')?.id],
      ['Fixture Retargeting Network', null],
    ]);
    expect(processors.find((p) => p.name === 'Google Ads')).toMatchObject({
      legalEntity: 'Google Ireland Limited',
      purposes: ['Advertising', 'Conversion tracking'],
      cookies: [],
      category: 'marketing',
      source: {
        origin: 'usercentrics-declaration',
        document: PAGE_URL,
        section: 'Marketing',
        quote: 'Google Ads | Google Ireland Limited | Advertising, Conversion tracking',
      },
    });
    expect(model().title).toContain('Usercentrics');
  });

  it('makes a contacted vendor only the list names declared: without it, the audit reports the vendor as undeclared', () => {
    const host = 'www.lampenhuis.nl';
    const cookiebot = declarationsIn(cookiebotDeclarationHtml().split('{{host}}').join(host)).map((p) => {
      const r = readPageDeclaration(p);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.declaration;
    });
    const drafted = (declarations: CookieDeclaration[]) => {
      const result = draftFromPageDeclaration(declarations, { host, language: 'nl' }, vendors());
      if (!result.ok) throw new Error(result.message);
      return result.model;
    };
    const v = visit(`https://${host}/`).request('https://static.hotjar.com/c/hotjar-1.js?sv=6');
    const undeclaredHotjar = (declarations: CookieDeclaration[]) =>
      run(v, { policy: drafted(declarations) }).findings.filter((f) => f.ruleId === 'undeclared-third-party' && f.subject.vendorId === 'hotjar');
    expect(undeclaredHotjar(cookiebot)).toHaveLength(1);
    expect(undeclaredHotjar([...cookiebot, read(pageWithEmbedding())])).toEqual([]);
  });
});
