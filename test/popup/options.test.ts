import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import OptionsApp from '../../src/options/App.svelte';
import { BUNDLED_CONNOX, mockOptionsClient } from '../../src/options/mock-options-client';
import type { MockOptionsClientOptions } from '../../src/options/mock-options-client';
import { buildEvidenceBundle } from '../../src/core/report/evidence-bundle';
import { keyFingerprint, signingKeyFromSeed } from '../../src/core/report/evidence-signature';
import { signingKeyFileText } from '../../src/core/report/signing-key-file';
import { connoxReport } from '../fixtures/reports/connox-report';
import { presenter } from './helpers';
import type { Lang } from './helpers';

afterEach(() => cleanup());

function renderOptions(options: MockOptionsClientOptions = {}, lang: Lang = 'en') {
  const client = mockOptionsClient(options);
  render(OptionsApp, { props: { client, presenter: presenter(lang) } });
  return client;
}

describe('options page', () => {
  it('lists bundled and imported models; bundled ones cannot be deleted', async () => {
    renderOptions({
      listing: {
        models: [{ ...BUNDLED_CONNOX, id: 'mine', title: 'My shop', origin: 'user', fileName: 'mine.yaml' }, BUNDLED_CONNOX],
        assignments: {},
        warnings: [],
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('model-row')).toHaveLength(2));
    const [user, bundled] = screen.getAllByTestId('model-row');
    expect(user?.querySelector('[data-testid="model-delete"]')).not.toBeNull();
    expect(bundled?.querySelector('[data-testid="model-delete"]')).toBeNull();
    await fireEvent.click(user?.querySelector('[data-testid="model-delete"]') as HTMLElement);
    await waitFor(() => expect(screen.getAllByTestId('model-row')).toHaveLength(1));
  });

  it('exports a model as a download', async () => {
    const client = renderOptions();
    await waitFor(() => expect(screen.getAllByTestId('model-row')).toHaveLength(1));
    await fireEvent.click(screen.getByTestId('model-export-json'));
    await waitFor(() => expect(client.saved).toHaveLength(1));
    expect(client.saved[0]).toMatchObject({ name: 'connox.json', mime: 'application/json' });
  });

  it('imports pasted text and shows located errors when it does not validate', async () => {
    const client = renderOptions({
      importResult: () => ({
        ok: false,
        errors: [{ file: 'pasted.yaml', line: 4, column: 3, path: 'shop.domains[0]', message: 'expected a lower-case domain name' }],
      }),
    });
    await fireEvent.input(screen.getByTestId('import-text'), { target: { value: 'id: x\n' } });
    await fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(screen.getByTestId('import-errors').textContent).toBe('pasted.yaml:4:3 shop.domains[0]: expected a lower-case domain name'));
    expect(client.imported).toEqual([{ text: 'id: x\n', fileName: 'pasted.yaml' }]);
  });

  it('names pasted JSON as .json so the loader reads it as JSON, and refreshes the list on success', async () => {
    const client = renderOptions();
    await fireEvent.input(screen.getByTestId('import-text'), { target: { value: '{"id":"x"}' } });
    await fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(screen.getAllByTestId('model-row')).toHaveLength(2));
    expect(client.imported[0]?.fileName).toBe('pasted.json');
    expect(screen.getByTestId('import-status').textContent).toMatch(/Imported/);
  });

  it('assigns a domain to a model and removes the assignment', async () => {
    renderOptions();
    await waitFor(() => expect(screen.getAllByTestId('model-row')).toHaveLength(1));
    await fireEvent.input(screen.getByTestId('assign-domain'), { target: { value: 'connox.fr' } });
    await fireEvent.click(screen.getByTestId('assign-submit'));
    await waitFor(() => expect(screen.getByTestId('assignment-row').textContent).toMatch(/connox\.fr → Connox/));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove the assignment for connox.fr' }));
    await waitFor(() => expect(screen.queryByTestId('assignment-row')).toBeNull());
  });

  it('drafts claims from policy text, lets the user drop one, and saves only the kept ones as a model', async () => {
    const claims = [
      { id: 'c1', kind: 'processor', summary: 'Google Analytics is used', sentence: 'Wij gebruiken Google Analytics.', start: 0, end: 31, confidence: 0.9 },
      { id: 'c2', kind: 'retention', summary: 'Kept 10 years', sentence: 'Wij bewaren tien jaar.', start: 32, end: 54, confidence: 0.5 },
    ];
    const client = renderOptions({ draftClaims: claims });
    await fireEvent.input(screen.getByTestId('draft-text'), { target: { value: 'Wij gebruiken Google Analytics. Wij bewaren tien jaar.' } });
    await fireEvent.click(screen.getByTestId('draft-submit'));
    await waitFor(() => expect(screen.getAllByTestId('draft-claim')).toHaveLength(2));
    expect(screen.getByTestId('draft-status').textContent).toMatch(/2 claims found/);
    const boxes = screen.getAllByTestId('draft-claim-keep') as HTMLInputElement[];
    expect(boxes.every((b) => b.checked)).toBe(true);
    await fireEvent.click(boxes[1] as HTMLInputElement);
    await fireEvent.click(screen.getByTestId('draft-save'));
    await waitFor(() => expect(client.imported).toHaveLength(1));
    expect(client.draftCalls.at(-1)?.keepClaimIds).toEqual(['c1']);
    expect(client.imported[0]).toEqual({ text: '# draft\nclaims: [c1]\n', fileName: 'draft.yaml' });
  });

  it('takes the text of the privacy page open in the source tab', async () => {
    const client = mockOptionsClient({});
    render(OptionsApp, { props: { client, presenter: presenter('en'), sourceTab: 1 } });
    await fireEvent.click(screen.getByTestId('draft-use-page'));
    await waitFor(() => expect((screen.getByTestId('draft-text') as HTMLTextAreaElement).value).toBe('Wij gebruiken Google Analytics.'));
    expect(screen.getByTestId('draft-status').textContent).toContain('https://www.connox.nl/privacybeleid');
  });

  it('shows the model a declaration will be added to, and adds it to the one shown', async () => {
    const mine = { ...BUNDLED_CONNOX, id: 'mine', title: 'My shop', origin: 'user' as const, fileName: 'mine.yaml' };
    renderOptions({ listing: { models: [mine, BUNDLED_CONNOX], assignments: {}, warnings: [] } });
    const select = (await screen.findByTestId('declaration-model')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    // Never blank: the selector shows the model a submit would use.
    await waitFor(() => expect(select.selectedIndex).toBe(0));
    expect(select.value).toBe('mine');
    await fireEvent.input(screen.getByTestId('declaration-text'), { target: { value: 'CookieConsentDialog.cookieTableNecessary = [];' } });
    await fireEvent.click(screen.getByTestId('declaration-submit'));
    await waitFor(() => expect(screen.getByTestId('declaration-status').textContent).toMatch(/\bmine\b/));
    await fireEvent.change(select, { target: { value: 'connox' } });
    expect(select.value).toBe('connox');
    await fireEvent.click(screen.getByTestId('declaration-submit'));
    await waitFor(() => expect(screen.getByTestId('declaration-status').textContent).toMatch(/\bconnox\b/));
  });

  it('adds a Cookiebot declaration to a model and reports the count', async () => {
    renderOptions();
    await waitFor(() => expect((screen.getByTestId('declaration-model') as HTMLSelectElement).options.length).toBeGreaterThan(0));
    await fireEvent.input(screen.getByTestId('declaration-text'), { target: { value: 'CookieConsentDialog.cookieTableNecessary = [];' } });
    await fireEvent.click(screen.getByTestId('declaration-submit'));
    await waitFor(() => expect(screen.getByTestId('declaration-status').textContent).toMatch(/Added 3 declared cookies/));
  });

  it('offers no page button when not opened from a tab', () => {
    renderOptions();
    expect(screen.queryByTestId('draft-use-page')).toBeNull();
  });

  it('highlights the words a claim rests on and saves the YAML as the reviewer edited it', async () => {
    const claims = [
      {
        id: 'c1',
        kind: 'vendor',
        summary: 'Google Analytics',
        sentence: 'Wij gebruiken Google Analytics.',
        start: 14,
        end: 30,
        matched: 'Google Analytics',
        confidence: 0.9,
      },
    ];
    const client = renderOptions({ draftClaims: claims });
    await fireEvent.input(screen.getByTestId('draft-text'), { target: { value: 'Wij gebruiken Google Analytics.' } });
    await fireEvent.click(screen.getByTestId('draft-submit'));
    await waitFor(() => expect(screen.getByTestId('draft-claim-match').textContent).toBe('Google Analytics'));
    await fireEvent.input(screen.getByTestId('draft-yaml'), { target: { value: '# edited by the reviewer\n' } });
    await fireEvent.click(screen.getByTestId('draft-save'));
    await waitFor(() => expect(client.imported).toHaveLength(1));
    expect(client.imported[0]?.text).toBe('# edited by the reviewer\n');
  });

  it('verifies a pasted evidence bundle and detects a changed one', async () => {
    renderOptions();
    const { json } = buildEvidenceBundle({ report: connoxReport(), observations: [], extensionVersion: '0.1.0', browserVersion: 'x', createdAt: 0 });
    await fireEvent.input(screen.getByTestId('verify-text'), { target: { value: json } });
    await fireEvent.click(screen.getByTestId('verify-submit'));
    expect(screen.getByTestId('verify-result').textContent).toMatch(/Unchanged\. SHA-256: [0-9a-f]{64}/);
    expect(screen.getByTestId('verify-signature').textContent).toMatch(/^\s*Not signed:/);
    // The report inside is opened (migrated when it is an older version) and its verdict worded.
    expect(screen.getByTestId('verify-report').textContent).toMatch(
      /^Report of www\.connox\.nl, made \d{4}-\d\d-\d\dT.*: 3 promises broken, 1 undeclared company$/,
    );
    await fireEvent.input(screen.getByTestId('verify-text'), { target: { value: json.replace('"violations": 4', '"violations": 0') } });
    await fireEvent.click(screen.getByTestId('verify-submit'));
    expect(screen.getByTestId('verify-result').textContent).toMatch(/Not verified: the content does not match its hash: the file was changed/);
    expect(screen.queryByTestId('verify-signature')).toBeNull();
  });

  it('makes, shows, replaces from a keygen file and removes the signing key', async () => {
    renderOptions();
    const status = () => screen.getByTestId('signing-status').textContent ?? '';
    await waitFor(() => expect(status()).toMatch(/No signing key/));
    await fireEvent.click(screen.getByTestId('signing-generate'));
    // The mock's first seed is 32 bytes of 1.
    const made = keyFingerprint(signingKeyFromSeed(new Uint8Array(32).fill(1)).publicKey);
    await waitFor(() => expect(status()).toContain(made));
    const fromCli = signingKeyFromSeed(new Uint8Array(32).fill(5));
    const choose = async (text: string) => {
      const input = screen.getByTestId('signing-file') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [new File([text], 'dpo.key')], configurable: true });
      await fireEvent.change(input);
    };
    await choose('{"format":"policylens-public-key"}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('This is not a PolicyLens signing key file.'));
    expect(status()).toContain(made);
    await choose(signingKeyFileText(fromCli));
    await waitFor(() => expect(status()).toContain(keyFingerprint(fromCli.publicKey)));
    await fireEvent.click(screen.getByTestId('signing-remove'));
    await waitFor(() => expect(status()).toMatch(/No signing key/));
  });

  it('names the signing key of a signed bundle and rejects a key written twice', async () => {
    renderOptions();
    const key = signingKeyFromSeed(new Uint8Array(32).fill(3));
    const { json } = buildEvidenceBundle({
      report: connoxReport(),
      observations: [],
      extensionVersion: '0.1.0',
      browserVersion: 'x',
      createdAt: 0,
      signingKey: key,
    });
    await fireEvent.input(screen.getByTestId('verify-text'), { target: { value: json } });
    await fireEvent.click(screen.getByTestId('verify-submit'));
    expect(screen.getByTestId('verify-signature').textContent).toContain(`Signed by the key with fingerprint ${keyFingerprint(key.publicKey)}.`);
    const twice = json.replace('"violations": 4', '"violations": 0, "violations": 4');
    await fireEvent.input(screen.getByTestId('verify-text'), { target: { value: twice } });
    await fireEvent.click(screen.getByTestId('verify-submit'));
    expect(screen.getByTestId('verify-result').textContent).toMatch(/Not verified: the key “violations” appears twice in one object/);
  });

  it('renders in German', async () => {
    renderOptions({}, 'de');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('PolicyLens-Einstellungen');
    expect(screen.getByTestId('draft-submit').textContent).toBe('Entwerfen');
  });
});
