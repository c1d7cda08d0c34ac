import type { CookieClaim, StorageType } from '../../policy/schema.ts';
import { DRAFT_LANGUAGES, LEXICONS } from '../lexicon/lexicons.ts';
import { parseLifetimeCell } from '../tables/parse-lifetime-cell.ts';
import { readTables } from '../tables/read-tables.ts';
import type { TableCell, TableRecord } from '../tables/read-tables.ts';
import type { DocumentSentence } from '../segment-text.ts';
import { nameOrPattern } from '../key-pattern.ts';
import { tokenize } from '../tokenize.ts';
import { findVendorMentions } from '../vendor-phrase-index.ts';
import type { CategoryKind } from '../lexicon/lexicon-types.ts';
import { categoryOfText, consentKindOf } from './category-of-text.ts';
import type { Analysed, DraftContext, ProcessorSlot } from './draft-context.ts';

// A cookie name is one token-like word; a cell with spaces in it names several or is prose.
const COOKIE_NAME_RE = /^[\p{L}\p{N}_.\-:*<>[\]{}#$@]{1,100}$/u;
const NAME_LIST_RE = /\s*[,;]\s*|\s+\/\s+|\s+(?:and|und|en|et|e|y|og|och)\s+/;

/** The storage a type cell names; a cookie unless it says otherwise. */
function storageOf(cell: string | undefined): StorageType {
  if (!cell) return 'cookie';
  if (/local\s?storage|lokaler speicher|persistent storage/i.test(cell)) return 'localStorage';
  if (/session\s?storage/i.test(cell)) return 'sessionStorage';
  if (/indexed\s?db/i.test(cell)) return 'indexedDB';
  return 'cookie';
}

function isFirstPartyCell(ctx: DraftContext, cell: string): boolean {
  if (DRAFT_LANGUAGES.some((l) => LEXICONS[l].firstPartyProvider.test(cell.trim()))) return true;
  return tokenize(cell).some((t) => t.kind === 'word' && ctx.shopTokens.has(t.lower));
}

/** Which processor a record's cookies belong to: its provider cell, its section, its catalogue owner. */
function ownerOf(ctx: DraftContext, record: TableRecord, names: readonly string[], row: Analysed): ProcessorSlot | 'first-party' | null {
  const provider = record.cells.provider?.text;
  if (provider) {
    if (isFirstPartyCell(ctx, provider)) return 'first-party';
    const vendor = findVendorMentions(ctx.index, provider).find((m) => m.vendorId !== null)?.vendorId;
    const slot = vendor ? ctx.processorOfVendor(vendor) : null;
    if (slot) return slot;
  }
  const domain = record.cells.domain?.text;
  if (domain && !provider) {
    const vendor = findVendorMentions(ctx.index, domain).find((m) => m.vendorId !== null)?.vendorId;
    const slot = vendor ? ctx.processorOfVendor(vendor) : null;
    if (slot) return slot;
  }
  const owners = new Set(names.flatMap((n) => ctx.index.knownKeyNames.get(n) ?? []));
  if (owners.size === 1) {
    const slot = ctx.processorOfVendor([...owners][0] as string);
    if (slot) return slot;
  }
  const at = ctx.processorAt(row);
  if (at) return at;
  // A table without a provider column lists the shop's own cookies; with one, an unknown provider is not the shop.
  return provider ? null : 'first-party';
}

/** A consent cell's answer; `phrasesOnly` for another column's cell, where a bare "yes" or "no" says nothing of consent. */
function consentOf(cell: TableCell | undefined, phrasesOnly = false): boolean | null {
  if (!cell) return null;
  for (const lang of DRAFT_LANGUAGES) {
    const lex = LEXICONS[lang];
    if ((!phrasesOnly && lex.no.test(cell.text)) || lex.consentNotRequired.test(cell.text)) return false;
    if ((!phrasesOnly && lex.yes.test(cell.text)) || lex.consentRequired.test(cell.text)) return true;
  }
  return null;
}

/** The category of a row that names none but says whether it needs consent: its purpose's words first. */
function categoryOfConsentRow(ctx: DraftContext, record: TableRecord, owner: ProcessorSlot | 'first-party' | null, consent: boolean): CategoryKind {
  const fromPurpose = consent && record.cells.purpose ? categoryOfText(record.cells.purpose.text, ctx.language) : null;
  if (fromPurpose && fromPurpose !== 'necessary') return fromPurpose;
  const vendorId = owner && owner !== 'first-party' ? owner.model.vendorId : null;
  return consentKindOf(consent, vendorId ? ctx.index.vendorsById.get(vendorId) : undefined);
}

/** Per category, the consent cells of its rows; a category whose rows all agree takes their answer. */
type ConsentCells = Map<string, { values: Set<boolean>; row: DocumentSentence; cell: TableCell }>;

/**
 * Cookie tables, row by row: each named cookie gets its own lifetime (never a site-wide
 * limit), its purpose, storage and category, under the processor its provider cell, section
 * or catalogue entry names, else among the shop's own cookies. A row whose provider is a
 * company the draft does not know is listed for review only.
 */
export function attachCookieTables(ctx: DraftContext): void {
  const bySentence = new Map(ctx.analysed.map((a) => [a.s.index, a]));
  const consentCells: ConsentCells = new Map();
  for (const record of readTables(ctx.analysed.map((a) => a.s))) {
    const nameCell = record.cells.name;
    if (!nameCell) continue;
    const row = bySentence.get(record.row.index) as Analysed;
    const names = nameCell.text.split(NAME_LIST_RE).filter((n) => COOKIE_NAME_RE.test(n));
    if (names.length === 0) continue;
    const lifetime = record.cells.duration ? parseLifetimeCell(record.cells.duration.text) : null;
    const storage = storageOf(record.cells.type?.text);
    const categoryText = record.cells.category?.text ?? record.cells.type?.text ?? ctx.sectionTitle(row.s);
    // "Analítica (requiere consentimiento)": a category or type cell can say it too.
    const consentCell = record.cells.consent ?? [record.cells.category, record.cells.type].find((c) => consentOf(c, true) !== null);
    const consent = consentOf(consentCell, consentCell !== record.cells.consent);
    const owner = ownerOf(ctx, record, names, row);
    const named = categoryOfText(categoryText, ctx.language);
    const kind = named ?? (consent !== null ? categoryOfConsentRow(ctx, record, owner, consent) : null);
    const category = kind ? ctx.category(kind, row, undefined, named === null) : null;
    if (category && consent !== null && consentCell) {
      const seen = consentCells.get(category) ?? { values: new Set<boolean>(), row: record.rowOf.consent ?? record.row, cell: consentCell };
      seen.values.add(consent);
      consentCells.set(category, seen);
    }
    const list = owner === 'first-party' ? ctx.firstPartyCookies : owner ? owner.model.cookies : null;
    for (const name of names) {
      const at = nameCell.text.indexOf(name);
      const local = { start: nameCell.start + Math.max(0, at), end: nameCell.start + Math.max(0, at) + name.length };
      if (!list) {
        ctx.claim(record.row, local, {
          extractor: 'storage-key',
          name,
          storage,
          maxLifetimeDays: lifetime?.days ?? null,
          confidence: 0.5,
          note: `provider "${record.cells.provider?.text ?? ''}" is not in the draft`,
        });
        continue;
      }
      const key = nameOrPattern(name);
      if (list.some((c) => ('name' in key ? c.name === key.name : c.pattern === key.pattern) && c.storage === storage)) continue;
      const cookie: CookieClaim = {
        ...key,
        storage,
        maxLifetimeDays: lifetime?.days ?? null,
        purpose: record.cells.purpose?.text ?? '',
        ...(category ? { category } : {}),
        source: ctx.source(record.row),
        checkable: true,
      };
      list.push(cookie);
      const path = `${owner === 'first-party' ? 'firstPartyCookies' : (owner as ProcessorSlot).path + '.cookies'}[${list.length - 1}]`;
      ctx.claim(record.row, local, {
        extractor: 'storage-key',
        name,
        storage,
        maxLifetimeDays: cookie.maxLifetimeDays,
        confidence: 0.85,
        modelPath: path,
        note: `table row (${record.layout})`,
      });
      const durationRow = record.rowOf.duration;
      if (lifetime && record.cells.duration && durationRow) {
        ctx.claim(
          durationRow,
          { start: record.cells.duration.start + lifetime.start, end: record.cells.duration.start + lifetime.end },
          {
            extractor: 'duration',
            use: 'cookie-lifetime',
            days: lifetime.days ?? 0,
            bound: 'max',
            confidence: 0.85,
            modelPath: `${path}.maxLifetimeDays`,
            note: `lifetime of ${name}`,
          },
        );
      }
    }
    if (owner && owner !== 'first-party' && consent !== null && owner.model.consentRequired === null) {
      owner.model.consentRequired = consent;
      const cell = consentCell as TableCell;
      ctx.claim(record.rowOf.consent ?? record.row, cell, {
        extractor: 'consent',
        kind: consent ? 'required' : 'not-required',
        confidence: 0.8,
        modelPath: `${owner.path}.consentRequired`,
      });
    }
  }
  for (const [id, { values, row, cell }] of consentCells) {
    if (values.size === 1) ctx.categoryConsent(id, [...values][0] as boolean, row, cell);
  }
}
