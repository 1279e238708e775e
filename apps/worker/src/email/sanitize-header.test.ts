import { describe, expect, it } from 'vitest';
import {
  hasControlCharacters,
  sanitizeDisplayName,
  sanitizeHeaderText,
} from './sanitize-header.js';

describe('sanitizeHeaderText', () => {
  it('replaces CR, LF and other control characters by spaces', () => {
    expect(sanitizeHeaderText('Ana\r\nBcc: victim@example.test')).toBe(
      'Ana  Bcc: victim@example.test',
    );
    expect(sanitizeHeaderText('a\u0000b\tc\u007fd\u0085e\u2028f')).toBe('a b c d e f');
  });

  it('keeps letters outside ASCII as they are', () => {
    expect(sanitizeHeaderText('Fatura – Conceição Araújo ção ü 日本')).toBe(
      'Fatura – Conceição Araújo ção ü 日本',
    );
  });

  it('trims the ends', () => {
    expect(sanitizeHeaderText('\r\n Olá \n')).toBe('Olá');
  });
});

describe('sanitizeDisplayName', () => {
  it('turns a name of only control characters into no name', () => {
    expect(sanitizeDisplayName('\r\n')).toBeUndefined();
    expect(sanitizeDisplayName(undefined)).toBeUndefined();
    expect(sanitizeDisplayName('João\n')).toBe('João');
  });
});

describe('hasControlCharacters', () => {
  it('tells clean text from text with a line break', () => {
    expect(hasControlCharacters('ana@example.test')).toBe(false);
    expect(hasControlCharacters('ana@example.test\r\n')).toBe(true);
  });
});
