/**
 * Reads back the text PDFKit drew with a standard font, for tests and checks. It is not a
 * general PDF parser: it relies on PDFKit's own output, where each page's content stream is
 * Flate-compressed and every run of text is a `[<hex> kerning <hex> …] TJ` array whose hex
 * bytes are WinAnsi codes.
 */
import { inflateSync } from 'node:zlib';
import { WIN_ANSI_EXTRAS } from './text.js';

export interface PdfText {
  /** Number of `/Type /Page` objects. */
  pageCount: number;
  /** One entry per TJ operator (a line, or a piece of one), in drawing order. */
  fragments: string[];
}

const STREAM_START = '>>\nstream\n';
const TEXT_RUN = /\[([^\]]*)\]\s*TJ/g;
const HEX_STRING = /<([0-9a-fA-F]*)>/g;
const PAGE_OBJECT = /\/Type \/Page(?![a-zA-Z])/g;

const FROM_WIN_ANSI = new Map([...WIN_ANSI_EXTRAS].map(([codePoint, byte]) => [byte, codePoint]));

export function extractPdfText(pdf: Buffer): PdfText {
  const raw = pdf.toString('latin1');
  const fragments: string[] = [];
  for (const content of contentStreams(pdf, raw)) {
    for (const run of content.matchAll(TEXT_RUN)) {
      fragments.push(decodeRun(run[1] ?? ''));
    }
  }

  return { pageCount: raw.match(PAGE_OBJECT)?.length ?? 0, fragments };
}

/** The inflated bodies of all Flate streams, found through their `/Length` entries. */
function contentStreams(pdf: Buffer, raw: string): string[] {
  const streams: string[] = [];
  let at = raw.indexOf(STREAM_START);
  while (at !== -1) {
    const dictionary = raw.slice(raw.lastIndexOf(' obj', at), at);
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
    const start = at + STREAM_START.length;
    if (dictionary.includes('/FlateDecode') && Number.isInteger(length)) {
      streams.push(inflateSync(pdf.subarray(start, start + length)).toString('latin1'));
    }
    at = raw.indexOf(STREAM_START, start);
  }
  return streams;
}

/** Joins the hex strings of one TJ array (the numbers between them are kerning). */
function decodeRun(array: string): string {
  let text = '';
  for (const [, hex = ''] of array.matchAll(HEX_STRING)) {
    for (let i = 0; i + 1 < hex.length; i += 2) {
      const byte = Number.parseInt(hex.slice(i, i + 2), 16);
      text += String.fromCodePoint(FROM_WIN_ANSI.get(byte) ?? byte);
    }
  }
  return text;
}
