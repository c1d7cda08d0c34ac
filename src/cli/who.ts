import { parseWhoArgument, whoIs, type WhoAnswer, type WhoVendor } from '../core/vendors/who';
import type { VendorIndex } from '../core/vendors/vendor-index';
import { EXIT, type CliIo, parseCommandArgs } from './cli-io';
import { defaultVendorIndex } from './default-vendor-index';
import { languageOption } from './language-option';
import { createPresenter, type Presenter } from '../presenter/presenter';

export const WHO_USAGE = `policylens who: who is behind a host, URL, cookie or storage key name, as PolicyLens attributes it.

Usage:
  policylens who [--json] <host|url|name...>

  host or URL    the vendor serving it: company, legal entity, country, category, the layer
                 that knows it (catalogue or third-party-web) and how sure that is
  name           the vendors documenting a cookie or storage key of that name
                 (prefix cookie: for a name that looks like a hostname, host: to force a host)

Options:
  --json         one JSON document on stdout
  --lang <code>  language of the answer (en, nl, de, fr, it, es, da, sv; default: the locale)
  -h, --help     this text`;

/** `policylens who …`: exit 0 when every argument could be read (attributed or not), 2 on usage errors. */
export async function whoCommand(argv: readonly string[], io: CliIo, index?: VendorIndex): Promise<number> {
  const parsed = parseCommandArgs(
    'policylens who',
    argv,
    { json: { type: 'boolean', default: false }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    io,
    WHO_USAGE,
  );
  if (!parsed) return EXIT.usage;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(WHO_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    io.err(`policylens who: give at least one host, URL or cookie name\n\n${WHO_USAGE}`);
    return EXIT.usage;
  }
  const queries = positionals.map(parseWhoArgument);
  const invalid = queries.filter((q) => q.kind === 'invalid');
  if (invalid.length > 0) {
    for (const q of invalid) io.err(`policylens who: "${q.input}": ${q.message}`);
    return EXIT.usage;
  }
  const problems: string[] = [];
  const presenter = createPresenter(languageOption(values.lang, problems));
  if (problems.length > 0) {
    for (const problem of problems) io.err(`policylens who: ${problem}`);
    return EXIT.usage;
  }
  const vendors = index ?? defaultVendorIndex();
  const answers = queries.map((q) => (q.kind === 'invalid' ? null : whoIs(vendors, q))).filter((a): a is WhoAnswer => a !== null);
  if (values.json) io.out(JSON.stringify({ format: 'policylens-who', version: 1, answers }, null, 2));
  else io.out(answers.map((a) => formatAnswer(a, presenter)).join('\n\n'));
  return EXIT.ok;
}

type Label = 'company' | 'vendor' | 'legalEntity' | 'country' | 'category' | 'source' | 'matched' | 'confidence';
const LABELS: readonly Label[] = ['company', 'vendor', 'legalEntity', 'country', 'category', 'source', 'matched', 'confidence'];

/** The answer's labels in the reader's language, padded to one column. */
function labeller(p: Presenter): (label: Label) => string {
  const words = new Map(LABELS.map((l) => [l, p.t(`who.label.${l}`)] as const));
  const width = Math.max(...[...words.values()].map((w) => w.length)) + 2;
  return (label) => words.get(label)!.padEnd(width);
}

function vendorLines(v: WhoVendor, indent: string, p: Presenter): string[] {
  const label = labeller(p);
  return [
    `${indent}${label('company')}${v.company}`,
    `${indent}${label('vendor')}${v.name} (${v.id})`,
    `${indent}${label('legalEntity')}${v.legalEntity ?? p.t('who.unknown')}`,
    `${indent}${label('country')}${v.country ? p.country(v.country) : p.t('who.unknown')}`,
    `${indent}${label('category')}${p.vendorCategory(v.category)}`,
    `${indent}${label('source')}${p.t('who.source', { source: v.source === 'third-party-web' ? 'thirdPartyWeb' : v.source })}`,
  ];
}

export function formatAnswer(a: WhoAnswer, p: Presenter): string {
  const label = labeller(p);
  const confidence = (level: string | null) => (level === null ? p.t('who.unknown') : p.t('who.confidenceLevel', { level }));
  if (a.kind === 'host') {
    const head = a.input === a.host ? a.host : p.t('who.hostOf', { input: a.input, host: a.host });
    if (!a.vendor) return `${head}\n  ${p.t('who.notAttributed')}`;
    // Layers report the host itself as matched (ExtraVendorSource returns no entry), so only the catalogue's entry is worth a line.
    const matched = a.vendor.source === 'catalogue' ? [`  ${label('matched')}${a.matchedDomain}`] : [];
    return [head, ...vendorLines(a.vendor, '  ', p), ...matched, `  ${label('confidence')}${confidence(a.confidence)}`].join('\n');
  }
  const head = p.t('who.nameHead', { name: a.name });
  if (a.documentedBy.length === 0) return `${head}\n  ${p.t('who.notDocumented')}`;
  const lines = [head, `  ${label('confidence')}${confidence(a.confidence)} (${p.t('who.namedBy', { count: a.vendor ? 1 : 2 })})`];
  for (const d of a.documentedBy) {
    const lifetime = d.lifetimeDays === null ? p.t('who.lifetimeUnknown') : p.lifetime(d.lifetimeDays === 0 ? null : d.lifetimeDays);
    lines.push(`  ${p.t('who.documentedBy', { vendor: d.vendor.name, type: d.type, name: d.documentedAs, lifetime, purpose: d.purpose })}`);
    lines.push(...vendorLines(d.vendor, '    ', p));
  }
  return lines.join('\n');
}
