import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { connoxReport } from '../fixtures/reports/connox-report';
import { renderPopup } from './helpers';

afterEach(() => cleanup());

describe('popup: host access (optional in Firefox MV3)', () => {
  it('shows no prompt while the extension may observe every site', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    expect(screen.queryByTestId('host-access-missing')).toBeNull();
  });

  it('asks for access when it is withheld, and reloads the report once granted', async () => {
    const { client } = renderPopup({ state: 'ready', report: connoxReport() }, { hostAccess: false, grantOnRequest: true });
    const notice = await screen.findByTestId('host-access-missing');
    expect(notice.textContent).toMatch(/may not observe websites/);
    const asked = client.reportRequests.length;
    await fireEvent.click(screen.getByTestId('grant-host-access'));
    expect(client.hostAccessRequests).toBe(1);
    await waitFor(() => expect(screen.queryByTestId('host-access-missing')).toBeNull());
    await waitFor(() => expect(client.reportRequests.length).toBeGreaterThan(asked));
  });

  it('says where to allow it when the user declines the prompt', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { hostAccess: false, grantOnRequest: false });
    await fireEvent.click(await screen.findByTestId('grant-host-access'));
    expect((await screen.findByTestId('host-access-refused')).textContent).toMatch(/add-on settings/);
  });

  it('shows the prompt as soon as access is revoked while the popup is open', async () => {
    const { client } = renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    client.setHostAccess(false);
    await screen.findByTestId('host-access-missing');
  });

  it('is translated', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { hostAccess: false, lang: 'nl' });
    expect((await screen.findByTestId('grant-host-access')).textContent).toBe('Toegang tot alle websites toestaan');
  });
});
