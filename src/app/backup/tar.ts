/**
 * A small POSIX (ustar) tar writer and reader, enough for audit packs: regular files with short
 * ASCII names. Packs open with `tar`, 7-Zip or Windows' `tar.exe`; reading one back checks every
 * header's checksum and bound. No dependency: the format is 512-byte blocks and octal numbers.
 */

const BLOCK = 512;

export const TAR_LIMITS = {
  nameBytesMax: 100,
  entriesMax: 10_000,
  /** 8 GiB − 1: the most an 11-digit octal size field holds. */
  fileBytesMax: 0o77777777777,
} as const;

export interface TarFile {
  readonly name: string;
  readonly data: Uint8Array;
}

function writeText(block: Buffer, offset: number, length: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > length) throw new Error(`assertion failed: tar field longer than ${length}: ${text}`);
  bytes.copy(block, offset);
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function header(name: string, size: number, mtimeSeconds: number): Buffer {
  if (Buffer.byteLength(name) > TAR_LIMITS.nameBytesMax || !/^[\x21-\x7e]+$/.test(name))
    throw new Error(`assertion failed: tar name not short printable ASCII: ${name}`);
  if (size > TAR_LIMITS.fileBytesMax) throw new Error(`assertion failed: tar file too large: ${name}`);
  const h = Buffer.alloc(BLOCK);
  writeText(h, 0, 100, name);
  writeText(h, 100, 8, '0000644\0');
  writeText(h, 108, 8, '0000000\0');
  writeText(h, 116, 8, '0000000\0');
  writeText(h, 124, 12, octal(size, 12));
  writeText(h, 136, 12, octal(Math.max(0, Math.floor(mtimeSeconds)), 12));
  writeText(h, 148, 8, '        ');
  writeText(h, 156, 1, '0');
  writeText(h, 257, 6, 'ustar\0');
  writeText(h, 263, 2, '00');
  writeText(h, 265, 32, 'soquy');
  writeText(h, 297, 32, 'soquy');
  let sum = 0;
  for (const byte of h) sum += byte;
  writeText(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** The tar archive of `files`, in the order given, every file dated `mtime`. */
export function writeTar(files: readonly TarFile[], mtime: Date): Buffer {
  const parts: Buffer[] = [];
  const seconds = mtime.getTime() / 1000;
  for (const f of files) {
    parts.push(header(f.name, f.data.length, seconds), Buffer.from(f.data));
    const pad = (BLOCK - (f.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** Why a tar cannot be read; the message names the place. */
export class TarError extends Error {}

function field(h: Buffer, offset: number, length: number): string {
  const raw = h.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('latin1');
}

function parseOctal(h: Buffer, offset: number, length: number, what: string, at: number): number {
  const text = field(h, offset, length).trim();
  if (!/^[0-7]{1,11}$/.test(text)) throw new TarError(`header at byte ${at}: ${what} is not an octal number`);
  return Number.parseInt(text, 8);
}

/**
 * The regular files of a tar archive. Directory entries and pax/GNU extension headers are passed
 * over; anything else (links, devices), a bad checksum, a truncated file, a duplicate name or
 * more than TAR_LIMITS.entriesMax entries is a TarError.
 */
export function readTar(archive: Uint8Array): TarFile[] {
  const buf = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const files: TarFile[] = [];
  const names = new Set<string>();
  let offset = 0;
  let entries = 0;
  for (;;) {
    if (offset + BLOCK > buf.length) throw new TarError(`archive ends inside a header at byte ${offset}`);
    const h = buf.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) return files;
    if (++entries > TAR_LIMITS.entriesMax) throw new TarError(`more than ${TAR_LIMITS.entriesMax} entries`);
    const magic = field(h, 257, 6);
    if (!magic.startsWith('ustar')) throw new TarError(`header at byte ${offset}: not a ustar header`);
    const stored = parseOctal(h, 148, 8, 'checksum', offset);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== stored) throw new TarError(`header at byte ${offset}: checksum does not match`);
    const size = parseOctal(h, 124, 12, 'size', offset);
    const type = String.fromCharCode(h[156]!);
    const prefix = field(h, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(h, 0, 100);
    const start = offset + BLOCK;
    if (start + size > buf.length) throw new TarError(`${name}: archive ends inside the file`);
    if (type === '0' || type === '\0') {
      if (names.has(name)) throw new TarError(`${name}: appears twice`);
      names.add(name);
      files.push({ name, data: buf.subarray(start, start + size) });
    } else if (!['5', 'x', 'g', 'L', 'K'].includes(type))
      throw new TarError(`${name}: entry type ${JSON.stringify(type)} is not a regular file`);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
}
