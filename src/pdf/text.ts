import type { PDFFont } from 'pdf-lib';
import { mexicoDateTime } from '../calendar/calendar.ts';

/**
 * The 14 standard PDF fonts only know WinAnsi (cp1252), and pdf-lib throws on anything else.
 * Spanish (á é í ó ú ñ ü ¿ ¡) is in WinAnsi; names and descriptions from elsewhere (Polish,
 * Turkish, Chinese, emoji, math signs) are transliterated where there is an obvious ASCII
 * form and degrade to '?' otherwise, so a permit always prints.
 */
const REPLACEMENTS: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '\u2014',
  '\u2212': '-',
  '\u2043': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2035': "'",
  '\u201b': "'",
  '\u201f': '"',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2044': '/',
  '\u2215': '/',
  '\u2116': 'No.',
  '\u2219': '\u00b7',
  '\u22c5': '\u00b7',
  '\u0131': 'i',
  '\u0142': 'l',
  '\u0141': 'L',
  '\u0111': 'd',
  '\u0110': 'D',
  '\u0127': 'h',
  '\u0126': 'H',
  '\u0138': 'k',
  '\u0149': "'n",
  '\u014b': 'ng',
  '\u014a': 'NG',
  '\u0167': 't',
  '\u0166': 'T',
  '\u0133': 'ij',
  '\u0132': 'IJ',
  '\u013f': 'L',
  '\u0140': 'l',
  '\u017f': 's',
};

const charSets = new Map<string, Set<number>>();

function charSet(font: PDFFont): Set<number> {
  let set = charSets.get(font.name);
  if (!set) charSets.set(font.name, (set = new Set(font.getCharacterSet())));
  return set;
}

const MARKS = /\p{M}/gu;

/** Text the font can encode: one line (whitespace runs of any kind become single spaces). */
export function encodable(text: string, font: PDFFont): string {
  const set = charSet(font);
  const fits = (s: string) => s !== '' && [...s].every((c) => set.has(c.codePointAt(0)!));
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (/\s/u.test(ch)) out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || /\p{Cf}/u.test(ch))
      continue; // controls, soft hyphen, joiners
    else if (set.has(cp)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined && fits(REPLACEMENTS[ch]!)) out += REPLACEMENTS[ch];
    else {
      // 'ő' -> 'o', 'ș' -> 's' (canonical), 'ﬁ' -> 'fi', 'Ａ' -> 'A' (compatibility)
      const base = [ch.normalize('NFD'), ch.normalize('NFKD')]
        .map((s) => s.replace(MARKS, '').normalize('NFC'))
        .find(fits);
      out += base ?? '?';
    }
  }
  return out.replace(/ {2,}/g, ' ');
}

/** Greedy word wrap to `width`; explicit newlines start new lines, over-long words are cut. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const fitsWidth = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of encodable(paragraph, font).split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fitsWidth(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (!fitsWidth(rest)) {
        let cut = 1;
        while (cut < rest.length && fitsWidth(rest.slice(0, cut + 1))) cut++;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Wraps a URL after its slashes where possible, so a reader can still type it from paper. */
export function wrapUrl(url: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of encodable(url, font).split(/(?<=\/)/)) {
    if (font.widthOfTextAtSize(line + part, size) <= width) {
      line += part;
      continue;
    }
    if (line) lines.push(line);
    const pieces = wrap(part, font, size, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line) lines.push(line);
  return lines;
}

const plainNumber = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 6 });
const fixedNumbers = new Map<number, Intl.NumberFormat>();

/** Quantities and amounts as they are written in Mexico (1,234.5). */
export function formatNumber(value: number, decimals?: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (decimals === undefined) return plainNumber.format(value);
  let format = fixedNumbers.get(decimals);
  if (!format)
    fixedNumbers.set(
      decimals,
      (format = new Intl.NumberFormat('es-MX', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })),
    );
  return format.format(value);
}

/** '2026-03-01 10:15:00 (hora de la Ciudad de México / Mexico City time)', or the raw text if it is not a date. */
export function mexicoTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${mexicoDateTime(at)} (hora de la Ciudad de México / Mexico City time)`;
}
