/**
 * exceljs, with its streaming reader made safe for Vietnamese. exceljs 4.4's `parse-sax` turns
 * each 16 KiB chunk of a zip entry into text on its own, so a character whose UTF-8 bytes straddle
 * two chunks becomes "��" ("Không thuộc di��n"): upstream issues exceljs#2063 and #2084, fixes
 * #1665, #2894 never released. Before exceljs is first loaded we put a parse-sax that decodes
 * with a StringDecoder (which carries a split character over to the next chunk) in its place in
 * the module cache. If exceljs was loaded before this module (someone imported 'exceljs'
 * directly first), the replacement cannot take effect and `streamingReaderSafe` is false: the
 * importer then uses the whole-file reader, which decodes each entry in one piece.
 *
 * Import exceljs from here, never from 'exceljs' directly.
 */
import Module, { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';

const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const fromExceljs = createRequire(parseSaxPath);

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
interface SaxesParserLike {
  on(event: string, handler: (value: never) => void): void;
  write(text: string): void;
}

/** The same generator as exceljs's parse-sax, with a streaming UTF-8 decoder. */
async function* parseSax(
  input: AsyncIterable<Buffer | string> & { pipe?: unknown },
): AsyncGenerator<SaxEvent[]> {
  const { SaxesParser } = fromExceljs('saxes') as { SaxesParser: new () => SaxesParserLike };
  let iterable = input;
  if (typeof input.pipe === 'function' && !(Symbol.asyncIterator in input)) {
    const { PassThrough } = fromExceljs('readable-stream') as {
      PassThrough: new () => AsyncIterable<Buffer | string>;
    };
    iterable = (input as unknown as { pipe: (s: unknown) => AsyncIterable<Buffer | string> }).pipe(
      new PassThrough(),
    );
  }
  const parser = new SaxesParser();
  let error: unknown;
  parser.on('error', (e: never) => {
    error = e;
  });
  let events: SaxEvent[] = [];
  parser.on('opentag', (value: never) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value: never) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value: never) => events.push({ eventType: 'closetag', value }));
  const decoder = new StringDecoder('utf8');
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest !== '') {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

if (require.cache[parseSaxPath] === undefined) {
  const m = new Module(parseSaxPath);
  m.filename = parseSaxPath;
  m.loaded = true;
  m.exports = parseSax;
  require.cache[parseSaxPath] = m;
}

const ExcelJS = require('exceljs') as typeof import('exceljs');

/** True when exceljs's streaming reader uses the safe parse-sax above. */
export const streamingReaderSafe = require.cache[parseSaxPath]?.exports === parseSax;

export default ExcelJS;
