import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';
import { EN_VARIANTS, ES_TO_EN } from './hs/glossary-es.ts';

/**
 * The Harmonized System (HS 2022) nomenclature: chapters (2 digits), headings (4) and subheadings (6),
 * read from hs/harmonized-system.csv on first use (see hs/SOURCE.md). The data is reference data that
 * never changes while the process runs, so it is loaded once per process and kept in memory.
 */
export interface HsEntry {
  code: string;
  level: 2 | 4 | 6;
  description: string;
  parent: string | null;
  section: string;
  sectionName: string;
}

export type HsLevel = HsEntry['level'];
export type HsSearchResult = HsEntry & { score: number };

interface Catalog {
  /** Ordered by code, so a heading's subheadings follow it. */
  entries: readonly HsEntry[];
  byCode: ReadonlyMap<string, HsEntry>;
}

let catalog: Catalog | undefined;

function load(): Catalog {
  if (catalog) return catalog;
  const read = (file: string) => readFileSync(new URL(`./hs/${file}`, import.meta.url));
  const opts = { columns: true, bom: true, skip_empty_lines: true, trim: true } as const;
  const sectionRows = parse(read('sections.csv'), opts) as Array<Record<string, string>>;
  const sectionNames = new Map<string, string>();
  for (const r of sectionRows) {
    const name = r.name ?? '';
    sectionNames.set(r.section ?? '', name.charAt(0).toUpperCase() + name.slice(1));
  }
  const rows = parse(read('harmonized-system.csv'), opts) as Array<Record<string, string>>;
  const entries: HsEntry[] = [];
  for (const r of rows) {
    // UN Comtrade's extras are not HS 2022: the grand total and chapter 99 "not specified according to kind".
    if (r.section === 'TOTAL') continue;
    const code = r.hscode ?? '';
    const level = Number(r.level);
    const sectionName = sectionNames.get(r.section ?? '');
    if (!/^\d+$/.test(code) || (level !== 2 && level !== 4 && level !== 6) || code.length !== level || !sectionName) {
      throw new Error(`harmonized-system.csv: malformed row ${JSON.stringify(r)}`);
    }
    const parent = level === 2 ? null : code.slice(0, level - 2);
    if (level !== 2 && r.parent !== parent) throw new Error(`harmonized-system.csv: ${code} has parent ${r.parent}`);
    entries.push(
      Object.freeze({ code, level, description: r.description ?? '', parent, section: r.section ?? '', sectionName }),
    );
  }
  entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map(entries.map((e) => [e.code, e]));
  if (byCode.size !== entries.length) throw new Error('harmonized-system.csv: duplicate codes');
  for (const e of entries) {
    if (e.parent && byCode.get(e.parent)?.section !== e.section)
      throw new Error(`harmonized-system.csv: ${e.code} has no parent ${e.parent} in its section`);
  }
  catalog = { entries: Object.freeze(entries), byCode };
  return catalog;
}

/** The chapter, heading or subheading with exactly this 2-, 4- or 6-digit code. */
export function hsEntry(code: string): HsEntry | null {
  return load().byCode.get(code) ?? null;
}

/** Every entry of one level (or all of them), in code order. */
export function hsEntries(level?: HsLevel): readonly HsEntry[] {
  const all = load().entries;
  return level ? all.filter((e) => e.level === level) : all;
}

const invalid = (message: string, details: Record<string, unknown>) =>
  new AppError('catalog.hs_invalid', message, 400, details);

const brief = (e: HsEntry) => {
  const d = e.description.length <= 70 ? e.description : `${e.description.slice(0, 70).replace(/[\s,;(]+\S*$/, '')}…`;
  return `${e.code} (${d})`;
};

/** The numerically nearest codes among candidates, lower one first on a tie. */
function nearest(target: string, candidates: readonly HsEntry[], n: number): HsEntry[] {
  const t = Number(target);
  return [...candidates]
    .sort((a, b) => Math.abs(Number(a.code) - t) - Math.abs(Number(b.code) - t) || Number(a.code) - Number(b.code))
    .slice(0, n);
}

/**
 * A goods line's code: 6 to 10 digits whose first 6 are an HS 2022 subheading (Mexico's tariff adds 2-digit
 * fractions and a 2-digit NICO), so 6, 8 or 10 digits. Dots and spaces between digit groups are accepted
 * ("9302.00.01"); the code returned is digits only.
 */
export function checkHsCode(code: string): { code: string; subheading: HsEntry; heading: HsEntry; chapter: HsEntry } {
  const raw = typeof code === 'string' ? code.trim() : '';
  const shape =
    'a goods line takes 6 digits (HS subheading), 8 (tariff fraction) or 10 (fraction and NICO), e.g. ' +
    '9302.00 or 93020001';
  if (!raw) throw invalid(`An HS code is required: ${shape}.`, { reason: 'shape', code });
  if (!/^\d+(?:[. ]\d+)*$/.test(raw)) {
    throw invalid(`HS code "${raw}" must be digits only (dots or spaces between groups are allowed): ${shape}.`, {
      reason: 'shape',
      code: raw,
    });
  }
  const digits = raw.replace(/[. ]/g, '');
  if (digits.length !== 6 && digits.length !== 8 && digits.length !== 10) {
    throw invalid(`HS code "${raw}" has ${digits.length} digits: ${shape}.`, { reason: 'shape', code: raw });
  }
  const { entries, byCode } = load();
  const [cc, hhhh, ssssss] = [digits.slice(0, 2), digits.slice(0, 4), digits.slice(0, 6)];
  const chapter = byCode.get(cc);
  const heading = byCode.get(hhhh);
  const subheading = byCode.get(ssssss);
  if (chapter && heading && subheading) return { code: digits, subheading, heading, chapter };
  const advice = 'Check the code against the tariff, or search the nomenclature by description.';
  if (!chapter) {
    throw invalid(
      `HS code ${digits}: chapter ${cc} does not exist in HS 2022 (chapters run from 01 to 97; 77 is ` +
        `reserved, 98 and 99 are for national use). ${advice}`,
      { reason: 'unknown_chapter', code: digits, chapter: cc },
    );
  }
  if (!heading) {
    const [near] = nearest(
      hhhh,
      entries.filter((e) => e.parent === cc),
      1,
    );
    throw invalid(
      `HS code ${digits}: heading ${hhhh} does not exist in HS 2022 chapter ${brief(chapter)}.` +
        (near ? ` The nearest heading is ${brief(near)}.` : '') +
        ` ${advice}`,
      { reason: 'unknown_heading', code: digits, chapter: cc, nearestHeading: near?.code ?? null },
    );
  }
  const subs = entries.filter((e) => e.parent === hhhh);
  const shown = subs.length <= 12 ? subs : nearest(ssssss, subs, 8).sort((a, b) => (a.code < b.code ? -1 : 1));
  const list =
    shown.map((e) => e.code).join(', ') +
    (shown.length < subs.length ? ` (nearest ${shown.length} of ${subs.length})` : '');
  throw invalid(
    `HS code ${digits}: subheading ${ssssss} does not exist in HS 2022 heading ${brief(heading)}. Its ` +
      `subheadings are ${list}. ${advice}`,
    { reason: 'unknown_subheading', code: digits, heading: hhhh, subheadings: subs.map((e) => e.code) },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Search. Descriptions are English; Spanish words are translated through the glossary (hs/glossary-es.ts).

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'into',
  'its',
  'not',
  'of',
  'on',
  'or',
  'other',
  'such',
  'than',
  'that',
  'the',
  'their',
  'thereof',
  'therefor',
  'to',
  'which',
  'whether',
  'with',
  'no',
  'nec',
  'eg',
  'ie',
  'incl',
  'excl',
  'al',
  'con',
  'de',
  'del',
  'e',
  'el',
  'en',
  'la',
  'las',
  'lo',
  'los',
  'o',
  'otra',
  'otras',
  'otro',
  'otros',
  'para',
  'por',
  'que',
  'se',
  'sin',
  'su',
  'sus',
  'u',
  'un',
  'una',
  'unas',
  'unos',
  'y',
]);

/** Lowercase words without accents: "Vehículos, n.e.c." -> ["vehiculos", "n", "e", "c"]. */
export function hsWords(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

const isContent = (w: string) => w.length > 1 && !STOP_WORDS.has(w) && !/^\d+$/.test(w);

interface Index {
  /** Distinct words of all descriptions, sorted, for prefix look-ups by binary search. */
  words: string[];
  /** word -> pairs (entry index, content words of the description up to the end of the ';'-separated part it is in). */
  postings: Map<string, number[]>;
  parent: Int32Array;
  contentWords: Uint16Array;
}

let index: Index | undefined;

function buildIndex(): Index {
  if (index) return index;
  const { entries } = load();
  const at = new Map(entries.map((e, i) => [e.code, i]));
  const postings = new Map<string, number[]>();
  const parent = new Int32Array(entries.length);
  const contentWords = new Uint16Array(entries.length);
  entries.forEach((e, i) => {
    parent[i] = e.parent ? at.get(e.parent)! : -1;
    for (const part of e.description.split(';')) {
      const words = hsWords(part);
      contentWords[i] = contentWords[i]! + words.filter(isContent).length;
      // How much one reads up to the end of this part: a match in "Medicaments; (long qualification)" counts
      // as one word, one in "Pigs' bristles and hair; and waste thereof" as all of them.
      const size = Math.max(1, contentWords[i]!);
      for (const w of new Set(words)) {
        let list = postings.get(w);
        if (!list) postings.set(w, (list = []));
        list.push(i, size);
      }
    }
  });
  index = { words: [...postings.keys()].sort(), postings, parent, contentWords };
  return index;
}

/** How a query word matches description words: itself and its plurals, and, for a prefix, every longer word. */
interface WordPattern {
  whole: string[];
  prefix: string | null;
}

function plurals(w: string): string[] {
  const forms = [w, `${w}s`, `${w}es`];
  if (/[^aeiou]y$/.test(w)) forms.push(`${w.slice(0, -1)}ies`);
  if (w.endsWith('fe')) forms.push(`${w.slice(0, -2)}ves`);
  else if (w.endsWith('f')) forms.push(`${w.slice(0, -1)}ves`);
  return forms;
}

/**
 * A typed word: a prefix from 4 letters ("pistol" -> "pistols"), and its
 * singular if it looks plural ("tyres" -> "tyre").
 */
function typedPattern(w: string): WordPattern {
  const singulars = [w];
  if (w.length > 3 && w.endsWith('ies')) singulars.push(`${w.slice(0, -3)}y`);
  if (w.length > 3 && w.endsWith('es')) singulars.push(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) singulars.push(w.slice(0, -1));
  return { whole: [...new Set(singulars.flatMap(plurals))], prefix: w.length >= 4 ? w : null };
}

/** A glossary word matches whole (with plurals) unless it ends with "*". */
function glossaryPattern(w: string): WordPattern {
  return w.endsWith('*') ? { whole: [w.slice(0, -1)], prefix: w.slice(0, -1) } : { whole: plurals(w), prefix: null };
}

/** One query term: any alternative may match, and an alternative's words must all be in one description. */
type Term = WordPattern[][];

const glossaryKeys = new Set(Object.keys(ES_TO_EN).flatMap((k) => k.split(' ')));

/** The glossary's form of a Spanish word: plural and feminine endings stripped ("usadas" -> "usado"). */
function glossaryForm(w: string): string {
  const cut = (end: string, by = '') => (w.endsWith(end) ? w.slice(0, w.length - end.length) + by : '');
  const stems = [w, cut('s'), cut('es'), cut('ces', 'z')];
  for (const s of [...stems, ...stems.map((s) => (s.endsWith('a') ? `${s.slice(0, -1)}o` : ''))]) {
    if (s.length > 1 && glossaryKeys.has(s)) return s;
  }
  return w;
}

type HasWord = { has(word: string): boolean };

function translated(english: readonly string[], typed: string, hsWord: HasWord): Term {
  const alternatives = english.map((phrase) =>
    hsWords(phrase.replace(/\*$/, ''))
      .filter((w) => !STOP_WORDS.has(w))
      .map((w, i, all) => glossaryPattern(i === all.length - 1 && phrase.endsWith('*') ? `${w}*` : w)),
  );
  // A typed word the HS text uses itself ("motor", "gas", "media") keeps its English sense too.
  const own = typedPattern(typed);
  if (typed && own.whole.some((w) => hsWord.has(w))) alternatives.push([own]);
  return alternatives;
}

/** The query's terms; a term is null where a glossary word has no HS equivalent (it is ignored). */
function queryTerms(q: string, hsWord: HasWord): Array<Term | null> {
  const typed = hsWords(q);
  const forms = typed.map(glossaryForm);
  const terms: Array<Term | null> = [];
  const stops: Term[] = [];
  for (let i = 0; i < typed.length; i++) {
    const phrase = [3, 2].map((n) => forms.slice(i, i + n)).find((p) => p.length > 1 && ES_TO_EN[p.join(' ')]);
    if (phrase) {
      const english = ES_TO_EN[phrase.join(' ')]!;
      terms.push(english.length ? translated(english, '', hsWord) : null);
      i += phrase.length - 1;
      continue;
    }
    const w = typed[i]!;
    const english =
      ES_TO_EN[forms[i]!] ?? EN_VARIANTS[w] ?? EN_VARIANTS[typedPattern(w).whole.find((s) => EN_VARIANTS[s]) ?? ''];
    if (STOP_WORDS.has(w)) stops.push([[typedPattern(w)]]);
    else if (english) terms.push(english.length ? translated(english, w, hsWord) : null);
    else terms.push([[typedPattern(w)]]);
  }
  if (terms.some((t) => t !== null)) return terms;
  // Nothing but stop words or untranslatable qualifiers: search for them as they are.
  return stops.length ? stops : typed.map((w) => [[typedPattern(w)]]);
}

/** Best match quality of one word in each entry: 1 whole word, 0.85 prefix; and the size of the part it is in. */
function matchWord(p: WordPattern, ix: Index, n: number): { q: Float32Array; size: Uint16Array } {
  const q = new Float32Array(n);
  const size = new Uint16Array(n);
  const mark = (word: string, quality: number) => {
    const list = ix.postings.get(word);
    if (!list) return;
    for (let k = 0; k < list.length; k += 2) {
      const i = list[k]!,
        s = list[k + 1]!;
      if (quality > q[i]! || (quality === q[i] && s < size[i]!)) {
        q[i] = quality;
        size[i] = s;
      }
    }
  };
  if (p.prefix) {
    let lo = 0,
      hi = ix.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ix.words[mid]! < p.prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < ix.words.length && ix.words[k]!.startsWith(p.prefix); k++) mark(ix.words[k]!, 0.85);
  }
  for (const w of p.whole) mark(w, 1);
  return { q, size };
}

/** One term's match in each entry's own description (quality, part size), from either alternative. */
function matchTerm(term: Term, ix: Index, n: number): { q: Float32Array; size: Uint16Array } {
  const q = new Float32Array(n);
  const size = new Uint16Array(n);
  for (const alternative of term) {
    const matches = alternative.map((p) => matchWord(p, ix, n));
    for (let i = 0; i < n; i++) {
      let aq = 1,
        as = 0;
      for (const m of matches) {
        aq = Math.min(aq, m.q[i]!);
        as = Math.max(as, m.size[i]!);
      }
      if (aq > q[i]! || (aq > 0 && aq === q[i] && as < size[i]!)) {
        q[i] = aq;
        size[i] = as;
      }
    }
  }
  return { q, size };
}

const INHERITED_FROM_PARENT = 0.5;
const INHERITED_FROM_CHAPTER = 0.4;

function wordSearch(q: string, level: HsLevel | undefined): HsSearchResult[] {
  const { entries } = load();
  const ix = buildIndex();
  const terms = queryTerms(q, ix.postings);
  const active = terms.filter((t): t is Term => t !== null);
  if (!active.length) return [];
  const n = entries.length;
  const total = new Float64Array(n);
  const part = new Uint16Array(n);
  const alive = new Uint8Array(n).fill(1);
  for (const term of active) {
    const own = matchTerm(term, ix, n);
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      let s = own.q[i]!;
      if (s > 0) {
        part[i] = Math.max(part[i]!, own.size[i]!);
      } else {
        const p = ix.parent[i]!;
        const g = p >= 0 ? ix.parent[p]! : -1;
        s = Math.max(p >= 0 ? own.q[p]! * INHERITED_FROM_PARENT : 0, g >= 0 ? own.q[g]! * INHERITED_FROM_CHAPTER : 0);
      }
      if (s > 0) total[i] = total[i]! + s;
      else alive[i] = 0;
    }
  }
  const results: Array<{ i: number; score: number }> = [];
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    if (!alive[i] || (level && e.level !== level)) continue;
    // Own matches first, then the shorter description part that holds them, then chapters and headings before
    // subheadings, then the shorter description.
    const brevity = 0.1 / (1 + (part[i] || ix.contentWords[i]!));
    const score = total[i]! + brevity + (6 - e.level) * 0.0005 + 0.0005 / (1 + ix.contentWords[i]!);
    results.push({ i, score });
  }
  results.sort((a, b) => b.score - a.score || a.i - b.i);
  return results.map(({ i, score }) => ({ ...entries[i]!, score: Math.round(score * 10000) / 10000 }));
}

function codeSearch(digits: string, level: HsLevel | undefined): HsSearchResult[] {
  const prefix = digits.slice(0, 6);
  return load()
    .entries.filter((e) => e.code.startsWith(prefix) && (!level || e.level === level))
    .sort((a, b) => a.code.length - b.code.length || (a.code < b.code ? -1 : 1))
    .map((e) => ({ ...e, score: Math.round((prefix.length / e.code.length) * 10000) / 10000 }));
}

/**
 * Search by code prefix ("9301", "9301.90", "93 01") or by words, English or Spanish ("armas de fuego",
 * "firearms"): every word must match, as a word prefix, the entry's description or, with less weight, its
 * heading's or chapter's. Best first; `limit` defaults to 20, at most 100.
 */
export function searchHs(q: string, opts: { limit?: number; level?: HsLevel } = {}): HsSearchResult[] {
  const limit = Number.isFinite(opts.limit) ? Math.min(100, Math.max(1, Math.floor(opts.limit!))) : 20;
  const text = typeof q === 'string' ? q.trim() : '';
  if (!text) return [];
  const isCode = /^[\d.\s]+$/.test(text) && /\d/.test(text);
  const results = isCode ? codeSearch(text.replace(/\D/g, ''), opts.level) : wordSearch(text, opts.level);
  return results.slice(0, limit);
}
