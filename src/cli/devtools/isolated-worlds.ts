/* eslint-disable @typescript-eslint/no-explicit-any -- raw DevTools-protocol JSON from a socket: every field is read defensively where it is used (optional chaining, typeof checks). */
import type { CdpConnection } from './cdp-connection';
import type { AttachedTarget, DevtoolsRecorder } from './devtools-recorder';

/** A frame of the page: the flat session of its target (the page's, or an out-of-process frame's) and its frame id. */
export interface FrameRef {
  sessionId: string;
  frameId: string;
}

export interface IsolatedWorldOptions {
  /** The page's target id (`Target.getTargetInfo` of its session). */
  targetId: string;
  /** The world's name: the page's own scripts live in another world and can never reach it. */
  worldName: string;
  /** A function `(payload: string) => void` defined only inside the world. */
  bindingName: string;
  /** Run at document start in the world of every frame of the page (sub-frames and out-of-process frames included). */
  source: string;
  /** A call of the binding in a frame's world. */
  onCall(frame: FrameRef, payload: string): void;
}

interface ContextInfo {
  frameId: string;
  /** The page's own world (`isDefault`) or one of ours. */
  main: boolean;
  name: string;
}

/**
 * Scripts of the CLI's that must see the page's DOM but never be seen by the page: run in an
 * isolated world of every frame (as an extension's content script is), through the DevTools
 * protocol's `Page.addScriptToEvaluateOnNewDocument` with a world name and a binding exposed
 * only to that world (`Runtime.addBinding` with `executionContextName`). Nothing is added to
 * the page's main world: no global, no binding, no wrapped function. Out-of-process frames
 * get the same set-up while the recorder holds them paused, before their first script.
 */
export class IsolatedWorlds {
  private readonly sessions = new Set<string>();
  /** `${sessionId} ${contextId}` → the context's frame and world. */
  private readonly contexts = new Map<string, ContextInfo>();
  private readonly stops: Array<() => void> = [];

  private constructor(
    private readonly cdp: CdpConnection,
    private readonly options: IsolatedWorldOptions,
    pageSession: string,
  ) {
    this.sessions.add(pageSession);
  }

  /** Call before the page's first navigation (its later documents all get the script at their start). */
  static async attach(recorder: DevtoolsRecorder, options: IsolatedWorldOptions): Promise<IsolatedWorlds> {
    const pageSession = await recorder.sessionOfTarget(options.targetId);
    if (!pageSession) throw new Error('the DevTools client is not attached to the page');
    const worlds = new IsolatedWorlds(recorder.cdp, options, pageSession);
    worlds.stops.push(recorder.cdp.on((method, params, sessionId) => worlds.onEvent(method, params, sessionId)));
    worlds.stops.push(recorder.addTargetHook((target) => worlds.onTarget(target)));
    await worlds.setUp(pageSession, false);
    return worlds;
  }

  detach(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Evaluates in the frame's isolated world (our own script's globals), by value. */
  inWorld<T>(frame: FrameRef, expression: string): Promise<T | undefined> {
    return this.evaluate<T>(frame, expression, false);
  }

  /**
   * Evaluates in the frame's main world, for what only the page's own objects can answer
   * (a consent tool's API). No function of the page is wrapped for it and nothing stays behind.
   */
  inMainWorld<T>(frame: FrameRef, expression: string): Promise<T | undefined> {
    return this.evaluate<T>(frame, expression, true);
  }

  private async evaluate<T>(frame: FrameRef, expression: string, main: boolean): Promise<T | undefined> {
    const contextId = this.contextOf(frame, main);
    if (contextId === null) return undefined;
    const answer = await this.cdp.trySend('Runtime.evaluate', { contextId, expression, returnByValue: true, awaitPromise: true }, frame.sessionId, 10_000);
    if (!answer || answer.exceptionDetails) return undefined;
    return answer.result?.value as T;
  }

  private contextOf(frame: FrameRef, main: boolean): number | null {
    for (const [key, info] of this.contexts) {
      const [sessionId, contextId] = key.split(' ');
      if (sessionId !== frame.sessionId || info.frameId !== frame.frameId) continue;
      if (main ? info.main : info.name === this.options.worldName) return Number(contextId);
    }
    return null;
  }

  private onTarget(target: AttachedTarget): Promise<unknown> | undefined {
    if (target.kind !== 'iframe' || !target.parentSessionId || !this.sessions.has(target.parentSessionId)) return undefined;
    this.sessions.add(target.sessionId);
    // The frame's document may have begun before the target was attached: run in it at once as well.
    return this.setUp(target.sessionId, true);
  }

  private async setUp(sessionId: string, runImmediately: boolean): Promise<void> {
    const { worldName, bindingName, source } = this.options;
    await Promise.all([
      this.cdp.trySend('Runtime.addBinding', { name: bindingName, executionContextName: worldName }, sessionId),
      this.cdp.trySend('Page.addScriptToEvaluateOnNewDocument', { source, worldName, runImmediately }, sessionId),
    ]);
  }

  private onEvent(method: string, params: any, sessionId: string | undefined): void {
    if (!sessionId || !this.sessions.has(sessionId)) return;
    switch (method) {
      case 'Runtime.executionContextCreated': {
        const context = params.context;
        const frameId = context?.auxData?.frameId;
        if (typeof frameId !== 'string' || typeof context.id !== 'number') return;
        this.contexts.set(`${sessionId} ${context.id}`, { frameId, main: context.auxData.isDefault === true, name: String(context.name ?? '') });
        return;
      }
      case 'Runtime.executionContextDestroyed':
        this.contexts.delete(`${sessionId} ${params.executionContextId}`);
        return;
      case 'Runtime.executionContextsCleared':
        for (const key of this.contexts.keys()) if (key.startsWith(`${sessionId} `)) this.contexts.delete(key);
        return;
      case 'Runtime.bindingCalled': {
        if (params.name !== this.options.bindingName || typeof params.payload !== 'string') return;
        const context = this.contexts.get(`${sessionId} ${params.executionContextId}`);
        if (!context || context.name !== this.options.worldName) return;
        this.options.onCall({ sessionId, frameId: context.frameId }, params.payload);
        return;
      }
      case 'Target.detachedFromTarget':
        if (typeof params.sessionId === 'string') this.sessions.delete(params.sessionId);
        return;
      default:
        return;
    }
  }
}
