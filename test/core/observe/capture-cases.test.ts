import { describe, expect, it } from 'vitest';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { parseTabState } from '../../../src/core/observe/tab-state-schema';
import type { WebRequestDetails } from '../../../src/core/observe/normalise-request';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

function request(over: Partial<WebRequestDetails> & { url: string }): WebRequestDetails {
  return { requestId: over.url, method: 'GET', type: 'script', frameId: 0, parentFrameId: -1, tabId: 7, timeStamp: T0 + 10, ...over };
}

function visit(): TabRecorder {
  const r = TabRecorder.startVisit(7, 'https://www.connox.nl/', T0, { mainRequestId: 'main' });
  r.recordRequest(request({ requestId: 'main', url: 'https://www.connox.nl/', type: 'main_frame', frameType: 'outermost_frame' }));
  return r;
}

describe('requests the browser never sent (ERR_CACHE_MISS)', () => {
  it('takes a cache-only font attempt out of the requests, keeps it as unsent, and keeps the real one', () => {
    const r = visit();
    r.recordRequest(request({ requestId: 'f1', url: 'https://fonts.example/a.woff2', type: 'font' }));
    r.recordRequest(request({ requestId: 's1', url: 'https://www.connox.nl/app.js' }));
    expect(r.recordRequestNotSent('f1', 'https://fonts.example/a.woff2', 'net::ERR_CACHE_MISS')).toBe(true);
    r.recordRequest(request({ requestId: 'f2', url: 'https://fonts.example/a.woff2', type: 'font' }));
    r.recordRequestEnd('s1', 'https://www.connox.nl/app.js', 200, null);
    expect(r.state.requests.map((q) => q.requestId)).toEqual(['main', 's1', 'f2']);
    expect(r.state.requests.find((q) => q.requestId === 's1')?.status).toBe(200);
    expect(r.state.unsentRequests).toEqual([
      { requestId: 'f1', url: 'https://fonts.example/a.woff2', resourceType: 'font', error: 'net::ERR_CACHE_MISS', startedAt: T0 + 10 },
    ]);
  });

  it('leaves a request that had a response alone', () => {
    const r = visit();
    r.recordRequest(request({ requestId: 'x', url: 'https://cdn.example/x.js' }));
    r.recordRequestEnd('x', 'https://cdn.example/x.js', 200, null);
    expect(r.recordRequestNotSent('x', 'https://cdn.example/x.js', 'net::ERR_CACHE_MISS')).toBe(false);
    expect(r.state.requests).toHaveLength(2);
  });

  it('persists the shortened list so it parses back to the same state', () => {
    const r = visit();
    r.recordRequest(request({ requestId: 'f1', url: 'https://fonts.example/a.woff2', type: 'font' }));
    r.recordRequestNotSent('f1', 'https://fonts.example/a.woff2', 'net::ERR_CACHE_MISS');
    const { meta, chunks } = r.takeChanges();
    expect(parseTabState(meta, [chunks.get(0)])).toEqual(r.state);
  });
});

describe('a response status survives a later error', () => {
  it('keeps the 200 of an EventSource the page closed, and notes the abort', () => {
    const r = visit();
    r.recordRequest(request({ requestId: 'es', url: 'https://push.example/events', type: 'xmlhttprequest' }));
    r.recordRequestEnd('es', 'https://push.example/events', 200, null);
    r.recordRequestEnd('es', 'https://push.example/events', 0, 'net::ERR_ABORTED');
    expect(r.state.requests[1]).toMatchObject({ status: 200, error: 'net::ERR_ABORTED' });
  });

  it('still records a failure without a response as status 0', () => {
    const r = visit();
    r.recordRequest(request({ requestId: 'b', url: 'https://blocked.example/x.js' }));
    r.recordRequestEnd('b', 'https://blocked.example/x.js', 0, 'net::ERR_BLOCKED_BY_CLIENT');
    expect(r.state.requests[1]).toMatchObject({ status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' });
  });
});

describe('service-worker requests', () => {
  it('are recorded in the given frame and say a service worker made them', () => {
    const r = visit();
    r.recordServiceWorkerRequest(
      request({ requestId: 'sw1', url: 'https://www.connox.nl/sw.js', tabId: -1, frameId: -1, initiator: 'https://www.connox.nl' }),
      0,
    );
    r.recordServiceWorkerRequest(
      request({ requestId: 'sw2', url: 'https://collector.example/hit', type: 'xmlhttprequest', tabId: -1, frameId: -1, initiator: 'https://www.connox.nl' }),
      0,
    );
    r.recordRequestEnd('sw2', 'https://collector.example/hit', 204, null);
    const [, script, hit] = r.state.requests;
    expect(script).toMatchObject({ via: 'service-worker', party: 'first', frame: { frameId: 0, kind: 'top' } });
    expect(hit).toMatchObject({ via: 'service-worker', party: 'third', host: 'collector.example', status: 204 });
    expect(r.hasRequest('sw2')).toBe(true);
    expect(r.frameOfRequest('sw2')?.kind).toBe('top');
  });
});

describe('frame tree', () => {
  it('keeps parent, frame type and document id, and evidence names the issuing frame', () => {
    const r = visit();
    r.recordRequest(
      request({
        requestId: 'sf',
        url: 'https://ads.example/frame.html',
        type: 'sub_frame',
        frameId: 5,
        parentFrameId: 0,
        frameType: 'sub_frame',
        parentDocumentId: 'DOC-TOP',
      }),
    );
    r.recordRequest(
      request({
        requestId: 'nested',
        url: 'https://tracker.example/inner.html',
        type: 'sub_frame',
        frameId: 9,
        parentFrameId: 5,
        frameType: 'sub_frame',
        parentDocumentId: 'DOC-AD',
      }),
    );
    r.recordRequest(
      request({
        requestId: 'px',
        url: 'https://tracker.example/px.gif',
        type: 'image',
        frameId: 9,
        parentFrameId: 5,
        frameType: 'sub_frame',
        documentId: 'DOC-INNER',
      }),
    );
    r.recordRequest(
      request({ requestId: 'top-js', url: 'https://www.connox.nl/app.js', frameId: 0, parentFrameId: -1, frameType: 'outermost_frame', documentId: 'DOC-TOP' }),
    );
    expect(r.state.frameTree?.[5]).toEqual({
      frameId: 5,
      parentFrameId: 0,
      url: 'https://ads.example/frame.html',
      frameType: 'sub_frame',
      documentId: null,
      parentDocumentId: 'DOC-TOP',
    });
    expect(r.state.frameTree?.[9]).toMatchObject({ parentFrameId: 5, documentId: 'DOC-INNER' });
    // The nested frame's navigation is issued by frame 5, whose document the browser named.
    expect(r.state.requests.find((q) => q.requestId === 'nested')?.frame).toEqual({
      frameId: 5,
      kind: 'sub',
      url: 'https://ads.example/frame.html',
      parentFrameId: 0,
      frameType: 'sub_frame',
      documentId: 'DOC-AD',
    });
    expect(r.state.requests.find((q) => q.requestId === 'px')?.frame).toEqual({
      frameId: 9,
      kind: 'sub',
      url: 'https://tracker.example/inner.html',
      parentFrameId: 5,
      frameType: 'sub_frame',
      documentId: 'DOC-INNER',
    });
    // A top-page script stays the top frame's, with the top document's id.
    expect(r.state.requests.find((q) => q.requestId === 'top-js')?.frame).toEqual({
      frameId: 0,
      kind: 'top',
      url: 'https://www.connox.nl/',
      parentFrameId: -1,
      frameType: 'outermost_frame',
      documentId: 'DOC-TOP',
    });
  });

  it('learns a document id from a content-script sender and round-trips through storage', () => {
    const r = visit();
    r.recordRequest(request({ requestId: 'sf', url: 'https://ads.example/frame.html', type: 'sub_frame', frameId: 5, parentFrameId: 0 }));
    r.recordFrameDocument(5, 'DOC-AD');
    r.recordFrameDocument(0, 'DOC-TOP');
    expect(r.state.frameTree?.[5]?.documentId).toBe('DOC-AD');
    expect(r.state.frameTree?.[0]).toMatchObject({ parentFrameId: -1, documentId: 'DOC-TOP', frameType: 'outermost_frame' });
    const { meta, chunks } = r.takeChanges();
    expect(parseTabState(meta, [chunks.get(0)])).toEqual(r.state);
  });

  it('parses logs written before the frame tree existed', () => {
    const r = visit();
    const { meta, chunks } = r.takeChanges();
    const { frameTree: _t, unsentRequests: _u, ...old } = meta!;
    expect(parseTabState(old, [chunks.get(0)])?.frameTree).toBeUndefined();
  });
});

describe('the top document under another frame id', () => {
  it('attributes a request Chromium marks outermost_frame to the top frame, whatever its frame id', () => {
    const r = visit();
    r.recordRequest(
      request({ requestId: 'js', url: 'https://cdn.example/lib.js', frameId: 6, parentFrameId: -1, frameType: 'outermost_frame', documentId: 'DOC-TOP' }),
    );
    expect(r.state.requests[1]?.frame).toMatchObject({ frameId: 0, kind: 'top', frameType: 'outermost_frame', documentId: 'DOC-TOP' });
  });
});
