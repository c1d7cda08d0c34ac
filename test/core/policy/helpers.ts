import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPolicy } from '../../../src/core/policy/load-policy.ts';
import type { PolicyModel } from '../../../src/core/policy/schema.ts';

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

export function connoxYaml(): string {
  return readFileSync(fileURLToPath(new URL('../../../src/core/policy/models/connox.yaml', import.meta.url)), 'utf8');
}

/**
 * The seed policy as one line: PDF line breaks after a hyphen are joined ("e-\n\nmailadres"
 * → "e-mailadres"), every other whitespace run becomes one space.
 */
export function normalisePolicyText(text: string): string {
  return text
    .replace(/(\S)-[ \t]*(?:\r?\n[ \t]*)+/g, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 1-based line and column of the first occurrence of `needle` (plus `offset` chars). */
export function positionOf(text: string, needle: string, offset = 0): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  const before = text.slice(0, at + offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

export function mustLoad(text: string, fileName = 'model.yaml'): PolicyModel {
  const result = loadPolicy(text, fileName);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.model;
}

const src = (quote: string, section = 'Privacy') => `{ quote: "${quote}", section: ${section}, document: policy, origin: policy-text }`;

/** A small valid model; `id` and `domains` vary per test. */
export function demoYaml(id = 'demo', domains: string[] = ['demo.example']): string {
  return `schemaVersion: 1
id: ${id}
title: Demo shop
documents:
  - id: policy
    url: https://demo.example/privacy
    title: Privacy
    language: en
shop:
  name: Demo
  domains: [${domains.join(', ')}]
  language: en
  policyDate: null
  policyVersion: null
  controller:
    name: Demo Ltd
    address: [1 Main Street]
    email: hello@demo.example
    source: ${src('We are Demo Ltd.')}
    checkable: false
  dpo: null
processors:
  - id: analytics
    name: Analytics
    kind: service
    vendorId: google-analytics
    legalEntity: Google
    country: US
    role: processor
    purposes: [statistics]
    legalBasis: []
    consentRequired: true
    category: statistics
    hosts: [www.google-analytics.com]
    cookies:
      - name: _ga
        storage: cookie
        maxLifetimeDays: 400
        purpose: visitor id
        source: ${src('We set _ga.')}
        checkable: true
    thirdCountryTransfer: null
    source: ${src('We use analytics.')}
    checkable: true
firstPartyCookies: []
cookieCategories:
  - id: statistics
    name: Statistics
    legalBasis: []
    consentRequired: true
    firstPartyOnly: false
    maxLifetimeDays: null
    source: ${src('Statistics cookies need consent.')}
    checkable: true
promises:
  - kind: max-cookie-lifetime
    scope: all
    maxDays: 400
    source: ${src('No cookie lives longer than 400 days.')}
    checkable: true
`;
}
