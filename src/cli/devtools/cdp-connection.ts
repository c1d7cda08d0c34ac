/* eslint-disable @typescript-eslint/no-explicit-any -- raw DevTools-protocol JSON from a socket: every field is read defensively where it is used (optional chaining, typeof checks). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';

/**
 * A raw DevTools-protocol connection to the whole browser, with flat sessions for every
 * target (pages, out-of-process iframes, dedicated, shared and service workers). Playwright's
 * CDPSession reaches only pages and out-of-process frames, never workers, and cannot address
 * the child sessions that auto-attach gives; this one can. Chromium allows several clients,
 * so it runs next to Playwright's own.
 */

type Params = Record<string, unknown>;
export type CdpEventHandler = (method: string, params: any, sessionId: string | undefined) => void;

interface Pending {
  resolve(value: any): void;
  reject(error: Error): void;
  method: string;
}

export class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Set<CdpEventHandler>();
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error(`DevTools connection closed during ${p.method}`));
      this.pending.clear();
    });
  }

  /** Connects to the browser started with `--remote-debugging-port=0` in `profileDir` (Chromium writes DevToolsActivePort there). */
  static async fromProfile(profileDir: string, timeoutMs = 10_000): Promise<CdpConnection> {
    const file = path.join(profileDir, 'DevToolsActivePort');
    const deadline = Date.now() + timeoutMs;
    let lines: string[];
    for (;;) {
      try {
        lines = readFileSync(file, 'utf8').split('\n');
        if (lines.length >= 2 && lines[1]) break;
      } catch {
        // not written yet
      }
      if (Date.now() > deadline) throw new Error(`the browser wrote no ${file} (was it started with --remote-debugging-port=0?)`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return CdpConnection.connect(`ws://127.0.0.1:${lines[0]!.trim()}${lines[1]!.trim()}`);
  }

  static connect(url: string): Promise<CdpConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
      socket.once('open', () => resolve(new CdpConnection(socket)));
      socket.once('error', reject);
    });
  }

  on(handler: CdpEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Sends a command to the browser (no session) or to one target's session. */
  send<T = any>(method: string, params: Params = {}, sessionId?: string): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`DevTools connection closed (${method})`));
    const id = this.nextId++;
    const message = sessionId ? { id, method, params, sessionId } : { id, method, params };
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.socket.send(JSON.stringify(message));
    });
  }

  /** Like send, but a target that went away (a removed frame, a stopped worker) gives undefined instead of an error. */
  async trySend<T = any>(method: string, params: Params = {}, sessionId?: string, timeoutMs = 5_000): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      // A target paused or torn down may never answer; nothing may wait on it for ever.
      return await Promise.race([this.send<T>(method, params, sessionId), timeout]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private onMessage(text: string): void {
    let message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string }; sessionId?: string };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve(message.result);
      return;
    }
    if (message.method) for (const handler of this.handlers) handler(message.method, message.params ?? {}, message.sessionId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
      setTimeout(resolve, 1_000);
    });
  }
}
