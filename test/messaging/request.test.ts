import { afterEach, describe, expect, it, vi } from 'vitest';

const sendMessage = vi.fn();
// webextension-polyfill throws outside an extension; request() needs only sendMessage.
vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage } } }));

const { request } = await import('../../src/messaging/request');

describe('request() from an extension page', () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  afterEach(() => {
    sendMessage.mockReset();
    logged.mockClear();
  });

  it('sends the type with the payload and returns the answer', async () => {
    sendMessage.mockResolvedValue({ state: 'loading' });
    await expect(request('popup/get-view', { tabId: 7 })).resolves.toEqual({ state: 'loading' });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'popup/get-view', tabId: 7 });
    expect(logged).not.toHaveBeenCalled();
  });

  it('passes null answers through (a tab without observations)', async () => {
    sendMessage.mockResolvedValue(null);
    await expect(request('popup/get-tab-state', { tabId: 1 })).resolves.toBeNull();
  });

  it('logs and rethrows a request the background rejected', async () => {
    sendMessage.mockRejectedValue(new Error('malformed request "options/delete-model": id Required'));
    await expect(request('options/delete-model', { id: 'x' })).rejects.toThrow('malformed request');
    expect(logged).toHaveBeenCalledWith('PolicyLens: request options/delete-model failed:', expect.any(Error));
  });

  it('treats no answer at all as a failure, logged', async () => {
    sendMessage.mockResolvedValue(undefined);
    await expect(request('options/list-models', {})).rejects.toThrow('the background did not answer options/list-models');
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
