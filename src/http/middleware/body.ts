/**
 * Reading a JSON body with a size limit: a declared Content-Length over the limit is refused
 * before reading; a chunked body is counted while read and refused once past it.
 */
import type { Context } from 'hono';
import { HttpError } from '../errors.ts';

/** 1 MB: a batch of a thousand entries fits; anything larger is a mistake or an attack. */
export const JSON_BODY_BYTES_MAX = 1_048_576;

export async function readBodyText(c: Context, maxBytes: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > maxBytes)
    throw new HttpError(413, 'payload_too_large', [], { max: maxBytes });
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, 'payload_too_large', [], { max: maxBytes });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON: 415 without a JSON content type, 400 when it does not parse. */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readBodyText(c, maxBytes);
  if (text.trim() === '') return undefined;
  if (type !== 'application/json') throw new HttpError(415, 'unsupported_media_type');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, 'malformed_json', [
      {
        code: 'json_malformed',
        field: 'body',
        value: null,
        params: { detail: (e as Error).message.slice(0, 120) },
      },
    ]);
  }
}
