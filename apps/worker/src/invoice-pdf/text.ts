/**
 * Makes any string safe to draw with PDFKit's built-in Helvetica.
 *
 * The 14 standard PDF fonts need no embedding (embedding a TTF made rendering about 12 times
 * slower), but they only reach the WinAnsi character set: ASCII, Latin-1 (U+00A0-U+00FF, so
 * all Portuguese letters) and 27 extras such as "–", "—", "€", "…" and curly quotes. PDFKit
 * does not check: it writes each UTF-16 unit as a hex byte, so a character outside the set
 * comes out as garbage and an emoji as two garbage glyphs. `printableText` decides first:
 *
 * - Text is NFC-normalised, so "Conceic\u0327a\u0303o" (decomposed) prints exactly like
 *   "Conceição": the combining marks fold into the precomposed WinAnsi letters.
 * - Line breaks and tabs become one space; other control and invisible format characters
 *   (zero-width space, soft hyphen, direction marks, BOM) are dropped.
 * - Unicode spaces become a plain space; the no-break ones (U+202F, U+2007) become U+00A0.
 * - Anything else outside WinAnsi becomes a visible "?", one per user-perceived character
 *   (grapheme), so "👍🏽" or a family emoji is a single "?", never a row of them. A "?" tells
 *   the reader something was there; silently stripping a letter could change a name.
 */

/** The code points WinAnsi places in 0x80-0x9F, mapped to their byte. */
export const WIN_ANSI_EXTRAS: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], // €
  [0x201a, 0x82], // ‚
  [0x0192, 0x83], // ƒ
  [0x201e, 0x84], // „
  [0x2026, 0x85], // …
  [0x2020, 0x86], // †
  [0x2021, 0x87], // ‡
  [0x02c6, 0x88], // ˆ
  [0x2030, 0x89], // ‰
  [0x0160, 0x8a], // Š
  [0x2039, 0x8b], // ‹
  [0x0152, 0x8c], // Œ
  [0x017d, 0x8e], // Ž
  [0x2018, 0x91], // left single quote
  [0x2019, 0x92], // right single quote
  [0x201c, 0x93], // left double quote
  [0x201d, 0x94], // right double quote
  [0x2022, 0x95], // •
  [0x2013, 0x96], // –
  [0x2014, 0x97], // —
  [0x02dc, 0x98], // ˜
  [0x2122, 0x99], // ™
  [0x0161, 0x9a], // š
  [0x203a, 0x9b], // ›
  [0x0153, 0x9c], // œ
  [0x017e, 0x9e], // ž
  [0x0178, 0x9f], // Ÿ
]);

const SOFT_HYPHEN = 0xad;

/** True when Helvetica in WinAnsi encoding has a glyph for the code point. */
export function isWinAnsi(codePoint: number): boolean {
  if (codePoint >= 0x20 && codePoint <= 0x7e) {
    return true;
  }
  if (codePoint >= 0xa0 && codePoint <= 0xff) {
    return codePoint !== SOFT_HYPHEN;
  }
  return WIN_ANSI_EXTRAS.has(codePoint);
}

const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
const NO_BREAK_SPACES = /[\u2007\u202f]/g;
const OTHER_SPACES = /[\u1680\u2000-\u200a\u205f\u3000]/g;

/** Controls and invisible format characters (Cc, Cf): they have no glyph to show. */
const INVISIBLE = /^[\p{Cc}\p{Cf}]$/u;

/** Everything printable as-is, checked before the slower per-grapheme pass. */
const EXTRAS_CLASS = [...WIN_ANSI_EXTRAS.keys()].map(escapeCodePoint).join('');
const ALL_PRINTABLE = new RegExp(`^[\\x20-\\x7e\\u00a0-\\u00ac\\u00ae-\\u00ff${EXTRAS_CLASS}]*$`);

const REPLACEMENT = '?';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Returns `input` reduced to what Helvetica/WinAnsi can draw. See the module header. */
export function printableText(input: string): string {
  const text = input
    .normalize('NFC')
    .replace(LINE_BREAKS, ' ')
    .replace(NO_BREAK_SPACES, '\u00a0')
    .replace(OTHER_SPACES, ' ');
  if (ALL_PRINTABLE.test(text)) {
    return text;
  }

  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    out += printableGrapheme(segment);
  }
  return out;
}

/** Keeps the drawable characters of one grapheme and stands one "?" for the rest. */
function printableGrapheme(grapheme: string): string {
  let out = '';
  let replaced = false;
  for (const char of grapheme) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isWinAnsi(codePoint)) {
      out += char;
    } else if (!INVISIBLE.test(char) && !replaced) {
      out += REPLACEMENT;
      replaced = true;
    }
  }
  return out;
}

function escapeCodePoint(codePoint: number): string {
  return `\\u${codePoint.toString(16).padStart(4, '0')}`;
}
