import { STORAGE_BUDGET_BYTES, TAB_LIMITS, type TabLimits } from '../core/observe/limits';

/**
 * The per-tab caps of this build. A test build may lower the request cap
 * (VITE_POLICYLENS_REQUEST_CAP) so the e2e test can overflow it in seconds rather than
 * minutes; release builds use the core's defaults.
 */
const override = Number(import.meta.env.VITE_POLICYLENS_REQUEST_CAP ?? '');

export const TAB_LIMITS_IN_BUILD: TabLimits = Number.isInteger(override) && override > 0 ? { ...TAB_LIMITS, requests: override } : TAB_LIMITS;

/**
 * The storage budget of this build: a test build may lower it (VITE_POLICYLENS_STORAGE_BUDGET,
 * bytes) so the e2e test reaches it with a few hundred requests.
 */
const budgetOverride = Number(import.meta.env.VITE_POLICYLENS_STORAGE_BUDGET ?? '');

export const STORAGE_BUDGET_IN_BUILD: number = Number.isInteger(budgetOverride) && budgetOverride > 0 ? budgetOverride : STORAGE_BUDGET_BYTES;
