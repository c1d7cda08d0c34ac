import type { Finding } from '../../../src/core/audit/report-types';
import { createPresenter } from '../../../src/presenter/presenter';

/** Findings are data; these word them in English, as a reader would see them, for assertions. */
const en = createPresenter('en');

function present<T>(f: T | undefined): T {
  if (f === undefined) throw new Error('expected a finding, got none');
  return f;
}

export const title = (f: Pick<Finding, 'message'> | undefined): string => en.findingTitle(present(f));
export const explanation = (f: Pick<Finding, 'message'> | undefined): string => en.findingExplanation(present(f));
export const absence = (f: Pick<Finding, 'absence'> | undefined): string | null => {
  const a = present(f).absence;
  return a ? en.absence(a) : null;
};
export const words = en;
