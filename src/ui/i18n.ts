import { getContext, setContext } from 'svelte';
import type { Presenter } from '../presenter/presenter';
import type { MessageValues } from '../presenter/translator';

/**
 * The popup's and the options page's words: one presenter per page, in the reader's
 * language, made available to every component through Svelte context.
 */

/** Translate a UI message key; unknown keys come back as the key, so a gap is visible, never blank. */
export type Translate = (key: string, values?: MessageValues) => string;

const PRESENTER_CONTEXT = Symbol('policylens-presenter');

/** Make the presenter available to every descendant component (call during component init). */
export function providePresenter(presenter: Presenter): void {
  setContext(PRESENTER_CONTEXT, presenter);
}

/** A presenter that always forwards to the current one (a component's prop may be replaced). */
export function forwardingPresenter(current: () => Presenter): Presenter {
  return new Proxy({} as Presenter, { get: (_target, key) => Reflect.get(current(), key) });
}

/** The presenter a parent provided (call during component init). */
export function usePresenter(): Presenter {
  const presenter = getContext<Presenter | undefined>(PRESENTER_CONTEXT);
  if (!presenter) throw new Error('usePresenter() called outside a component tree that provided a presenter');
  return presenter;
}

/** The provided presenter's t(), for components that only need UI words. */
export function useTranslate(): Translate {
  const presenter = usePresenter();
  return (key, values) => presenter.t(key, values);
}
