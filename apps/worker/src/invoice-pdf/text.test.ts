import { describe, expect, it } from 'vitest';
import { isWinAnsi, printableText } from './text.js';

const PORTUGUESE = 'áéíóú âêô ãõ ç à ü ÁÉÍÓÚ ÂÊÔ ÃÕ Ç À Ü';
const WIN_ANSI_PUNCTUATION = '– — « » € … \u2018x\u2019 \u201cx\u201d • ™ ‰ Œ œ Š š Ž ž Ÿ ƒ';

describe('printableText', () => {
  it('keeps Portuguese letters and WinAnsi punctuation exactly', () => {
    expect(printableText(PORTUGUESE)).toBe(PORTUGUESE);
    expect(printableText(WIN_ANSI_PUNCTUATION)).toBe(WIN_ANSI_PUNCTUATION);
    expect(printableText('Rua São Tomé, 45 – Apto 12')).toBe('Rua São Tomé, 45 – Apto 12');
  });

  it('prints decomposed accents exactly like composed ones', () => {
    const decomposed = 'Joa\u0303o Conceic\u0327a\u0303o';

    expect(decomposed).not.toBe('João Conceição');
    expect(printableText(decomposed)).toBe('João Conceição');
    expect(printableText(decomposed)).toBe(printableText('João Conceição'));
  });

  it('replaces each emoji with one visible "?"', () => {
    expect(printableText('Casa 🏠 nova')).toBe('Casa ? nova');
    expect(printableText('ok 👍🏽!')).toBe('ok ?!');
    expect(printableText('família 👨\u200d👩\u200d👧')).toBe('família ?');
  });

  it('replaces letters outside WinAnsi, keeping what it can of the grapheme', () => {
    expect(printableText('Łódź')).toBe('?ód?');
    expect(printableText('a\u0331b')).toBe('a?b');
    expect(printableText('日本')).toBe('??');
  });

  it('turns line breaks and tabs into one space and drops other controls', () => {
    expect(printableText('linha 1\r\nlinha 2\nlinha 3\rfim')).toBe('linha 1 linha 2 linha 3 fim');
    expect(printableText('a\tb')).toBe('a b');
    expect(printableText('a\u0000b\u0007c\u007fd\u0090e')).toBe('abcde');
  });

  it('drops invisible format characters', () => {
    expect(printableText('in\u00advisível')).toBe('invisível');
    expect(printableText('\ufeffzero\u200bwidth\u200e')).toBe('zerowidth');
  });

  it('maps Unicode spaces to a space, keeping no-break ones no-break', () => {
    expect(printableText('a\u2003b\u3000c')).toBe('a b c');
    expect(printableText('1\u202f234')).toBe('1\u00a0234');
  });

  it('leaves only characters Helvetica can draw', () => {
    const messy = 'x\u0301\u0302 😀 \u{1f1e7}\u{1f1f7} Ω ≠ \u0000\n— ok';
    for (const char of printableText(messy)) {
      expect(isWinAnsi(char.codePointAt(0) ?? 0)).toBe(true);
    }
  });
});

describe('isWinAnsi', () => {
  it('covers ASCII, Latin-1 and the 27 extras', () => {
    let count = 0;
    for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
      count += isWinAnsi(codePoint) ? 1 : 0;
    }
    // 95 printable ASCII + 95 of U+00A0-U+00FF (soft hyphen left out) + 27 extras.
    expect(count).toBe(95 + 95 + 27);
  });
});
