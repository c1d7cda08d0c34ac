import { describe, expect, it } from 'vitest';
import { originOf, serviceWorkerTargets, workerOriginOf, type VisitFrames } from '../../../src/core/observe/service-worker-routing';

const visits: VisitFrames[] = [
  { tabId: 3, frames: { 0: 'https://www.connox.nl/', 4: 'https://www.youtube.com/embed/x' } },
  { tabId: 8, frames: { 0: 'https://www.youtube.com/watch?v=1' } },
  { tabId: 9, frames: { 0: 'https://www.other-shop.nl/' } },
];

describe('service-worker request routing (tabId -1)', () => {
  it('gives a worker fetch to every tab with a document of the worker origin, in that frame', () => {
    const targets = serviceWorkerTargets({ url: 'https://analytics.example/collect', initiator: 'https://www.youtube.com' }, visits);
    expect(targets).toEqual([
      { tabId: 3, frameId: 4 },
      { tabId: 8, frameId: 0 },
    ]);
  });

  it('prefers the top frame when it has the worker origin', () => {
    const targets = serviceWorkerTargets({ url: 'https://cdn.example/a.js', initiator: 'https://www.connox.nl' }, [
      { tabId: 1, frames: { 0: 'https://www.connox.nl/', 2: 'https://www.connox.nl/frame' } },
    ]);
    expect(targets).toEqual([{ tabId: 1, frameId: 0 }]);
  });

  it('routes the worker script itself, which may come without an initiator, by its own origin', () => {
    expect(serviceWorkerTargets({ url: 'https://www.connox.nl/sw.js' }, visits)).toEqual([{ tabId: 3, frameId: 0 }]);
  });

  it('gives nothing to anyone for an extension or opaque initiator', () => {
    expect(serviceWorkerTargets({ url: 'https://www.connox.nl/x', initiator: 'chrome-extension://abc' }, visits)).toEqual([]);
    expect(serviceWorkerTargets({ url: 'https://www.connox.nl/x', initiator: 'null' }, visits)).toEqual([]);
    expect(workerOriginOf({ url: 'https://a.example/', initiator: 'null' })).toBeNull();
  });

  it('takes Firefox documentUrl when there is no initiator', () => {
    expect(workerOriginOf({ url: 'https://x.example/', documentUrl: 'https://www.connox.nl/sw.js' })).toBe('https://www.connox.nl');
  });

  it('compares origins with default ports removed and case folded', () => {
    expect(originOf('HTTPS://WWW.Connox.NL:443/a')).toBe('https://www.connox.nl');
    expect(originOf('http://localhost:8080/a')).toBe('http://localhost:8080');
    expect(originOf('wss://ws.example/socket')).toBe('wss://ws.example');
    expect(originOf('about:blank')).toBeNull();
  });
});
