import { parseWhoArgument, whoIs, type WhoAnswer, type WhoVendor } from '../core/vendors/who';
import type { VendorIndex } from '../core/vendors/vendor-index';
import { EXIT, type CliIo, parseCommandArgs } from './cli-io';
import { defaultVendorIndex } from './default-vendor-index';

export const WHO_USAGE = `policylens who: who is behind a host, URL, cookie or storage key name, as PolicyLens attributes it.

Usage:
  policylens who [--json] <host|url|name...>

  host or URL    the vendor serving it: company, legal entity, country, category, the layer
                 that knows it (catalogue or third-party-web) and how sure that is
  name           the vendors documenting a cookie or storage key of that name
                 (prefix cookie: for a name that looks like a hostname, host: to force a host)

Options:
  --json         one JSON document on stdout
  -h, --help     this text`;

/** `policylens who …`: exit 0 when every argument could be read (attributed or not), 2 on usage errors. */
export async function whoCommand(argv: readonly string[], io: CliIo, index?: VendorIndex): Promise<number> {
  const parsed = parseCommandArgs(
    'policylens who',
    argv,
    { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
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
  const vendors = index ?? defaultVendorIndex();
  const answers = queries.map((q) => (q.kind === 'invalid' ? null : whoIs(vendors, q))).filter((a): a is WhoAnswer => a !== null);
  if (values.json) io.out(JSON.stringify({ format: 'policylens-who', version: 1, answers }, null, 2));
  else io.out(answers.map(formatAnswer).join('\n\n'));
  return EXIT.ok;
}

// The words below are English for now; they move to the presenter's message catalogue with the CLI summary.

function vendorLines(v: WhoVendor, indent: string): string[] {
  return [
    `${indent}company       ${v.company}`,
    `${indent}vendor        ${v.name} (${v.id})`,
    `${indent}legal entity  ${v.legalEntity ?? 'unknown'}`,
    `${indent}country       ${v.country ?? 'unknown'}`,
    `${indent}category      ${v.category}`,
    `${indent}source        ${v.source}`,
  ];
}

export function formatAnswer(a: WhoAnswer): string {
  if (a.kind === 'host') {
    const head = a.input === a.host ? a.host : `${a.input} (host ${a.host})`;
    if (!a.vendor) return `${head}\n  not attributed: no vendor layer knows this host or its parent domains`;
    // Layers report the host itself as matched (ExtraVendorSource returns no entry), so only the catalogue's entry is worth a line.
    const matched = a.vendor.source === 'catalogue' ? [`  matched       ${a.matchedDomain}`] : [];
    return [head, ...vendorLines(a.vendor, '  '), ...matched, `  confidence    ${a.confidence}`].join('\n');
  }
  const head = `${a.name} (cookie or storage key name)`;
  if (a.documentedBy.length === 0) return `${head}\n  not documented by any catalogue vendor`;
  const lines = [head, `  confidence    ${a.confidence} (${a.vendor ? 'one vendor documents this name' : 'several vendors document this name'})`];
  for (const d of a.documentedBy) {
    const lifetime = d.lifetimeDays === null ? 'lifetime unknown' : d.lifetimeDays === 0 ? 'session' : `${d.lifetimeDays} days`;
    lines.push(`  documented by ${d.vendor.name} as ${d.type} "${d.documentedAs}" (${lifetime}): ${d.purpose}`);
    lines.push(...vendorLines(d.vendor, '    '));
  }
  return lines.join('\n');
}
