/**
 * Header text from job data (display names, subjects, attachment filenames) must stay one
 * header. Nodemailer encodes such values too, but a CR or LF that reached it raw would be the
 * only thing between a renter's name and an extra `Bcc:` line, so they are removed here first.
 * Letters outside ASCII are kept: nodemailer encodes them (RFC 2047 words, RFC 2231 params).
 */

// Cc is every control character: C0 (CR, LF, TAB, NUL...), DEL and C1. The Unicode line and
// paragraph separators are added because some mail software also reads them as line breaks.
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/gu;

/** Replaces every control character by a space and trims the ends. */
export function sanitizeHeaderText(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ').trim();
}

/** Like `sanitizeHeaderText`, but an empty result becomes `undefined` (no display name). */
export function sanitizeDisplayName(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }

  const clean = sanitizeHeaderText(value);
  return clean === '' ? undefined : clean;
}

export function hasControlCharacters(value: string): boolean {
  return new RegExp(CONTROL_CHARACTERS.source, 'u').test(value);
}
